package dev.hexsnap.demo.deploy;

import dev.hexsnap.api.FallbackApiApplication;
import dev.hexsnap.core.cli.Arguments;
import dev.hexsnap.worker.cli.WorkerCommandLine;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale-out manifests (deploy/kubernetes/remote-crawl.yaml, fallback-api.yaml) run commands and
 * options the launchers accept, and hang together: probes on the Actuator groups the API enables,
 * the port it is told to listen on, selectors and scale targets that name what exists.
 */
class KubernetesManifestsTests {

    private static final Path KUBERNETES = Path.of("..", "deploy", "kubernetes");

    @Test
    @SuppressWarnings("unchecked")
    void theRemoteCrawlRunsAManagerPerSlotAndServingWorkers() throws IOException {
        List<Map<String, Object>> documents = load("remote-crawl.yaml");

        List<Map<String, Object>> cronJobs = ofKind(documents, "CronJob");
        assertThat(cronJobs).hasSize(2);
        List<String> slots = new ArrayList<>();
        for (Map<String, Object> job : cronJobs) {
            Map<String, Object> spec = (Map<String, Object>) job.get("spec");
            CronExpression.parse("0 " + spec.get("schedule"));
            assertThat(spec.get("concurrencyPolicy")).isEqualTo("Forbid");
            Map<String, Object> pod = path(spec, "jobTemplate", "spec", "template", "spec");
            List<String> args = args(pod);
            // the entry point runs `worker run <args>`, then `worker restart --slot S [--remote]` if it failed
            assertThat(args.getFirst()).isEqualTo("worker-run-or-restart");
            Arguments run = worker("run", args.subList(1, args.size()));
            assertThat(run.flag("remote")).isTrue();
            Arguments restart = worker("restart", List.of("--slot", run.get("slot"), "--remote"));
            assertThat(restart.flag("remote")).isTrue();
            slots.add(run.get("slot"));
        }
        assertThat(slots).containsExactly("day", "night");

        Map<String, Object> workers = only(ofKind(documents, "Deployment"));
        Map<String, Object> pod = path(workers, "spec", "template", "spec");
        List<String> args = args(pod);
        assertThat(args.subList(0, 2)).containsExactly("worker", "serve");
        worker("serve", args.subList(2, args.size()));
        assertThat(selector(workers)).isEqualTo(path(workers, "spec", "template", "metadata", "labels"));
        // SIGTERM gives running partitions 20 s (RemotePartitioningConfiguration.DRAIN): the grace period must cover it
        assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThan(20);

        String entrypoint = Files.readString(Path.of("..", "deploy", "docker", "entrypoint"));
        assertThat(entrypoint).contains("restart --slot \"$slot\" \"${remote[@]}\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFallbackApiIsProbedScaledAndProtectedAsItServes() throws IOException {
        List<Map<String, Object>> documents = load("fallback-api.yaml");
        Map<String, Object> deployment = only(ofKind(documents, "Deployment"));
        String name = (String) path(deployment, "metadata").get("name");
        Map<String, Object> labels = path(deployment, "spec", "template", "metadata", "labels");
        Map<String, Object> container = ((List<Map<String, Object>>) path(deployment, "spec", "template", "spec")
                .get("containers")).getFirst();

        // the launcher accepts the arguments, and the port it is told is the port the probes and the Service use
        List<String> args = (List<String>) container.get("args");
        assertThat(args.getFirst()).isEqualTo("api");
        Arguments api = FallbackApiApplication.COMMAND.parse(args.subList(1, args.size()).toArray(String[]::new));
        int port = api.getInt("port", 1, 65535);
        Map<String, Object> http = ((List<Map<String, Object>>) container.get("ports")).getFirst();
        assertThat(http.get("containerPort")).isEqualTo(port);

        // probes on the Actuator probe groups, which the API enables
        Properties apiProperties = new Properties();
        try (var in = Files.newInputStream(Path.of("..", "fallback-api", "src", "main", "resources", "application.properties"))) {
            apiProperties.load(in);
        }
        assertThat(apiProperties.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(path(container, "readinessProbe", "httpGet").get("path")).isEqualTo("/actuator/health/readiness");
        assertThat(path(container, "livenessProbe", "httpGet").get("path")).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "readinessProbe", "httpGet").get("port")).isEqualTo(http.get("name"));

        // the Service, the autoscaler and the disruption budget all point at this Deployment
        Map<String, Object> service = only(ofKind(documents, "Service"));
        assertThat(path(service, "spec", "selector")).isEqualTo(labels);
        assertThat(((List<Map<String, Object>>) path(service, "spec").get("ports")).getFirst().get("targetPort"))
                .isEqualTo(http.get("name"));
        Map<String, Object> hpa = only(ofKind(documents, "HorizontalPodAutoscaler"));
        assertThat(path(hpa, "spec", "scaleTargetRef").get("name")).isEqualTo(name);
        assertThat((Integer) path(hpa, "spec").get("minReplicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> pdb = only(ofKind(documents, "PodDisruptionBudget"));
        assertThat(path(pdb, "spec", "selector", "matchLabels")).isEqualTo(labels);
        assertThat(selector(deployment)).isEqualTo(labels);
    }

    private static Arguments worker(String subcommand, List<String> args) {
        List<String> all = new ArrayList<>(List.of(subcommand));
        all.addAll(args);
        Arguments parsed = WorkerCommandLine.COMMAND.parse(all.toArray(String[]::new));
        assertThat(parsed.subcommand()).isEqualTo(subcommand);
        return parsed;
    }

    @SuppressWarnings("unchecked")
    private static List<String> args(Map<String, Object> pod) {
        return (List<String>) ((List<Map<String, Object>>) pod.get("containers")).getFirst().get("args");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> selector(Map<String, Object> deployment) {
        return path(deployment, "spec", "selector", "matchLabels");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> path(Map<String, Object> node, String... keys) {
        Map<String, Object> current = node;
        for (String key : keys) {
            current = (Map<String, Object>) current.get(key);
            assertThat(current).as("%s in %s", key, String.join(".", keys)).isNotNull();
        }
        return current;
    }

    private static Map<String, Object> only(List<Map<String, Object>> documents) {
        assertThat(documents).hasSize(1);
        return documents.getFirst();
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(String file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(KUBERNETES.resolve(file)))) {
            documents.add((Map<String, Object>) document);
        }
        return documents;
    }
}
