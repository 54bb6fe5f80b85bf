package dev.hexsnap.api.negotiation;

import dev.hexsnap.api.error.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the client's cache headers, and refusing garbage. */
class ClientCacheTests {

    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    static ClientCache parse(String... headers) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        for (int i = 0; i < headers.length; i += 2) {
            request.addHeader(headers[i], headers[i + 1]);
        }
        return ClientCache.of(request, NOW, Duration.ofMinutes(5));
    }

    @Test
    void noHeadersMeansNothingSaid() {
        assertThat(parse()).isSameAs(ClientCache.NONE);
    }

    @Test
    void cachedAtInMillisOrRfc3339ImpliesPresent() {
        assertThat(parse("X-Client-Cached-At", "1795000000000").cachedAt()).isEqualTo(Instant.ofEpochMilli(1795000000000L));
        ClientCache rfc = parse("X-Client-Cached-At", "2026-11-23T10:00:00+08:00");
        assertThat(rfc.cachedAt()).isEqualTo(Instant.parse("2026-11-23T02:00:00Z"));
        assertThat(rfc.state()).isEqualTo(ClientCache.State.PRESENT);
    }

    @Test
    void aSmallClockSkewIsTolerated() {
        assertThat(parse("X-Client-Cached-At", NOW.plusSeconds(60).toString()).cachedAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void entityTagsAreReadStrongWeakAndListed() {
        ClientCache cache = parse("If-None-Match", "\"a1\", W/\"b2\"");
        assertThat(cache.entityTags()).containsExactly("a1", "b2");
        assertThat(parse("If-None-Match", " * ").anyTag()).isTrue();
    }

    @Test
    void ifModifiedSinceIsIgnoredWhenInvalidOrWhenIfNoneMatchIsThere() {
        assertThat(parse("If-Modified-Since", "yesterday").ifModifiedSince()).isNull();
        assertThat(parse("If-Modified-Since", "Mon, 23 Nov 2026 02:00:00 GMT", "If-None-Match", "\"x\"").ifModifiedSince()).isNull();
        assertThat(parse("If-Modified-Since", "Mon, 23 Nov 2026 02:00:00 GMT").ifModifiedSince())
                .isEqualTo(Instant.parse("2026-11-23T02:00:00Z"));
    }

    @Test
    void garbageAndContradictionsAre400sNamingTheHeader() {
        assertBad("X-Client-Cache", "X-Client-Cache", "sometimes");
        assertBad("X-Client-Cached-At", "X-Client-Cached-At", "1700000000");
        assertBad("X-Client-Cached-At", "X-Client-Cached-At", "2026-13-01T00:00:00Z");
        assertBad("X-Client-Cached-At", "X-Client-Cached-At", NOW.plusSeconds(600).toString());
        assertBad("X-Client-Cached-At", "X-Client-Cache", "absent", "X-Client-Cached-At", "2026-11-20T00:00:00Z");
        assertBad("If-None-Match", "X-Client-Cache", "absent", "If-None-Match", "\"a\"");
        assertBad("If-Modified-Since", "X-Client-Cache", "absent", "If-Modified-Since", "Fri, 20 Nov 2026 00:00:00 GMT");
        assertBad("If-None-Match", "If-None-Match", "a1");
        assertBad("If-None-Match", "If-None-Match", "\"" + "a".repeat(3000) + "\"");
        assertBad("X-Client-Cache", "X-Client-Cache", "present", "X-Client-Cache", "absent");
    }

    static void assertBad(String parameter, String... headers) {
        assertThatThrownBy(() -> parse(headers))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.parameter()).isEqualTo(parameter));
    }

    @Test
    void gzipIsAcceptedUnlessItsQualityIsZero() {
        assertThat(accepts("gzip")).isTrue();
        assertThat(accepts("deflate, gzip;q=0.5")).isTrue();
        assertThat(accepts("*")).isTrue();
        assertThat(accepts("gzip;q=0")).isFalse();
        assertThat(accepts("*;q=0.1, gzip;q=0")).isFalse();
        assertThat(accepts("br, identity")).isFalse();
        assertThat(accepts(null)).isFalse();
    }

    static boolean accepts(String acceptEncoding) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (acceptEncoding != null) {
            request.addHeader("Accept-Encoding", acceptEncoding);
        }
        return SnapshotResponder.acceptsGzip(request);
    }
}
