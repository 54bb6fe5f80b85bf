package dev.hexsnap.worker.progress;

import dev.hexsnap.worker.publish.Coverage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ETA at the end of the progress line: what is left of the step under way, at its current rate. */
class RunMonitorEtaTests {

    static Coverage.Progress progress(long cellsDone, long storesTotal, long storesDone) {
        return new Coverage.Progress(cellsDone, 0, storesTotal, storesDone, 0);
    }

    @Test
    void whileCellsRemainItIsTheCellsLeftAtTheCellRate() {
        // 1 000 cells left at 4 cells/s: 250 s
        assertThat(RunMonitor.eta(1_200, progress(200, 0, 0), 4.0, 0)).isEqualTo("cells in 4m10s");
        // 2 cells/s over 9 000 cells left: 4 500 s
        assertThat(RunMonitor.eta(10_000, progress(1_000, 500, 20), 2.0, 9.0)).isEqualTo("cells in 1h15m");
    }

    @Test
    void beforeAnyRateIsKnownItSaysSo() {
        assertThat(RunMonitor.eta(1_200, progress(0, 0, 0), 0, 0)).isEqualTo("cells: -");
        assertThat(RunMonitor.eta(1_200, progress(1_200, 300, 0), 8.0, 0)).isEqualTo("stores: -");
    }

    @Test
    void onceCellsAreDoneItIsTheStoresLeftAtTheStoreRate() {
        // 270 stores left at 3 stores/s: 90 s
        assertThat(RunMonitor.eta(1_200, progress(1_200, 300, 30), 8.0, 3.0)).isEqualTo("stores in 1m30s");
        assertThat(RunMonitor.eta(1_200, progress(1_200, 300, 300), 8.0, 3.0)).isEqualTo("stores done");
    }
}
