package dev.hexsnap.core.snapshot;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestHeatTests {

    @Test
    void theListIsStoredHottestFirstWithItsTotalAndReadsBackInSlices() {
        List<RequestHeat.Cell> cells = List.of(new RequestHeat.Cell(0x871f1d489ffffffL, 5), new RequestHeat.Cell(2, 40),
                new RequestHeat.Cell(3, 40), new RequestHeat.Cell(4, 7));

        byte[] stored = RequestHeat.encode(cells);

        assertThat(stored).hasSize(16 + 4 * 16);
        assertThat(RequestHeat.summary(Arrays.copyOf(stored, 16))).isEqualTo(new RequestHeat.Summary(4, 92));
        // Ties keep their order; a slice is whole records only.
        assertThat(RequestHeat.records(Arrays.copyOfRange(stored, 16, stored.length))).containsExactly(
                new RequestHeat.Cell(2, 40), new RequestHeat.Cell(3, 40), new RequestHeat.Cell(4, 7),
                new RequestHeat.Cell(0x871f1d489ffffffL, 5));
        assertThat(RequestHeat.records(Arrays.copyOfRange(stored, 32, 60))).containsExactly(new RequestHeat.Cell(3, 40));
    }

    @Test
    void somethingElseIsNotReadAsAHeatList() {
        byte[] stored = RequestHeat.encode(List.of(new RequestHeat.Cell(1, 1)));
        stored[3] = '2';

        assertThatThrownBy(() -> RequestHeat.summary(stored)).isInstanceOf(CorruptEntryException.class).hasMessageContaining("magic");
        assertThatThrownBy(() -> RequestHeat.summary(new byte[5])).isInstanceOf(CorruptEntryException.class);
        assertThatThrownBy(() -> new RequestHeat.Cell(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
