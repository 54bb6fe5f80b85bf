package dev.hexsnap.worker.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a recorded worker run spent its CPU: the CPU-time samples of a Flight Recorder file,
 * by activity (the first frame of the stack, from the top, that names one) and by top method.
 * Run by {@code bench/worker-profile}; {@code ProfileSummary FILE.jfr [ACTIVITY]} lists only the
 * top methods of the activities whose name starts with ACTIVITY.
 */
public final class ProfileSummary {

    /** Activities, tried in order against each frame from the top of the stack down: the first match names the sample. */
    private static final List<String[]> ACTIVITIES = List.of(
            new String[]{"gzip (zlib deflate)", "java.util.zip.Deflater"},
            new String[]{"gzip (other)", "org.apache.commons.compress.compressors.gzip", "dev.hexsnap.core.snapshot.GzipCodec"},
            new String[]{"SHA-256", "sun.security.provider.SHA2", "sun.security.provider.DigestBase"},
            new String[]{"CRC-32C", "java.util.zip.CRC32C"},
            new String[]{"page checks (summaries)", "dev.hexsnap.core.page.PageSummaryReader"},
            new String[]{"page checks (full read)", "dev.hexsnap.core.page.PageInspector", "tools.jackson.databind"},
            new String[]{"JSON tokens (other)", "tools.jackson.core"},
            new String[]{"entry framing", "dev.hexsnap.core.snapshot.SnapshotEntryCodec"},
            new String[]{"Redis (Lettuce, Netty)", "io.lettuce", "io.netty"},
            new String[]{"MySQL (JDBC, pool)", "com.mysql", "com.zaxxer", "org.springframework.jdbc"},
            new String[]{"HTTP client", "jdk.internal.net.http", "java.net.http"},
            new String[]{"Spring Batch", "org.springframework.batch"},
            new String[]{"Spring (other)", "org.springframework"},
            new String[]{"worker", "dev.hexsnap.worker"},
            new String[]{"logging", "ch.qos.logback", "org.slf4j"},
            new String[]{"JVM: GC", "GC Thread", "G1 "},
            new String[]{"threads, locks, queues", "java.util.concurrent", "jdk.internal.misc.Unsafe.park"});

    private ProfileSummary() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> byActivity = new LinkedHashMap<>();
        for (String[] activity : ACTIVITIES) {
            byActivity.put(activity[0], 0);
        }
        Map<String, Integer> byMethod = new TreeMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.CPUTimeSample")) {
                continue;
            }
            total++;
            RecordedStackTrace stack = event.getStackTrace();
            String activity = "other (JVM, JIT, JDK)";
            String top = "(no Java frame)";
            if (stack != null && !stack.getFrames().isEmpty()) {
                RecordedFrame first = stack.getFrames().getFirst();
                top = first.getMethod().getType().getName() + "." + first.getMethod().getName();
                search:
                for (RecordedFrame frame : stack.getFrames()) {
                    String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                    for (String[] candidate : ACTIVITIES) {
                        for (int i = 1; i < candidate.length; i++) {
                            if (name.startsWith(candidate[i])) {
                                activity = candidate[0];
                                break search;
                            }
                        }
                    }
                }
            } else {
                String thread = event.getThread("eventThread") == null ? "" : event.getThread("eventThread").getOSName();
                for (String[] candidate : ACTIVITIES) {
                    for (int i = 1; i < candidate.length; i++) {
                        if (thread != null && thread.startsWith(candidate[i])) {
                            activity = candidate[0];
                        }
                    }
                }
            }
            byActivity.merge(activity, 1, Integer::sum);
            if (args.length < 2 || activity.startsWith(args[1])) {
                byMethod.merge(top, 1, Integer::sum);
            }
        }
        if (total == 0) {
            System.out.println("no CPU-time samples in the recording (jdk.CPUTimeSample needs JDK 25 on Linux)");
            return;
        }
        int samples = total;
        System.out.printf(Locale.ROOT, "%nCPU by activity (%,d CPU-time samples):%n", samples);
        byActivity.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.printf(Locale.ROOT, "  %-28s %6.1f%%%n", e.getKey(), 100.0 * e.getValue() / samples));
        System.out.printf(Locale.ROOT, "%nCPU by top method (first 25%s):%n", args.length < 2 ? "" : ", activity " + args[1] + "...");
        byMethod.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %6.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
