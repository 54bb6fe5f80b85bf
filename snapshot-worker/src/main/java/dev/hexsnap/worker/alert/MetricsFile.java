package dev.hexsnap.worker.alert;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the command's metrics in Prometheus's text format when the command ends
 * ({@code hexsnap.worker.alerts.metrics-file}): a batch command is gone before anything could
 * scrape it, so node_exporter's textfile collector reads the file instead. The file is replaced
 * atomically (written beside it, then moved), so a collector never reads half of it.
 */
public final class MetricsFile implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MetricsFile.class);

    private final PrometheusMeterRegistry registry;
    private final Path file;

    /** @param file where to write; blank for nowhere */
    public MetricsFile(PrometheusMeterRegistry registry, String file) {
        this.registry = registry;
        this.file = file.isBlank() ? null : Path.of(file).toAbsolutePath();
    }

    /** Writes the metrics now. */
    public void write() throws IOException {
        if (file == null) {
            return;
        }
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, registry.scrape(), StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void destroy() {
        try {
            write();
        } catch (IOException e) {
            log.warn("cannot write the metrics file {}: {}", file, e.toString());
        }
    }
}
