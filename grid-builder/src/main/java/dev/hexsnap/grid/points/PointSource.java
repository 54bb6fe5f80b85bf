package dev.hexsnap.grid.points;

import dev.hexsnap.core.cli.UsageException;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the request points come from: a file, an http(s) URL (streamed, never downloaded
 * whole), standard input or the bundled sample. {@link #open} returns the decompressed
 * bytes: gzip is recognised by its magic bytes, not by the name, because access-log
 * exports are often gzip whatever they are called.
 */
public final class PointSource {

    /** The bundled sample points (see {@code docs/grid-builder.md}). */
    public static final String SAMPLE_RESOURCE = "/dev/hexsnap/grid/sample/points.csv.gz";

    private static final int BUFFER = 1 << 16;

    private final String description;
    private final Kind kind;
    private final String location;

    private enum Kind { FILE, URL, STDIN, RESOURCE }

    private PointSource(String description, Kind kind, String location) {
        this.description = description;
        this.kind = kind;
        this.location = location;
    }

    /**
     * The source an operator names: {@code -} for standard input, an http(s) URL, or a file
     * path, which must exist and be readable.
     *
     * @throws UsageException when the file does not exist or the URL is malformed
     */
    public static PointSource of(String argument) {
        if (argument.equals("-")) {
            return new PointSource("stdin", Kind.STDIN, "-");
        }
        String lower = argument.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            try {
                URI uri = URI.create(argument);
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("no host");
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("--points: not a valid URL: '" + argument + "'");
            }
            return new PointSource(argument, Kind.URL, argument);
        }
        Path path = Path.of(argument);
        if (!Files.isRegularFile(path)) {
            throw new UsageException("--points: no such file: " + argument);
        }
        if (!Files.isReadable(path)) {
            throw new UsageException("--points: cannot read " + argument);
        }
        return new PointSource(argument, Kind.FILE, argument);
    }

    /** The points bundled with grid-builder for the demo and the README's main command. */
    public static PointSource sample() {
        return new PointSource("sample points (bundled)", Kind.RESOURCE, SAMPLE_RESOURCE);
    }

    /** How the source is shown to operators and recorded in {@code grid_build.input}. */
    public String description() {
        return description;
    }

    /**
     * Opens the source and returns its content, decompressed when it is gzip. The caller
     * closes the stream; closing it from another thread unblocks a read that waits on the
     * network.
     *
     * @param connectTimeout how long to wait for an HTTP server's answer (headers)
     * @throws UsageException for a URL answered with 4xx (wrong address)
     * @throws IOException    when the source cannot be read (network failure, 5xx)
     */
    public InputStream open(Duration connectTimeout) throws IOException {
        InputStream raw = switch (kind) {
            case FILE -> Files.newInputStream(Path.of(location));
            case STDIN -> new FilterInputStream(System.in) {
                @Override
                public void close() {
                    // stdin belongs to the process; leave it open
                }
            };
            case RESOURCE -> {
                InputStream in = PointSource.class.getResourceAsStream(location);
                if (in == null) {
                    throw new IllegalStateException("bundled sample missing from the jar: " + location);
                }
                yield in;
            }
            case URL -> openUrl(connectTimeout);
        };
        return decompressIfGzip(raw);
    }

    private InputStream openUrl(Duration connectTimeout) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(location))
                .timeout(connectTimeout)
                .header("Accept-Encoding", "identity")
                .GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + location, e);
        } catch (IOException e) {
            throw new IOException("cannot fetch " + location + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            response.body().close();
            String message = "GET " + location + " answered HTTP " + status;
            if (status / 100 == 4) {
                throw new UsageException("--points: " + message);
            }
            throw new IOException(message);
        }
        return response.body();
    }

    static InputStream decompressIfGzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            // decompressConcatenated: log exports are often several gzip members back to back.
            return GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
        }
        return in;
    }

    @Override
    public String toString() {
        return description;
    }
}
