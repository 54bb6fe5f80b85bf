package dev.hexsnap.api.negotiation;

import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.snapshot.EntryMetadata;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every branch of the 304-or-200 decision. */
class NegotiationTests {

    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    static final Instant CRAWLED = Instant.parse("2026-11-23T02:00:00.250Z");
    static final EntryMetadata ENTRY = new EntryMetadata("g1", Slot.DAY, CRAWLED, "abc123", 10, 0, null);

    final Negotiation negotiation = new Negotiation(Duration.ofDays(3));

    static ClientCache client(ClientCache.State state, Instant cachedAt, List<String> tags, boolean any, Instant ims) {
        return new ClientCache(state, cachedAt, tags, any, ims);
    }

    @Test
    void aMatchingEtagIsA304() {
        assertThat(negotiation.decide(client(ClientCache.State.UNSPECIFIED, null, List.of("x", "abc123"), false, null), ENTRY, NOW))
                .isEqualTo(Negotiation.ETAG_MATCH);
    }

    @Test
    void aStarIsA304() {
        assertThat(negotiation.decide(client(ClientCache.State.PRESENT, null, List.of(), true, null), ENTRY, NOW))
                .isEqualTo(Negotiation.ETAG_MATCH);
    }

    @Test
    void aCopyYoungerThanTheMaximumIsA304EvenWithAnotherEtag() {
        assertThat(negotiation.decide(client(ClientCache.State.PRESENT, NOW.minus(Duration.ofDays(2)), List.of("old"), false, null),
                ENTRY, NOW)).isEqualTo(Negotiation.FRESH_COPY);
    }

    @Test
    void aCopyExactlyAtTheMaximumAgeIsStale() {
        assertThat(negotiation.decide(client(ClientCache.State.PRESENT, NOW.minus(Duration.ofDays(3)), List.of(), false, null),
                ENTRY, NOW)).isEqualTo(Negotiation.STALE_COPY);
    }

    @Test
    void anotherEtagWithoutAgeIsA200() {
        assertThat(negotiation.decide(client(ClientCache.State.PRESENT, null, List.of("old"), false, null), ENTRY, NOW))
                .isEqualTo(Negotiation.ETAG_MISMATCH);
    }

    @Test
    void noLocalCopyIsA200() {
        assertThat(negotiation.decide(ClientCache.NONE, ENTRY, NOW)).isEqualTo(Negotiation.NO_LOCAL_COPY);
        assertThat(negotiation.decide(client(ClientCache.State.ABSENT, null, List.of(), false, null), ENTRY, NOW))
                .isEqualTo(Negotiation.NO_LOCAL_COPY);
        assertThat(negotiation.decide(client(ClientCache.State.PRESENT, null, List.of(), false, null), ENTRY, NOW))
                .isEqualTo(Negotiation.NO_LOCAL_COPY);
    }

    @Test
    void ifModifiedSinceComparesWholeSeconds() {
        Instant sameSecond = Instant.parse("2026-11-23T02:00:00Z");
        assertThat(negotiation.decide(client(ClientCache.State.UNSPECIFIED, null, List.of(), false, sameSecond), ENTRY, NOW))
                .isEqualTo(Negotiation.NOT_MODIFIED_SINCE);
        assertThat(negotiation.decide(client(ClientCache.State.UNSPECIFIED, null, List.of(), false, sameSecond.minusSeconds(1)), ENTRY, NOW))
                .isEqualTo(Negotiation.MODIFIED);
    }

    @Test
    void aZeroMaximumAgeNeverTrustsTheCopysAge() {
        Negotiation strict = new Negotiation(Duration.ZERO);
        assertThat(strict.decide(client(ClientCache.State.PRESENT, NOW, List.of(), false, null), ENTRY, NOW))
                .isEqualTo(Negotiation.STALE_COPY);
    }

    @Test
    void aYoungCopyIsKnownWithoutAnEntry() {
        assertThat(negotiation.youngCopy(client(ClientCache.State.PRESENT, NOW.minus(Duration.ofHours(71)), List.of(), false, null), NOW))
                .isTrue();
        assertThat(negotiation.youngCopy(client(ClientCache.State.PRESENT, NOW.minus(Duration.ofDays(3)), List.of(), false, null), NOW))
                .isFalse();
        assertThat(negotiation.youngCopy(client(ClientCache.State.PRESENT, null, List.of("abc123"), false, null), NOW)).isFalse();
        assertThat(negotiation.youngCopy(ClientCache.NONE, NOW)).isFalse();
    }
}
