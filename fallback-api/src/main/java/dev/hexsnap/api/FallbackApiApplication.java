package dev.hexsnap.api;

import dev.hexsnap.core.cli.Arguments;
import dev.hexsnap.core.cli.Command;
import dev.hexsnap.core.cli.CommandLineProgram;
import dev.hexsnap.core.cli.Option;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./hexsnap api}: serves the published snapshots over HTTP. The command line is read by
 * core's CLI before Spring starts, so {@code --help} and bad options answer at once; any
 * {@code --name.with.dots=value} argument is handed to Spring as a property.
 */
@SpringBootApplication
public class FallbackApiApplication {

    public static final Command COMMAND = Command.named("hexsnap api",
                    "Serve published snapshots to SOA services (fallback API): home and channel pages by coordinates, "
                            + "store pages by id, with client-cache negotiation, switches and gradual roll-out.")
            .option(Option.of("port", "PORT", "HTTP port; default server.port (8080)", null))
            .option(Option.of("redis", "HOST:PORT[,...]", "Redis node(s); default hexsnap.redis.nodes (127.0.0.1:6379)", null))
            .option(Option.flag("cluster", "the Redis nodes form a Redis Cluster"))
            .option(Option.of("namespace", "NS", "key namespace of the snapshots; default hexsnap.redis.namespace (hexsnap)", null))
            .option(Option.of("resolution", "R", "H3 resolution to look coordinates up at; default hexsnap.api.resolution (7)", null))
            .epilogue("""
                    Endpoints: GET /v1/snapshots/home?lat=&lng=, /v1/snapshots/channel/{channel}?lat=&lng=,
                    /v1/snapshots/store/{storeId}/categories, /v1/snapshots/store/{storeId}/categories/{categoryId}/products?page=
                    Operations: /actuator/health, /actuator/prometheus, /swagger-ui.html, /ops/... (needs HEXSNAP_API_OPS_TOKEN).
                    Any Spring property may follow as --name=value, e.g. --hexsnap.api.client-cache-max-age=2d.
                    See docs/fallback-api.md for every setting.""");

    public static void main(String[] args) {
        int status = CommandLineProgram.execute(COMMAND, args, FallbackApiApplication::start, System.out, System.err);
        if (status != CommandLineProgram.OK) {
            System.exit(status);
        }
        // OK: the web server's threads keep the JVM running.
    }

    private static int start(Arguments arguments) {
        Map<String, String> options = new LinkedHashMap<>();
        if (arguments.has("port")) {
            options.put("server.port", Integer.toString(arguments.getInt("port", 0, 65535)));
        }
        if (arguments.has("redis")) {
            options.put("hexsnap.redis.nodes", String.join(",", arguments.getList("redis")));
        }
        if (arguments.flag("cluster")) {
            options.put("hexsnap.redis.cluster", "true");
        }
        if (arguments.has("namespace")) {
            options.put("hexsnap.redis.namespace", arguments.get("namespace"));
        }
        if (arguments.has("resolution")) {
            options.put("hexsnap.api.resolution", Integer.toString(arguments.getInt("resolution", 0, 15)));
        }
        SpringApplication.run(FallbackApiApplication.class, arguments.springArguments(options));
        return CommandLineProgram.OK;
    }
}
