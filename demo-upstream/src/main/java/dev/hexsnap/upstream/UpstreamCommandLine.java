package dev.hexsnap.upstream;

import dev.hexsnap.core.cli.Arguments;
import dev.hexsnap.core.cli.Command;
import dev.hexsnap.core.cli.CommandLineProgram;
import dev.hexsnap.core.cli.Option;
import dev.hexsnap.core.cli.UsageException;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.region.City;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.core.upstream.ContractCheck;
import dev.hexsnap.core.upstream.UpstreamSettings;
import dev.hexsnap.core.upstream.contract.UpstreamContract;
import dev.hexsnap.upstream.heat.HeatWriter;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPOutputStream;

/**
 * {@code ./hexsnap upstream}: serve the demo world over HTTP ({@code serve}, the default),
 * write its request heat for the grid builder ({@code heat}), or check an upstream contract
 * against running page services ({@code check}).
 */
public final class UpstreamCommandLine {

    private UpstreamCommandLine() {
    }

    static Command command() {
        Command serve = Command.named("hexsnap upstream serve", "Serve the demo world's pages over HTTP (the default command).")
                .option(Option.of("port", "PORT", "HTTP port (default 8081)", null))
                .option(Option.of("address", "ADDRESS", "address to bind (default 127.0.0.1)", null))
                .option(Option.of("seed", "N", "world seed (default 42)", null))
                .option(Option.of("cities", "N|SLUGS", "the first N core cities (default 24), or comma-separated city slugs", null))
                .option(Option.of("store-scale", "X", "multiplies the stores per city (default 1.0)", null))
                .option(Option.of("home-page-bytes", "N", "target home page size before compression (default 600000)", null))
                .option(Option.of("channel-page-bytes", "N", "target channel page size before compression (default 400000)", null))
                .option(Option.of("gis-grid", "geohash|exact", "pages per GIS cell (geohash, the default: every point of a cell "
                        + "gets the same page) or per exact point", null))
                .option(Option.of("gis-precision", "N", "geohash precision of the GIS cells, 1-12 (default 5: about 4.2 x 4.9 km)", null))
                .epilogue("""
                        Any Spring or hexsnap.upstream.* property can follow as --name=value, e.g.
                        --hexsnap.upstream.zone=Asia/Shanghai. The operator token comes from
                        hexsnap.upstream.ops-token or HEXSNAP_UPSTREAM_OPS_TOKEN, the gateway API's
                        (/gw/**) from hexsnap.upstream.gateway-token or HEXSNAP_UPSTREAM_GATEWAY_TOKEN;
                        unset, each is generated and logged once. See docs/demo-upstream.md.""");
        Command heat = Command.named("hexsnap upstream heat", "Write request heat (lat,lng,count CSV) for the grid builder.")
                .option(Option.required("points", "N", "how many points"))
                .option(Option.required("out", "FILE", "output file; .gz is gzip-compressed"))
                .option(Option.of("cities", "N|SLUGS", "the first N core cities, or comma-separated slugs", "24"))
                .option(Option.of("seed", "N", "world seed: where the cities' centres are", "42"))
                .option(Option.of("sample-seed", "N", "which points are drawn (default: the world seed)", null))
                .epilogue("""
                        Example: ./hexsnap upstream heat --cities 3 --points 1000000 --out heat.csv.gz""");
        Command check = Command.named("hexsnap upstream check", "Fetch one page of each kind through an upstream contract; print "
                        + "what it extracted and each rule's verdict (exit 1 if any page fails, 2 if the contract is refused).")
                .option(Option.required("contract", "FILE", "the contract: a file, classpath:..., or a shipped name (hexsnap-v1, demo-gateway)"))
                .option(Option.required("at", "LAT,LNG", "the location of the home and channel pages"))
                .option(Option.of("store", "ID", "the store whose pages to check (default: the first open store the home page shows)", null))
                .option(Option.of("base-url", "URL", "the services' root URL", "http://127.0.0.1:8081"))
                .option(Option.of("moment", "ISO-8601", "the moment asked for ({at}); default now", null))
                .epilogue("""
                        ${NAME} values in the contract come from the environment (e.g. UPSTREAM_TOKEN).
                        Example: ./hexsnap upstream check --contract demo-gateway --at 31.2304,121.4737
                        Reference: docs/upstream-contract.md.""");
        return Command.named("hexsnap upstream", "The demo upstream: a simulated O2O world serving home, channel and store pages, with failure drills.")
                .subcommand("serve", serve)
                .subcommand("heat", heat)
                .subcommand("check", check);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        // "./hexsnap upstream" and "./hexsnap upstream --port 9000" mean serve.
        List<String> words = new ArrayList<>(List.of(args));
        if (words.isEmpty() || (words.getFirst().startsWith("--") && !isHelp(words.getFirst()))) {
            words.addFirst("serve");
        }
        return CommandLineProgram.execute(command(), words.toArray(String[]::new), arguments -> switch (arguments.subcommand()) {
            case "serve" -> serve(arguments);
            case "check" -> check(arguments);
            case "heat" -> {
                if (!arguments.properties().isEmpty()) {
                    throw new UsageException("unknown option --" + arguments.properties().keySet().iterator().next());
                }
                yield heat(arguments);
            }
            default -> throw new UsageException("unknown command " + arguments.subcommand());
        }, System.out, System.err);
    }

    private static boolean isHelp(String word) {
        return word.equals("--help") || word.equals("-h");
    }

    private static int serve(Arguments arguments) throws InterruptedException {
        Map<String, String> properties = new LinkedHashMap<>();
        if (arguments.has("port")) {
            properties.put("server.port", Integer.toString(arguments.getInt("port", 0, 65535)));
        }
        if (arguments.has("address")) {
            properties.put("server.address", arguments.require("address"));
        }
        if (arguments.has("seed")) {
            properties.put("hexsnap.upstream.seed", Long.toString(arguments.getLong("seed", Long.MIN_VALUE, Long.MAX_VALUE)));
        }
        if (arguments.has("cities")) {
            List<City> cities = cities(arguments.require("cities"));
            properties.put("hexsnap.upstream.city-slugs", String.join(",", cities.stream().map(City::slug).toList()));
        }
        if (arguments.has("store-scale")) {
            properties.put("hexsnap.upstream.store-scale", Double.toString(arguments.getDouble("store-scale", 0.01, 20)));
        }
        if (arguments.has("home-page-bytes")) {
            properties.put("hexsnap.upstream.home-page-bytes", Integer.toString(arguments.getInt("home-page-bytes", 1000, 20_000_000)));
        }
        if (arguments.has("channel-page-bytes")) {
            properties.put("hexsnap.upstream.channel-page-bytes", Integer.toString(arguments.getInt("channel-page-bytes", 1000, 20_000_000)));
        }
        if (arguments.has("gis-grid")) {
            String grid = arguments.require("gis-grid").trim().toLowerCase(Locale.ROOT);
            if (!grid.equals("geohash") && !grid.equals("exact")) {
                throw new UsageException("--gis-grid must be geohash or exact, got '" + arguments.require("gis-grid") + "'");
            }
            properties.put("hexsnap.upstream.gis-grid", grid);
        }
        if (arguments.has("gis-precision")) {
            properties.put("hexsnap.upstream.gis-precision", Integer.toString(arguments.getInt("gis-precision", 1, 12)));
        }
        SpringApplication application = new SpringApplication(UpstreamApplication.class);
        application.setDefaultProperties(new LinkedHashMap<>(UpstreamApplication.DEFAULTS));
        CountDownLatch closed = new CountDownLatch(1);
        application.addListeners((ContextClosedEvent event) -> closed.countDown());
        ConfigurableApplicationContext context = application.run(arguments.springArguments(properties));
        String port = context.getEnvironment().getProperty("local.server.port");
        String address = context.getEnvironment().getProperty("server.address", "127.0.0.1");
        System.out.println("demo upstream serving on http://" + address + ":" + port + " (GET /v1/world for a summary; Ctrl-C stops)");
        closed.await();
        return CommandLineProgram.OK;
    }

    private static int check(Arguments arguments) throws InterruptedException {
        UpstreamContract contract = UpstreamContract.load(arguments.require("contract"));
        String[] at = arguments.require("at").split(",", -1);
        LatLng point;
        try {
            point = new LatLng(Double.parseDouble(at[0].trim()), Double.parseDouble(at[1].trim()));
        } catch (RuntimeException e) {
            throw new UsageException("--at takes LAT,LNG in degrees, e.g. 31.2304,121.4737; got '" + arguments.require("at") + "'");
        }
        URI base;
        try {
            base = URI.create(arguments.require("base-url"));
            if (base.getScheme() == null || base.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--base-url must be an http(s) URL, got '" + arguments.require("base-url") + "'");
        }
        Instant moment;
        try {
            moment = arguments.has("moment") ? Instant.parse(arguments.require("moment")) : Instant.now();
        } catch (DateTimeParseException e) {
            throw new UsageException("--moment takes an ISO-8601 instant (2026-11-23T04:00:00Z), got '" + arguments.require("moment") + "'");
        }
        String store = arguments.has("store") ? arguments.require("store") : null;
        return new ContractCheck(contract, base, new UpstreamSettings(UpstreamContract.DEFAULT, "generic", 20), System.out)
                .run(point, store, moment);
    }

    private static int heat(Arguments arguments) throws IOException {
        long points = arguments.getLong("points", 1, 1_000_000_000L);
        List<City> cities = cities(arguments.require("cities"));
        long seed = arguments.getLong("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        long sampleSeed = arguments.has("sample-seed") ? arguments.getLong("sample-seed", Long.MIN_VALUE, Long.MAX_VALUE) : seed;
        Path out = Path.of(arguments.require("out"));
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException("--out: folder " + parent + " does not exist");
        }
        HeatWriter heat = HeatWriter.forCities(seed, cities);
        // Written beside the target and moved into place: never a half-written file under its name.
        Path temporary = Files.createTempFile(parent == null ? Path.of(".") : parent, ".heat-", ".tmp");
        long started = System.nanoTime();
        try {
            try (OutputStream file = Files.newOutputStream(temporary);
                 OutputStream body = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
                         ? new GZIPOutputStream(file, 1 << 16) : file;
                 Writer writer = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8), 1 << 16)) {
                heat.write(points, sampleSeed, writer, written -> {
                    if (written % 1_000_000 == 0) {
                        System.err.printf(Locale.ROOT, "heat: %,d / %,d points (%d%%)%n", written, points, written * 100 / points);
                    }
                });
            }
            Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "wrote %,d points for %d cities (%s) to %s in %.1f s (%,d bytes)%n", points, cities.size(),
                String.join(",", heat.citySlugs().subList(0, Math.min(5, cities.size()))) + (cities.size() > 5 ? ",..." : ""),
                out, seconds, Files.size(out));
        return CommandLineProgram.OK;
    }

    private static List<City> cities(String raw) {
        CityCatalog catalog = CityCatalog.bundled();
        try {
            if (raw.trim().matches("\\d+")) {
                return catalog.core(Integer.parseInt(raw.trim()));
            }
            List<City> cities = new ArrayList<>();
            for (String slug : raw.split(",")) {
                if (!slug.isBlank()) {
                    cities.add(catalog.require(slug.trim()));
                }
            }
            if (cities.isEmpty()) {
                throw new UsageException("--cities: name at least one city");
            }
            return cities;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--cities: " + e.getMessage());
        }
    }
}
