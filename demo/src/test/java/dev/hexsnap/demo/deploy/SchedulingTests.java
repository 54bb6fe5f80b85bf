package dev.hexsnap.demo.deploy;

import dev.hexsnap.core.cli.Arguments;
import dev.hexsnap.core.cli.Command;
import dev.hexsnap.diff.cli.DiffCommandLine;
import dev.hexsnap.grid.cli.GridCommandLine;
import dev.hexsnap.worker.cli.WorkerCommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.scheduling.support.CronExpression;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented ways to run the nightly job (deploy/nightly, the crontab line, the Kubernetes
 * CronJobs) call commands and options that exist, with valid schedules, day slot first.
 */
class SchedulingTests {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Map<String, Command> STAGES = Map.of(
            "worker", WorkerCommandLine.COMMAND,
            "grid", GridCommandLine.command(),
            "diff", DiffCommandLine.command());

    @Test
    void theNightlyScriptRunsValidCommandsDaySlotFirst() throws Exception {
        List<List<String>> commands = dryRun(Map.of("HEXSNAP_HEAT_URL", "http://logs.internal/heat.csv.gz"));

        assertThat(commands).extracting(c -> c.get(0) + " " + c.get(1))
                .containsExactly("grid build", "worker run", "worker run", "diff run", "worker recrawl-stores");
        assertThat(commands.get(1)).containsSequence("--slot", "day");
        assertThat(commands.get(2)).containsSequence("--slot", "night");
        assertThat(commands.get(4)).containsSequence("--slot", "day");
        for (List<String> command : commands) {
            Arguments parsed = parse(command);
            assertThat(parsed.helpRequested()).isFalse();
        }
        assertThat(parse(commands.get(0)).getList("cities")).hasSize(39);
    }

    @Test
    void aFailedCrawlIsRestartedOnceForItsOwnSlotAndTheNightGoesOn() throws Exception {
        List<List<String>> commands = dryRun(Map.of("HEXSNAP_DRY_RUN_FAIL", "worker run --slot day"));

        assertThat(commands).extracting(c -> String.join(" ", c)).containsExactly(
                "worker run --slot day",
                "worker restart --slot day",
                "worker run --slot night",
                "diff run --slot day --quiet",
                "worker recrawl-stores --slot day");
        assertThat(WorkerCommandLine.COMMAND.parse("restart", "--slot", "day").get("slot")).isEqualTo("day");
    }

    @Test
    void theContainersRunOrRestartRestartsItsOwnSlotOnlyWhenTheRunFailed(@TempDir Path tmp) throws Exception {
        // a stand-in 'java' that notes its arguments and ends 'run' with the status asked for
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                echo "$*" >> "$CALLS"
                [[ " $* " == *" run "* ]] && exit "$RUN_STATUS"
                exit 0
                """);
        assertThat(java.toFile().setExecutable(true)).isTrue();

        assertThat(entrypoint(bin, tmp.resolve("failed"), 1)).isZero();
        assertThat(Files.readAllLines(tmp.resolve("failed"))).containsExactly(
                "-Djava.io.tmpdir=/app/tmp -jar /app/worker.jar run --slot night --resolutions 8",
                "-Djava.io.tmpdir=/app/tmp -jar /app/worker.jar restart --slot night");

        assertThat(entrypoint(bin, tmp.resolve("usage"), 2)).as("bad usage: a restart cannot help").isEqualTo(2);
        assertThat(Files.readAllLines(tmp.resolve("usage"))).hasSize(1);
        assertThat(entrypoint(bin, tmp.resolve("ok"), 0)).isZero();
        assertThat(Files.readAllLines(tmp.resolve("ok"))).hasSize(1);
    }

    private static int entrypoint(Path bin, Path calls, int runStatus) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(DEPLOY.resolve("docker/entrypoint").toString(),
                "worker-run-or-restart", "--slot", "night", "--resolutions", "8").redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + builder.environment().get("PATH"));
        builder.environment().put("CALLS", calls.toString());
        builder.environment().put("RUN_STATUS", String.valueOf(runStatus));
        builder.environment().remove("JAVA_OPTS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
        return process.exitValue();
    }

    @Test
    void withoutAHeatExportTheNightlyScriptCrawlsTheCurrentGrid() throws Exception {
        assertThat(dryRun(Map.of())).extracting(c -> c.get(0)).containsExactly("worker", "worker", "diff", "worker");
    }

    @Test
    void theCrontabLineHasAValidScheduleAndRunsTheNightlyScript() throws IOException {
        String line = Files.readAllLines(DEPLOY.resolve("cron/hexsnap.crontab")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.contains("=")).findFirst().orElseThrow();
        String[] fields = line.trim().split("\\s+");

        CronExpression.parse("0 " + String.join(" ", Arrays.copyOf(fields, 5)));
        assertThat(line).contains("deploy/nightly");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesCronJobsRunTheDayThenTheNightSlotWithValidArguments() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(DEPLOY.resolve("kubernetes/nightly-cronjob.yaml")))) {
            documents.add((Map<String, Object>) document);
        }
        List<Map<String, Object>> cronJobs = documents.stream().filter(d -> "CronJob".equals(d.get("kind"))).toList();

        assertThat(cronJobs).hasSize(2);
        List<String> slots = new ArrayList<>();
        List<CronExpression> schedules = new ArrayList<>();
        for (Map<String, Object> job : cronJobs) {
            Map<String, Object> spec = (Map<String, Object>) job.get("spec");
            schedules.add(CronExpression.parse("0 " + spec.get("schedule")));
            ZoneId.of((String) spec.get("timeZone"));
            assertThat(spec.get("concurrencyPolicy")).isEqualTo("Forbid");
            Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                    ((Map<String, Object>) spec.get("jobTemplate")).get("spec")).get("template")).get("spec");
            Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).getFirst();
            List<String> args = (List<String>) container.get("args");
            assertThat(args.getFirst()).isEqualTo("worker-run-or-restart");
            List<String> run = new ArrayList<>(List.of("worker", "run"));
            run.addAll(args.subList(1, args.size()));
            slots.add(parse(run).get("slot"));
        }
        assertThat(slots).containsExactly("day", "night");
        var midnight = java.time.LocalDateTime.of(2026, 11, 23, 0, 0);
        assertThat(schedules.get(0).next(midnight)).isBefore(schedules.get(1).next(midnight));
        Map<String, Object> config = documents.stream().filter(d -> "ConfigMap".equals(d.get("kind"))).findFirst().orElseThrow();
        assertThat(((Map<String, Object>) config.get("data")).keySet()).allMatch(k -> k.startsWith("SPRING_DATASOURCE_")
                || k.startsWith("HEXSNAP_"));
    }

    private static Arguments parse(List<String> command) {
        Command stage = STAGES.get(command.getFirst());
        assertThat(stage).as("stage of %s", command).isNotNull();
        return stage.parse(command.subList(1, command.size()).toArray(String[]::new));
    }

    /** The hexsnap commands deploy/nightly would run. */
    private static List<List<String>> dryRun(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(DEPLOY.resolve("nightly").toString(), "--dry-run").redirectErrorStream(true);
        builder.environment().remove("HEXSNAP_HEAT_URL");
        builder.environment().remove("HEXSNAP_DRY_RUN_FAIL");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(l -> l.startsWith("+ hexsnap ")).map(l -> List.of(l.substring(10).split(" "))).toList();
    }
}
