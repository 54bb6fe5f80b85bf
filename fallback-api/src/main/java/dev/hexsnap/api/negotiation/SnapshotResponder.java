package dev.hexsnap.api.negotiation;

import dev.hexsnap.api.source.GenerationPointers.Serving;
import dev.hexsnap.api.source.HotEntryCache;
import dev.hexsnap.core.snapshot.EntryMetadata;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Locale;

/**
 * Writes a snapshot answer: the headers that say what was served, then either 304 (use your
 * local copy) or 200 with the body. A client that accepts gzip gets the stored gzip bytes as
 * they are, with no decompression; any other client gets the page decompressed.
 *
 * <h2>Headers of every snapshot answer</h2>
 * <ul>
 *   <li>{@code X-Snapshot-Generation}, {@code X-Snapshot-Slot} (and {@code X-Snapshot-Slot-Fallback: night}
 *       when night fell back to day);</li>
 *   <li>{@code X-Snapshot-Fallback}: exact, neighbour, coarser or finer; for location pages also
 *       {@code X-Snapshot-Cell}, {@code X-Snapshot-Resolution} and {@code X-Snapshot-Requested-Cell};</li>
 *   <li>{@code X-Snapshot-Age} (seconds since the crawl) and {@code X-Snapshot-Crawled-At} (RFC 3339);</li>
 *   <li>{@code Age}, {@code Cache-Status} (RFC 9211), {@code ETag} (the content hash of the page),
 *       {@code Last-Modified} (the crawl time), {@code Vary}, {@code Cache-Control: no-cache};</li>
 *   <li>{@code X-Client-Cache-Action}: {@code use-local} on 304, {@code store} on 200, with
 *       {@code X-Client-Cache-Reason} saying why.</li>
 * </ul>
 *
 * <p>A gzip body the hot cache holds as a file is handed to Tomcat to send with {@code sendfile}
 * (its {@code org.apache.tomcat.sendfile.*} request attributes, where the connector supports it:
 * plain HTTP, not TLS); any other is written from memory.
 *
 * <p>Headers are added rather than set: each is written once per answer, and Tomcat's
 * {@code setHeader} scans every header already there (measurable at tens of thousands of
 * answers per second).
 *
 * <p>Thread-safe.
 */
public final class SnapshotResponder {

    public static final String GENERATION_HEADER = "X-Snapshot-Generation";
    public static final String SLOT_HEADER = "X-Snapshot-Slot";
    public static final String SLOT_FALLBACK_HEADER = "X-Snapshot-Slot-Fallback";
    public static final String CELL_HEADER = "X-Snapshot-Cell";
    public static final String REQUESTED_CELL_HEADER = "X-Snapshot-Requested-Cell";
    public static final String RESOLUTION_HEADER = "X-Snapshot-Resolution";
    public static final String AGE_HEADER = "X-Snapshot-Age";
    public static final String CRAWLED_AT_HEADER = "X-Snapshot-Crawled-At";
    public static final String ACTION_HEADER = "X-Client-Cache-Action";
    public static final String ACTION_REASON_HEADER = "X-Client-Cache-Reason";
    public static final String CACHE_STATUS = "Cache-Status";

    private static final String VARY = "Accept-Encoding, " + ClientCache.STATE_HEADER + ", " + ClientCache.CACHED_AT_HEADER;

    /** Set by Tomcat when the connector can send this answer's body with sendfile. */
    static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";
    static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    private final Negotiation negotiation;
    private final HotEntryCache bodies;

    /**
     * @param negotiation    decides between 304 and 200
     * @param bodies         where a hot entry's gzip body is kept as a file
     */
    public SnapshotResponder(Negotiation negotiation, HotEntryCache bodies) {
        this.negotiation = negotiation;
        this.bodies = bodies;
    }

    /** Sets the headers that describe the generation; called before the lookup so that a 404 carries them too. */
    public void describe(Serving serving, HttpServletResponse response) {
        response.addHeader(GENERATION_HEADER, serving.published().generation());
        response.addHeader(SLOT_HEADER, serving.published().slot().id());
        if (serving.wantedSlot() != serving.published().slot()) {
            response.addHeader(SLOT_FALLBACK_HEADER, serving.wantedSlot().id());
        }
    }

    /** Whether the client's copy is young enough to answer 304 before any lookup. */
    public boolean youngCopy(ClientCache client, Instant now) {
        return negotiation.youngCopy(client, now);
    }

    /**
     * Writes the 304 for a young client copy, decided before any lookup: no entry headers (none
     * was read), the generation headers when the pointers are known in process.
     */
    public void writeYoungCopy(HttpServletResponse response) {
        response.addHeader(CACHE_STATUS, "hexsnap; fwd=bypass; detail=young-client-copy");
        response.addHeader("Vary", VARY);
        response.addHeader("Cache-Control", "no-cache");
        response.addHeader(ACTION_REASON_HEADER, Negotiation.FRESH_COPY.reason());
        response.addHeader(ACTION_HEADER, "use-local");
        response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
    }

    /** Writes the answer for a found snapshot; returns whether it was a 304. */
    public boolean write(Served served, ClientCache client, HttpServletRequest request, HttpServletResponse response,
                         Instant now) throws IOException {
        EntryMetadata metadata = served.entry().metadata();
        long ageSeconds = Math.max(0, Duration.between(metadata.crawledAt(), now).toSeconds());
        response.addHeader(FallbackKind.HEADER, served.fallback().id());
        if (served.servedCell() != 0) {
            response.addHeader(CELL_HEADER, Long.toHexString(served.servedCell()));
            response.addHeader(REQUESTED_CELL_HEADER, Long.toHexString(served.requestedCell()));
            response.addHeader(RESOLUTION_HEADER, Integer.toString(served.resolution()));
        }
        response.addHeader(AGE_HEADER, Long.toString(ageSeconds));
        response.addHeader(CRAWLED_AT_HEADER, metadata.crawledAt().toString());
        response.addHeader("Age", Long.toString(ageSeconds));
        response.addHeader(CACHE_STATUS, "hexsnap; hit; key=\"" + served.key().path() + "\"; detail=" + served.fallback().id());
        response.addHeader("ETag", '"' + metadata.etag() + '"');
        response.addDateHeader("Last-Modified", metadata.crawledAt().toEpochMilli());
        response.addHeader("Vary", VARY);
        response.addHeader("Cache-Control", "no-cache");

        Negotiation.Decision decision = negotiation.decide(client, metadata, now);
        response.addHeader(ACTION_REASON_HEADER, decision.reason());
        if (decision.useLocalCopy()) {
            response.addHeader(ACTION_HEADER, "use-local");
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return true;
        }
        response.addHeader(ACTION_HEADER, "store");
        response.setContentType("application/json");
        if (acceptsGzip(request)) {
            response.addHeader("Content-Encoding", "gzip");
            response.setContentLength(served.entry().gzipLength());
            // Not for HEAD: Tomcat would send the file all the same.
            if ("GET".equals(request.getMethod()) && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))) {
                Path file = bodies.bodyFile(served.entry());
                if (file != null) {
                    request.setAttribute(SENDFILE_FILENAME, file.toString());
                    request.setAttribute(SENDFILE_START, 0L);
                    request.setAttribute(SENDFILE_END, (long) served.entry().gzipLength());
                    return false;
                }
            }
            try (OutputStream out = response.getOutputStream()) {
                served.entry().writeGzipTo(out);
            }
            return false;
        }
        // The body inflated cleanly when it was read from Redis (SnapshotStore checks it), so this cannot fail.
        byte[] json = served.entry().decompress();
        response.setContentLength(json.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(json);
        }
        return false;
    }

    /** Whether {@code Accept-Encoding} accepts gzip (explicitly or through *) with a non-zero quality. */
    static boolean acceptsGzip(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Accept-Encoding");
        if (headers == null) {
            return false;
        }
        Boolean gzip = null;
        Boolean any = null;
        while (headers.hasMoreElements()) {
            for (String part : headers.nextElement().split(",")) {
                int semi = part.indexOf(';');
                String coding = (semi < 0 ? part : part.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
                boolean accepted = semi < 0 || quality(part.substring(semi + 1)) > 0;
                if (coding.equals("gzip") || coding.equals("x-gzip")) {
                    gzip = accepted;
                } else if (coding.equals("*")) {
                    any = accepted;
                }
            }
        }
        return gzip != null ? gzip : any != null && any;
    }

    private static double quality(String parameters) {
        for (String parameter : parameters.split(";")) {
            String p = parameter.strip();
            if (p.startsWith("q=") || p.startsWith("Q=")) {
                try {
                    return Double.parseDouble(p.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
