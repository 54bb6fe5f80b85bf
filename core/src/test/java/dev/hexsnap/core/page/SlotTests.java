package dev.hexsnap.core.page;

import org.junit.jupiter.api.Test;

import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

class SlotTests {

    @Test
    void nightWrapsMidnight() {
        LocalTime day = LocalTime.of(6, 0);
        LocalTime night = LocalTime.of(22, 0);

        assertThat(Slot.at(LocalTime.of(12, 0), day, night)).isEqualTo(Slot.DAY);
        assertThat(Slot.at(LocalTime.of(6, 0), day, night)).isEqualTo(Slot.DAY);
        assertThat(Slot.at(LocalTime.of(22, 0), day, night)).isEqualTo(Slot.NIGHT);
        assertThat(Slot.at(LocalTime.of(2, 30), day, night)).isEqualTo(Slot.NIGHT);
    }
}
