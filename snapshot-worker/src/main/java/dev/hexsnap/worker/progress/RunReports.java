package dev.hexsnap.worker.progress;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The summary of the last execution this process ran, for the command line to print (the
 * log gets a one-line version). Thread-safe.
 */
public final class RunReports {

    private final AtomicReference<String> last = new AtomicReference<>();

    void publish(String summary) {
        last.set(summary);
    }

    public Optional<String> last() {
        return Optional.ofNullable(last.get());
    }
}
