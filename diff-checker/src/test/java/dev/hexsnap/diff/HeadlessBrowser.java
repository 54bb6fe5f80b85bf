package dev.hexsnap.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium, headless: renders a page and returns the DOM it built. A test that needs
 * it fails (never skips) when it is missing: {@code scripts/ensure-services} installs it.
 */
final class HeadlessBrowser {

    private HeadlessBrowser() {
    }

    static String dumpDom(Path html, Path profile) throws IOException, InterruptedException {
        String browser = find();
        Files.createDirectories(profile);
        Path dom = profile.resolve("dom.html");
        Path log = profile.resolve("chromium.log");
        Process process = new ProcessBuilder(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath().resolve("profile"), "--dump-dom",
                html.toAbsolutePath().toUri().toString()))
                .redirectOutput(dom.toFile())
                .redirectError(log.toFile())
                .start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not render " + html + " within 90 s; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + process.exitValue() + ": " + Files.readString(log));
        }
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    private static String find() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("no chromium found (looked for /usr/bin/chromium); install Debian's: "
                + "apt-get update && apt-get install -y chromium (scripts/ensure-services does it)");
    }
}
