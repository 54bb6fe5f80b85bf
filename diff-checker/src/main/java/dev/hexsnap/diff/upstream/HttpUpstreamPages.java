package dev.hexsnap.diff.upstream;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.page.Channel;
import dev.hexsnap.core.page.LocationPage;
import dev.hexsnap.core.page.MalformedPageException;
import dev.hexsnap.core.page.PageInspector;
import dev.hexsnap.core.page.StoreCategoriesPage;
import dev.hexsnap.core.page.StoreProductsPage;
import dev.hexsnap.core.snapshot.CorruptEntryException;
import dev.hexsnap.core.snapshot.GzipCodec;
import dev.hexsnap.core.upstream.RequestCeiling;
import dev.hexsnap.diff.config.DiffSettings;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@link UpstreamPages} over HTTP with the JDK's client, behind a {@link RequestCeiling}.
 * Failed attempts (I/O errors, timeouts, 5xx, 429) are retried with a doubling back-off, each
 * attempt passing the ceiling again; a 4xx other than 429 is final. Thread-safe.
 */
public final class HttpUpstreamPages implements UpstreamPages {

    /** Products per page, as the worker asks for them: the pages must line up with the stored ones. */
    static final int PRODUCTS_PAGE_SIZE = 20;

    private final HttpClient http;
    private final String baseUrl;
    private final DiffSettings.Upstream settings;
    private final RequestCeiling ceiling;
    private final PageInspector inspector;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();

    public HttpUpstreamPages(DiffSettings.Upstream settings, RequestCeiling ceiling, PageInspector inspector) {
        this.settings = settings;
        this.baseUrl = settings.baseUrl();
        this.ceiling = ceiling;
        this.inspector = inspector;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public LocationPage home(LatLng point, Instant at) {
        return get("/v1/pages/home?" + location(point, at), inspector::locationPage);
    }

    @Override
    public LocationPage channel(Channel channel, LatLng point, Instant at) {
        return get("/v1/pages/channel/" + channel.id() + "?" + location(point, at), inspector::locationPage);
    }

    @Override
    public StoreCategoriesPage categories(String storeId, Instant at) {
        return get("/v1/pages/store/" + encode(storeId) + "/categories?at=" + encode(at.toString()), inspector::categories);
    }

    @Override
    public StoreProductsPage products(String storeId, String categoryId, int page, Instant at) {
        return get("/v1/pages/store/" + encode(storeId) + "/categories/" + encode(categoryId) + "/products?page=" + page
                + "&size=" + PRODUCTS_PAGE_SIZE + "&at=" + encode(at.toString()), inspector::products);
    }

    @Override
    public RequestCeiling ceiling() {
        return ceiling;
    }

    @Override
    public Failures failures() {
        return new Failures(failed.get(), retried.get());
    }

    private static String location(LatLng point, Instant at) {
        return String.format(Locale.ROOT, "lat=%.6f&lng=%.6f&account=generic&at=%s", point.lat(), point.lng(),
                encode(at.toString()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private <T> T get(String pathAndQuery, Function<byte[], T> parse) {
        URI uri = URI.create(baseUrl + pathAndQuery);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).GET()
                .header("Accept", "application/json");
        if (settings.acceptGzip()) {
            builder.header("Accept-Encoding", "gzip");
        }
        HttpRequest request = builder.build();
        String lastProblem = "no attempt made";
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            if (attempt > 0) {
                retried.incrementAndGet();
                sleep(settings.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 10)));
            }
            HttpResponse<byte[]> response;
            try (RequestCeiling.Permit permit = ceiling.acquire()) {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.incrementAndGet();
                throw new UpstreamException("interrupted while asking " + uri.getPath(), e);
            }
            int status = response.statusCode();
            if (status == 429 || status >= 500) {
                lastProblem = "HTTP " + status;
                continue;
            }
            if (status != 200) {
                failed.incrementAndGet();
                throw new UpstreamException("HTTP " + status + " from " + uri.getPath());
            }
            try {
                byte[] body = response.body();
                if (response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent()) {
                    body = GzipCodec.decompress(body);
                }
                return parse.apply(body);
            } catch (MalformedPageException | CorruptEntryException e) {
                failed.incrementAndGet();
                throw new UpstreamException("malformed answer from " + uri.getPath() + ": " + e.getMessage(), e);
            }
        }
        failed.incrementAndGet();
        throw new UpstreamException(uri.getPath() + " failed after " + (settings.retries() + 1) + " attempts: " + lastProblem);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted while backing off", e);
        }
    }
}
