package dev.hexsnap.diff.config;

import dev.hexsnap.core.page.Slot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class SlotMomentTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalTime DAY = LocalTime.of(6, 0);
    private static final LocalTime NIGHT = LocalTime.of(22, 0);

    @Test
    void nowInsideTheSlotIsUsedAsItIs() {
        Instant noon = Instant.parse("2026-11-23T04:00:00Z"); // 12:00 in Shanghai

        assertThat(SlotMoment.resolve(noon, Slot.DAY, SHANGHAI, DAY, NIGHT)).isEqualTo(noon);
    }

    @Test
    void outsideTheSlotItsLatestOccurrencesMiddleIsUsed() {
        Instant twoAm = Instant.parse("2026-11-22T18:00:00Z"); // 02:00 on the 23rd in Shanghai

        // the day slot last ran 06:00-22:00 on the 22nd: its middle is 14:00 local = 06:00Z
        assertThat(SlotMoment.resolve(twoAm, Slot.DAY, SHANGHAI, DAY, NIGHT)).isEqualTo(Instant.parse("2026-11-22T06:00:00Z"));
        // at noon the night slot last ran 22:00 on the 22nd to 06:00 on the 23rd: middle 02:00 local
        assertThat(SlotMoment.resolve(Instant.parse("2026-11-23T04:00:00Z"), Slot.NIGHT, SHANGHAI, DAY, NIGHT))
                .isEqualTo(Instant.parse("2026-11-22T18:00:00Z"));
    }
}
