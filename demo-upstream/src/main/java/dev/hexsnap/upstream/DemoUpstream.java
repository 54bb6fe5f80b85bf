package dev.hexsnap.upstream;

import dev.hexsnap.upstream.clock.WorldClock;
import dev.hexsnap.upstream.config.UpstreamTokens;
import dev.hexsnap.upstream.faults.Faults;
import dev.hexsnap.upstream.pages.PageBuilder;
import dev.hexsnap.upstream.world.GisGrid;
import dev.hexsnap.upstream.world.World;
import dev.hexsnap.upstream.world.WorldTime;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Starts the demo upstream in-process, on a free loopback port: what other modules' tests,
 * the benchmarks and the demo use.
 *
 * <pre>
 * try (DemoUpstream upstream = DemoUpstream.start(DemoUpstream.options().seed(42).cities(3).homePageBytes(5_000))) {
 *     URI home = URI.create(upstream.baseUrl() + "/v1/pages/home?lat=31.23&amp;lng=121.47");
 *     upstream.faults().set(FaultTarget.HOME, FaultSettings.none().withErrorRate(0.2));
 *     upstream.clock().set(Instant.parse("2026-11-24T15:30:00Z"));
 *     ...
 * }
 * </pre>
 *
 * It ignores the host's {@code application.properties} and logging setup, and starts nothing
 * but the web server (no database, no Redis, whatever the class path holds). Thread-safe.
 */
public final class DemoUpstream implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final String baseUrl;
    private final int port;

    private DemoUpstream(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /**
     * Default options: seed 42, the first 3 core cities, pages of 600 KB (home) and 400 KB
     * (channel), computed per geohash cell of precision 5 ({@link GisGrid#standard()}).
     */
    public static Options options() {
        return new Options();
    }

    /** Starts with the default {@link #options()}. */
    public static DemoUpstream start() {
        return start(options());
    }

    /** Starts an upstream; returns once it accepts requests (about a second). */
    public static DemoUpstream start(Options options) {
        SpringApplication application = new SpringApplication(UpstreamApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setDefaultProperties(new LinkedHashMap<>(UpstreamApplication.DEFAULTS));
        // Leave the host's logging alone: re-initialising it would reset a test's log setup.
        List<ApplicationListener<?>> listeners = new ArrayList<>(application.getListeners());
        listeners.removeIf(LoggingApplicationListener.class::isInstance);
        application.setListeners(listeners);
        application.setRegisterShutdownHook(false);
        application.setLogStartupInfo(false);
        return new DemoUpstream(application.run(options.arguments()));
    }

    /** e.g. {@code http://127.0.0.1:54321}, no trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return port;
    }

    /** The bearer token of the operator endpoints ({@code Authorization: Bearer <token>}). */
    public String opsToken() {
        return context.getBean(UpstreamTokens.class).ops().value();
    }

    /** The bearer token of the gateway-shaped page API ({@code /gw/**}, {@code Authorization: Bearer <token>}). */
    public String gatewayToken() {
        return context.getBean(UpstreamTokens.class).gateway().value();
    }

    /** The failure drills, to set programmatically (same effect as {@code PUT /ops/faults}). */
    public Faults faults() {
        return context.getBean(Faults.class);
    }

    /** The world clock (same effect as {@code PUT /ops/clock}). */
    public WorldClock clock() {
        return context.getBean(WorldClock.class);
    }

    /** The world itself: stores, delivery areas, cities (for tests that need ground truth). */
    public World world() {
        return context.getBean(World.class);
    }

    /** The page builder, to compute pages without HTTP (for tests that need ground truth). */
    public PageBuilder pages() {
        return context.getBean(PageBuilder.class);
    }

    /** How a page's location is resolved (geohash cells, or exact points). */
    public GisGrid gis() {
        return context.getBean(GisGrid.class);
    }

    /** How the world tells time (zone, night). */
    public WorldTime time() {
        return context.getBean(WorldTime.class);
    }

    /** Stops the server; requests in flight are dropped. */
    @Override
    public void close() {
        context.close();
    }

    /**
     * What to start. Immutable: every method returns a new instance.
     */
    public static final class Options {

        private static final Pattern PROPERTY = Pattern.compile("[a-z0-9][a-z0-9.\\-\\[\\]]*");

        private final Map<String, String> properties;

        private Options() {
            this(defaults());
        }

        private Options(Map<String, String> properties) {
            this.properties = Map.copyOf(properties);
        }

        private static Map<String, String> defaults() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("hexsnap.upstream.seed", "42");
            p.put("hexsnap.upstream.cities", "3");
            p.put("hexsnap.upstream.city-slugs", "");
            p.put("hexsnap.upstream.home-page-bytes", "600000");
            p.put("hexsnap.upstream.channel-page-bytes", "400000");
            p.put("hexsnap.upstream.gis-grid", GisGrid.standard().kind().id());
            p.put("hexsnap.upstream.gis-precision", Integer.toString(GisGrid.standard().precision()));
            p.put("hexsnap.upstream.ops-token", randomToken());
            p.put("hexsnap.upstream.gateway-token", randomToken());
            return p;
        }

        private static String randomToken() {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }

        private Options with(String key, String value) {
            Map<String, String> copy = new LinkedHashMap<>(properties);
            copy.put(key, value);
            return new Options(copy);
        }

        /** The world's seed (default 42). */
        public Options seed(long seed) {
            return with("hexsnap.upstream.seed", Long.toString(seed));
        }

        /** The first {@code n} core cities (default 3; 1-39). */
        public Options cities(int n) {
            if (n < 1 || n > 39) {
                throw new IllegalArgumentException("cities must be within [1, 39], got " + n);
            }
            return with("hexsnap.upstream.cities", Integer.toString(n)).with("hexsnap.upstream.city-slugs", "");
        }

        /** These cities by slug (e.g. {@code "shanghai", "suzhou"}) instead of the first N core cities. */
        public Options cities(String... slugs) {
            if (slugs.length == 0) {
                throw new IllegalArgumentException("name at least one city");
            }
            return with("hexsnap.upstream.city-slugs", String.join(",", slugs));
        }

        /** Multiplies the number of stores per city (default 1.0). */
        public Options storeScale(double scale) {
            return with("hexsnap.upstream.store-scale", Double.toString(scale));
        }

        /** Target size of a home page's JSON (default 600,000 bytes). */
        public Options homePageBytes(int bytes) {
            return with("hexsnap.upstream.home-page-bytes", Integer.toString(bytes));
        }

        /** Target size of a channel page's JSON (default 400,000 bytes). */
        public Options channelPageBytes(int bytes) {
            return with("hexsnap.upstream.channel-page-bytes", Integer.toString(bytes));
        }

        /**
         * How a page's location is resolved: {@link GisGrid#standard()} (default: geohash cells of
         * precision 5, every point of a cell gets the same generic page), {@link GisGrid#geohash(int)}
         * for another precision, or {@link GisGrid#exact()} for pages computed at the exact point
         * (a store shown if and only if its delivery area covers the point).
         */
        public Options gisGrid(GisGrid grid) {
            if (grid == null) {
                throw new IllegalArgumentException("name a GIS grid, e.g. GisGrid.exact()");
            }
            Options options = with("hexsnap.upstream.gis-grid", grid.kind().id());
            return grid.kind() == GisGrid.Kind.EXACT ? options
                    : options.with("hexsnap.upstream.gis-precision", Integer.toString(grid.precision()));
        }

        /** The operator token (default: a random one, see {@link DemoUpstream#opsToken()}). */
        public Options opsToken(String token) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("the operator token must not be blank");
            }
            return with("hexsnap.upstream.ops-token", token);
        }

        /** The gateway API's token (default: a random one, see {@link DemoUpstream#gatewayToken()}). */
        public Options gatewayToken(String token) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("the gateway token must not be blank");
            }
            return with("hexsnap.upstream.gateway-token", token);
        }

        /** How long an injected timeout hangs (default 30 s); tests shorten it. */
        public Options timeoutHang(Duration hang) {
            return with("hexsnap.upstream.timeout-hang", hang.toMillis() + "ms");
        }

        /** A fixed port instead of a free one. */
        public Options port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be within [0, 65535], got " + port);
            }
            return with("server.port", Integer.toString(port));
        }

        /** Any other Spring or {@code hexsnap.upstream.*} property, e.g. {@code hexsnap.upstream.zone}. */
        public Options property(String key, String value) {
            if (key == null || !PROPERTY.matcher(key.toLowerCase(Locale.ROOT)).matches() || value == null) {
                throw new IllegalArgumentException("bad property " + key + "=" + value);
            }
            return with(key, value);
        }

        String[] arguments() {
            Map<String, String> all = new LinkedHashMap<>();
            all.put("server.port", "0");
            all.put("server.address", "127.0.0.1");
            // Not the host's application.properties: the embedded upstream is configured here only.
            all.put("spring.config.name", "hexsnap-demo-upstream-embedded");
            all.put("spring.main.banner-mode", "off");
            all.putAll(properties);
            return all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        }
    }
}
