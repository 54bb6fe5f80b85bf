package dev.hexsnap.diff.similarity;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimilarityTests {

    private final Similarity similarity = new Similarity(0.5);

    private static PageContent page(Set<String> stores, Set<String> products) {
        return new PageContent(true, false, stores, products, Map.of("stores", stores, "products", products));
    }

    @Test
    void identicalPagesAreFullySimilar() {
        PageContent page = page(Set.of("s1", "s2"), Set.of("p1", "p2", "p3"));

        Comparison comparison = similarity.compare(page, page);

        assertThat(comparison.verdict()).isEqualTo(Verdict.COMPARED);
        assertThat(comparison.similarity()).isEqualTo(1.0);
    }

    @Test
    void similarityWeighsStoreAndProductOverlapEqually() {
        PageContent stored = page(Set.of("s1", "s2"), Set.of("p1", "p2", "p3", "p4"));
        PageContent live = page(Set.of("s1", "s3"), Set.of("p1", "p2", "p3", "p4"));

        Comparison comparison = similarity.compare(stored, live);

        // stores: 1 shared of 3 → 1/3; products: 4 of 4 → 1; 0.5 × 1/3 + 0.5 × 1
        assertThat(comparison.storesJaccard()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(comparison.productsJaccard()).isEqualTo(1.0);
        assertThat(comparison.similarity()).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    void aComponentNeitherPageHasIsDroppedAndTheOtherTakesItsWeight() {
        PageContent stored = page(Set.of(), Set.of("p1", "p2"));
        PageContent live = page(Set.of(), Set.of("p1", "p3"));

        assertThat(similarity.compare(stored, live).similarity()).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void serviceabilityDecidesOutright() {
        PageContent nobody = new PageContent(false, false, Set.of(), Set.of(), Map.of());
        PageContent somebody = page(Set.of("s1"), Set.of("p1"));

        assertThat(similarity.compare(nobody, nobody)).satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.BOTH_NOT_SERVICEABLE);
            assertThat(c.similarity()).isEqualTo(1.0);
        });
        assertThat(similarity.compare(nobody, somebody)).satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.ONLY_LIVE_SERVICEABLE);
            assertThat(c.similarity()).isZero();
        });
        assertThat(similarity.compare(somebody, nobody)).satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.ONLY_SNAPSHOT_SERVICEABLE);
            assertThat(c.similarity()).isZero();
        });
    }

    @Test
    void anEmptyLivePageIsAFailingUpstreamAndIsNotScored() {
        PageContent empty = new PageContent(true, true, Set.of(), Set.of(), Map.of());

        Comparison comparison = similarity.compare(page(Set.of("s1"), Set.of("p1")), empty);

        assertThat(comparison.verdict()).isEqualTo(Verdict.LIVE_EMPTY);
        assertThat(comparison.scored()).isFalse();
    }

    @Test
    void aMissingSnapshotScoresZeroWhereStoresDeliverAndOneWhereNoneDoes() {
        assertThat(similarity.compare(null, page(Set.of("s1"), Set.of()))).satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.NO_SNAPSHOT);
            assertThat(c.similarity()).isZero();
        });
        assertThat(similarity.compare(null, new PageContent(false, false, Set.of(), Set.of(), Map.of())).similarity())
                .isEqualTo(1.0);
    }

    @Test
    void everyFloorGetsItsOwnOverlap() {
        PageContent stored = new PageContent(true, false, Set.of("s1"), Set.of("p1"),
                Map.of("nearby", Set.of("s1"), "deals", Set.of("p1"), "gone", Set.of("x")));
        PageContent live = new PageContent(true, false, Set.of("s1"), Set.of("p2"),
                Map.of("nearby", Set.of("s1"), "deals", Set.of("p2"), "new", Set.of("y")));

        Map<String, Double> floors = similarity.compare(stored, live).floors();

        assertThat(floors).containsEntry("nearby", 1.0).containsEntry("deals", 0.0)
                .containsEntry("gone", 0.0).containsEntry("new", 0.0);
    }

    @Test
    void jaccardOfTwoEmptySetsIsUndefined() {
        assertThat(Similarity.jaccard(Set.of(), Set.of())).isNaN();
        assertThat(Similarity.jaccard(Set.of("a", "b"), Set.of("b", "c"))).isCloseTo(1.0 / 3, within(1e-9));
    }
}
