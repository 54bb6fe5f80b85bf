package dev.hexsnap.worker.cli;

import dev.hexsnap.core.cli.UsageException;
import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.snapshot.SnapshotKey;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Usage is checked before Spring starts: no database or Redis is needed for any of this. */
class WorkerCommandLineTests {

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = WorkerCommandLine.execute(args, Object.class, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryCommandAndEachCommandHasItsOwn() {
        Result top = run("--help");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).contains("run", "restart", "rerun-failures", "generations", "failures", "rollback", "show", "status");

        Result runHelp = run("run", "--help");
        assertThat(runHelp.exit()).isZero();
        assertThat(runHelp.out()).contains("--slot", "--resolutions", "--generation", "--rps", "--upstream");
    }

    @Test
    void badUsageIsOneLineAndExitStatusTwo() {
        Result unknown = run("crawl");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown command 'crawl'").doesNotContain("Exception");

        Result missing = run("rerun-failures");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("missing --generation");

        Result badOption = run("rollback", "--slot", "day", "--frobnicate", "1");
        assertThat(badOption.exit()).isEqualTo(2);
        assertThat(badOption.err()).contains("unknown option --frobnicate");
    }

    @Test
    void springPropertiesPassThroughAndOurOptionsBecomeProperties() {
        var arguments = WorkerCommandLine.COMMAND.parse("--hexsnap.worker.job.grid-size=8", "run", "--rps", "50",
                "--redis", "a:1,b:2", "--cluster", "--hexsnap.worker.upstream.max-requests-per-second=10");
        assertThat(arguments.springArguments(WorkerCommandLine.properties(arguments))).containsExactlyInAnyOrder(
                "--hexsnap.worker.job.grid-size=8", "--hexsnap.worker.upstream.max-requests-per-second=50",
                "--hexsnap.redis.nodes=a:1,b:2", "--hexsnap.redis.cluster=true");
        var bad = WorkerCommandLine.COMMAND.parse("run", "--rps", "0");
        assertThatThrownBy(() -> WorkerCommandLine.properties(bad)).isInstanceOf(UsageException.class).hasMessageContaining("--rps");
    }

    @Test
    void remoteRunsAndServingWorkersBecomeTheirRoles() {
        var manager = WorkerCommandLine.COMMAND.parse("run", "--remote", "--rps", "300");
        assertThat(manager.springArguments(WorkerCommandLine.properties(manager))).containsExactlyInAnyOrder(
                "--hexsnap.worker.remote.role=manager", "--hexsnap.worker.upstream.max-requests-per-second=300");
        var worker = WorkerCommandLine.COMMAND.parse("serve", "--partitions", "6");
        assertThat(worker.springArguments(WorkerCommandLine.properties(worker))).containsExactlyInAnyOrder(
                "--hexsnap.worker.remote.role=worker", "--hexsnap.worker.job.partition-threads=6");
        var alone = WorkerCommandLine.COMMAND.parse("run");
        assertThat(alone.springArguments(WorkerCommandLine.properties(alone))).isEmpty();

        assertThat(run("serve", "--partitions", "0").exit()).isEqualTo(2);
        assertThat(run("--help").out()).contains("serve", "plan");
        assertThat(run("restart", "--help").out()).contains("--remote");
    }

    @Test
    void planRefusesBadNumbersBeforeStarting() {
        Result workers = run("plan", "--workers", "0");
        assertThat(workers.exit()).isEqualTo(2);
        assertThat(workers.err()).contains("--workers").doesNotContain("Exception");
        Result slot = run("plan", "--slot", "noon");
        assertThat(slot.exit()).isEqualTo(2);
        assertThat(slot.err()).contains("--slot must be day or night");
    }

    @Test
    void keysAreReadAsOperatorsWriteThem() {
        HexGrid grid = HexGrid.shared();
        long cell = grid.cellOf(31.23, 121.47, 8);
        String address = grid.toAddress(cell);
        assertThat(KeyPaths.parse("home:8:" + address, grid)).isEqualTo(new SnapshotKey.Home(8, cell));
        assertThat(KeyPaths.parse("channel:fresh:8:" + address, grid).path()).isEqualTo("channel:fresh:8:" + address);
        assertThat(KeyPaths.parse("store:s-1:categories", grid)).isEqualTo(new SnapshotKey.StoreCategories("s-1"));
        assertThat(KeyPaths.parse("store:s-1:products:c-2:2", grid)).isEqualTo(new SnapshotKey.StoreProducts("s-1", "c-2", 2));
        assertThatThrownBy(() -> KeyPaths.parse("home:7:" + address, grid)).isInstanceOf(UsageException.class)
                .hasMessageContaining("resolution 8");
        assertThatThrownBy(() -> KeyPaths.parse("shop:1", grid)).isInstanceOf(UsageException.class).hasMessageContaining("store:<id>:categories");
        // Channel ids are the contract's (demo-gateway's are not hexsnap-v1's): any valid id, nothing else.
        assertThat(KeyPaths.parse("channel:shengxian:8:" + address, grid).path()).isEqualTo("channel:shengxian:8:" + address);
        assertThatThrownBy(() -> KeyPaths.parse("channel:to ys:8:" + address, grid)).isInstanceOf(UsageException.class)
                .hasMessageContaining("channel must be 1-64 of");
    }
}
