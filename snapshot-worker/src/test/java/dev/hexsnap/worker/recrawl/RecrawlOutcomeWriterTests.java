package dev.hexsnap.worker.recrawl;

import dev.hexsnap.core.snapshot.SnapshotKey;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RecrawlOutcomeWriterTests {

    private static SnapshotKey products(String category, int page) {
        return new SnapshotKey.StoreProducts("s-1", category, page);
    }

    @Test
    void productPagesTheNewCrawlDidNotWriteAreObsolete() {
        // given the generation held two pages of c1, one of c2 and two of c3
        String stored = "c1:2,c2:1,c3:2";
        // and the new crawl wrote c1 page 1 only (one page now), c3 both pages, and c2 no more (gone from the tree)
        Set<SnapshotKey> written = Set.of(new SnapshotKey.StoreCategories("s-1"), products("c1", 1), products("c3", 1),
                products("c3", 2));

        // then c1 page 2 and c2 page 1 are obsolete, nothing else
        assertThat(RecrawlOutcomeWriter.obsoleteProductPages("s-1", stored, written))
                .containsExactly(products("c1", 2), products("c2", 1));
    }

    @Test
    void nothingIsObsoleteWhenNothingWasRecordedOrTheRecordIsUnreadable() {
        assertThat(RecrawlOutcomeWriter.obsoleteProductPages("s-1", null, Set.of())).isEmpty();
        assertThat(RecrawlOutcomeWriter.obsoleteProductPages("s-1", "", Set.of())).isEmpty();
        assertThat(RecrawlOutcomeWriter.obsoleteProductPages("s-1", "c1,c2:x,:3", Set.of())).isEmpty();
    }
}
