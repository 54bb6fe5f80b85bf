package dev.hexsnap.client;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SOA service embeds the client without Spring: in a JVM whose class path holds no Spring
 * artifact, both shipped contracts load and judge pages. (The build's enforcer keeps Spring out
 * of the client's dependencies; this proves the code it runs does not need it either.)
 */
class ClientWithoutSpringIntegrationTests {

    @Test
    void contractsLoadAndJudgeWithoutSpringOnTheClassPath() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("springframework") && !entry.contains("spring-"))
                .collect(Collectors.joining(File.pathSeparator));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", classPath, Judge.class.getName()).redirectErrorStream(true).start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("spring absent", "hexsnap-v1 full USE_UPSTREAM", "hexsnap-v1 empty FALL_BACK",
                "demo-gateway failure FALL_BACK");
    }

    /** Runs in the JVM without Spring. */
    static final class Judge {

        public static void main(String[] args) {
            try {
                Class.forName("org.springframework.util.unit.DataSize");
                System.out.println("spring present");
            } catch (ClassNotFoundException e) {
                System.out.println("spring absent");
            }
            var v1 = FallbackPolicy.standard();
            var gateway = FallbackPolicy.contract(dev.hexsnap.core.upstream.contract.UpstreamContract.load("demo-gateway",
                    Map.of("HEXSNAP_UPSTREAM_GATEWAY_TOKEN", "placeholder")), 20);
            PageRequest home = PageRequest.home(31.2304, 121.4737);
            String page = "{\"kind\":\"home\",\"lat\":31.2304,\"lng\":121.4737,\"serviceable\":true,\"floors\":[%s]}";
            for (var sample : List.of(Map.entry("full", page.formatted("{\"stores\":[{\"storeId\":\"s1\",\"status\":\"open\"}]}")),
                    Map.entry("empty", page.formatted("")))) {
                System.out.println("hexsnap-v1 " + sample.getKey() + " " + v1.judge(home, ok(sample.getValue()), 1));
            }
            System.out.println("demo-gateway failure " + gateway.judge(home, ok("{\"code\":50302,\"message\":\"down\",\"data\":null}"), 1));
        }

        private static UpstreamAnswer ok(String json) {
            return UpstreamAnswer.ok(json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
