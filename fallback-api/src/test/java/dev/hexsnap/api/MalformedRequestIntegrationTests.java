package dev.hexsnap.api;

import dev.hexsnap.testsupport.TestNamespaces;
import dev.hexsnap.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed requests, each answered with a 4xx JSON error naming what is wrong, never a 500 or a
 * stack trace, whatever the client accepts.
 */
@SpringBootTest(classes = FallbackApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MalformedRequestIntegrationTests {

    static final String NS = TestNamespaces.fresh();
    static final String HOME = "/v1/snapshots/home";
    static final String OK = "?lat=31.2304&lng=121.4737";
    static final String PRODUCTS = "/v1/snapshots/store/st-1/categories/cat-1/products";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hexsnap.redis.nodes", () -> TestServices.REDIS);
        registry.add("hexsnap.redis.namespace", () -> NS);
    }

    @AfterAll
    static void clear() {
        TestNamespaces.clear(NS);
    }

    static Stream<Arguments> malformed() {
        String tomorrow = Long.toString(SnapshotFixture.now().plus(1, ChronoUnit.DAYS).toEpochMilli());
        return Stream.of(
                bad("no coordinates at all", HOME, "lat"),
                bad("latitude only", HOME + "?lat=31.2", "lng"),
                bad("non-numeric latitude", HOME + "?lat=abc&lng=121.4", "lat"),
                bad("NaN latitude", HOME + "?lat=NaN&lng=121.4", "lat"),
                bad("infinite latitude", HOME + "?lat=Infinity&lng=121.4", "lat"),
                bad("minus infinite longitude", HOME + "?lat=31.2&lng=-Infinity", "lng"),
                bad("latitude 91", HOME + "?lat=91&lng=121.4", "lat"),
                bad("latitude -90.5", HOME + "?lat=-90.5&lng=121.4", "lat"),
                bad("longitude 181", HOME + "?lat=31.2&lng=181", "lng"),
                bad("longitude -180.0001", HOME + "?lat=31.2&lng=-180.0001", "lng"),
                bad("exponent notation", HOME + "?lat=3.12e1&lng=121.4", "lat"),
                bad("hex float", HOME + "?lat=0x1p3&lng=121.4", "lat"),
                bad("Java double suffix", HOME + "?lat=31.2d&lng=121.4", "lat"),
                bad("empty latitude", HOME + "?lat=&lng=121.4", "lat"),
                bad("decimal comma", HOME + "?lat=31,2&lng=121.4", "lat"),
                bad("latitude given twice", HOME + "?lat=31.2&lat=31.3&lng=121.4", "lat"),
                bad("absurdly long latitude", HOME + "?lat=31." + "1".repeat(100) + "&lng=121.4", "lat"),
                bad("unknown channel", "/v1/snapshots/channel/toys" + OK, "channel"),
                bad("channel in capitals", "/v1/snapshots/channel/FRESH" + OK, "channel"),
                bad("channel without coordinates", "/v1/snapshots/channel/fresh", "lat"),
                bad("encoded ../ in a store id", "/v1/snapshots/store/..%2F..%2Fetc/categories", "storeId"),
                bad("encoded .. as a store id", "/v1/snapshots/store/%2e%2e/categories", "storeId"),
                bad("colon in a store id", "/v1/snapshots/store/a:b/categories", "storeId"),
                bad("space in a store id", "/v1/snapshots/store/a%20b/categories", "storeId"),
                bad("store id of 65 characters", "/v1/snapshots/store/" + "s".repeat(65) + "/categories", "storeId"),
                bad("glob in a store id", "/v1/snapshots/store/st*/categories", "storeId"),
                bad("colon in a category id", "/v1/snapshots/store/st-1/categories/cat:1/products", "categoryId"),
                bad("page 0", PRODUCTS + "?page=0", "page"),
                bad("negative page", PRODUCTS + "?page=-1", "page"),
                bad("page beyond the stored maximum", PRODUCTS + "?page=3", "page"),
                bad("huge page", PRODUCTS + "?page=99999999999", "page"),
                bad("non-numeric page", PRODUCTS + "?page=abc", "page"),
                bad("fractional page", PRODUCTS + "?page=1.5", "page"),
                bad("user id with a space", HOME + OK + "&userId=a%20b", "userId"),
                bad("city that is not a slug", HOME + OK + "&city=Shang%20Hai", "city"),
                bad("client cache neither present nor absent", HOME + OK, "X-Client-Cache", "X-Client-Cache", "maybe"),
                bad("cached-at in words", HOME + OK, "X-Client-Cached-At", "X-Client-Cached-At", "yesterday"),
                bad("cached-at in seconds", HOME + OK, "X-Client-Cached-At", "X-Client-Cached-At", "1700000000"),
                bad("cached-at in the future", HOME + OK, "X-Client-Cached-At", "X-Client-Cached-At", tomorrow),
                bad("negative cached-at", HOME + OK, "X-Client-Cached-At", "X-Client-Cached-At", "-5"),
                bad("cached-at although absent", HOME + OK, "X-Client-Cached-At",
                        "X-Client-Cache", "absent", "X-Client-Cached-At", "2026-11-20T00:00:00Z"),
                bad("if-modified-since although absent", HOME + OK, "If-Modified-Since",
                        "X-Client-Cache", "absent", "If-Modified-Since", "Fri, 20 Nov 2026 00:00:00 GMT"),
                bad("unquoted entity tag", HOME + OK, "If-None-Match", "If-None-Match", "abc123"),
                bad("broken entity tag list", HOME + OK, "If-None-Match", "If-None-Match", "\"abc\", \"def"),
                bad("store cache header garbage", "/v1/snapshots/store/st-1/categories", "X-Client-Cache",
                        "X-Client-Cache", "yes please"));
    }

    static Arguments bad(String name, String path, String parameter, String... headers) {
        return Arguments.of(name, path, parameter, headers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isAnswered400NamingTheParameter(String name, String path, String parameter, String[] headers) {
        HttpResponse<byte[]> response = new Http(port).get(path, headers);

        assertThat(response.statusCode()).as(name).isEqualTo(400);
        JsonNode error = jsonError(response);
        assertThat(error.get("error").asString()).isEqualTo("bad-request");
        assertThat(error.get("parameter").asString()).isEqualTo(parameter);
        assertThat(error.get("message").asString()).isNotBlank();
    }

    static Stream<Arguments> strayRequests() {
        return Stream.of(
                Arguments.of("unknown path", "GET", "/v1/snapshots/nothing-here", 404),
                Arguments.of("wrong method", "POST", HOME + OK, 405),
                Arguments.of("dot segments resolved out of the API", "GET", "/v1/snapshots/store/../../../etc/passwd", 404),
                Arguments.of("unversioned path", "GET", "/snapshots/home" + OK, 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strayRequests")
    void strayRequestsGetAJsonError(String name, String method, String path, int status) {
        HttpResponse<byte[]> response = new Http(port).send(method, path, null, "Accept", "text/html");

        assertThat(response.statusCode()).as(name).isEqualTo(status);
        assertThat(jsonError(response).get("status").asInt()).isEqualTo(status);
    }

    static JsonNode jsonError(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("trace");
        return SnapshotFixture.JSON.readTree(body);
    }

    /**
     * Requests Tomcat refuses before any servlet runs (its parser, its limits), sent as raw bytes
     * because no well-behaved client sends them: answered with the same JSON error and
     * {@code Content-Type} as every other error, never Tomcat's HTML page.
     */
    static Stream<Arguments> refusedByTheConnector() {
        byte[] nonAscii = "GET /v1/snapshots/home?lat=31.2&lng=121.4&city=上海 HTTP/1.1\r\nHost: x\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("raw non-ASCII in the request line", nonAscii, 400),
                Arguments.of("< in the path", raw("GET /v1/snapshots/<script> HTTP/1.1\r\nHost: x\r\n\r\n"), 400),
                Arguments.of("< and > in the query", raw("GET /v1/snapshots/home?lat=<1>&lng=2 HTTP/1.1\r\nHost: x\r\n\r\n"), 400),
                Arguments.of("a 100,000-digit query", raw("GET /v1/snapshots/home?lat=" + "1".repeat(100_000)
                        + "&lng=121.4 HTTP/1.1\r\nHost: x\r\n\r\n"), 400),
                Arguments.of("a 20 KB header", raw("GET " + HOME + OK + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                        + "\r\n\r\n"), 400),
                Arguments.of("a control character in a header", raw("GET " + HOME + OK + " HTTP/1.1\r\nHost: x\r\nX-City: a\u0001b\r\n\r\n"), 400),
                Arguments.of("a method that is not a token", raw("G(T " + HOME + OK + " HTTP/1.1\r\nHost: x\r\n\r\n"), 400),
                Arguments.of("an unknown method", raw("FROB " + HOME + OK + " HTTP/1.1\r\nHost: x\r\n\r\n"), 405),
                Arguments.of("TRACE", raw("TRACE " + HOME + OK + " HTTP/1.1\r\nHost: x\r\n\r\n"), 405),
                Arguments.of("an HTTP version from the future", raw("GET " + HOME + OK + " HTTP/9.9\r\nHost: x\r\n\r\n"), 505),
                Arguments.of("HTTP/1.1 without Host", raw("GET " + HOME + OK + " HTTP/1.1\r\n\r\n"), 400));
    }

    static byte[] raw(String request) {
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedByTheConnector")
    void requestsTheConnectorRefusesGetTheSameJsonError(String name, byte[] request, int status) throws IOException {
        RawAnswer answer = sendRaw(request);

        assertThat(answer.status()).as(name).isEqualTo(status);
        assertThat(answer.header("content-type")).as(name).isEqualTo("application/json");
        assertThat(answer.body()).doesNotContain("<html").doesNotContain("Exception").doesNotContain("\tat ");
        JsonNode error = SnapshotFixture.JSON.readTree(answer.body());
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("error").asString()).isNotBlank();
        assertThat(error.get("message").asString()).isNotBlank();
    }

    record RawAnswer(int status, java.util.Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** Sends bytes as they are and reads the answer up to its Content-Length (or the close). */
    RawAnswer sendRaw(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before reading all of a huge request: read what it said.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            java.util.Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).strip());
                }
            }
            String length = headers.get("content-length");
            byte[] body = length != null ? in.readNBytes(Integer.parseInt(length))
                    : "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(in) : in.readAllBytes();
            return new RawAnswer(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    size.append((char) b);
                }
            }
            int n = Integer.parseInt(size.toString().strip(), 16);
            if (n == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            in.readNBytes(2);
        }
    }
}
