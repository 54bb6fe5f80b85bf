package dev.hexsnap.api.rollout;

import dev.hexsnap.core.page.PageKind;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The roll-out rules, decision by decision. */
class RolloutRuleTests {

    static RolloutSubject user(String id) {
        return new RolloutSubject(id, null, null);
    }

    @Test
    void theDefaultServesEveryone() {
        assertThat(RolloutRule.DEFAULT.decide(PageKind.HOME, new RolloutSubject(null, null, null)))
                .isEqualTo(new RolloutDecision(true, "everyone"));
    }

    @Test
    void aSwitchedOffKindServesNobodyNotEvenTheAllowList() {
        RolloutRule off = new RolloutRule(false, 100, Set.of("tester"), Set.of(), Set.of());
        assertThat(off.decide(PageKind.HOME, user("tester"))).isEqualTo(new RolloutDecision(false, "switch-off"));
    }

    @Test
    void theAllowListWinsOverCityStoreAndPercentage() {
        RolloutRule rule = new RolloutRule(true, 0, Set.of("tester"), Set.of("shanghai"), Set.of("st-1"));
        assertThat(rule.decide(PageKind.STORE_CATEGORIES, new RolloutSubject("tester", "beijing", "st-2")).on()).isTrue();
        assertThat(rule.decide(PageKind.STORE_CATEGORIES, new RolloutSubject("other", "shanghai", "st-1")))
                .isEqualTo(new RolloutDecision(false, "not-in-percentage"));
    }

    @Test
    void citiesAndStoresRestrictWhenListed() {
        RolloutRule rule = new RolloutRule(true, 100, Set.of(), Set.of("shanghai"), Set.of("st-1"));
        assertThat(rule.decide(PageKind.HOME, new RolloutSubject(null, "shanghai", null)).on()).isTrue();
        assertThat(rule.decide(PageKind.HOME, new RolloutSubject(null, null, null)).reason()).isEqualTo("city-not-rolled-out");
        assertThat(rule.decide(PageKind.STORE_PRODUCTS, new RolloutSubject(null, "shanghai", "st-2")).reason())
                .isEqualTo("store-not-rolled-out");
        // The store list means nothing to location pages.
        assertThat(rule.decide(PageKind.CHANNEL, new RolloutSubject(null, "shanghai", null)).on()).isTrue();
    }

    @Test
    void bucketsArePinnedToLiteralValues() {
        // Computed once outside Java (Python: int.from_bytes(sha256(id.encode()).digest()[:8], 'big') % 10000).
        // Every instance and every release must agree on who is rolled out: a change of hash,
        // byte order or text encoding fails here instead of silently reshuffling users.
        assertThat(Rollout.bucket("user-1")).isEqualTo(2594);
        assertThat(Rollout.bucket("u-42")).isEqualTo(3174);
        assertThat(Rollout.bucket("u-7")).isEqualTo(7922);
        assertThat(Rollout.bucket("1000001")).isEqualTo(5799);
        assertThat(Rollout.bucket("用户-8")).isEqualTo(7428);

        RolloutRule thirty = new RolloutRule(true, 30, Set.of(), Set.of(), Set.of());
        assertThat(thirty.decide(PageKind.HOME, user("user-1")).on()).as("bucket 2594 < 3000").isTrue();
        assertThat(thirty.decide(PageKind.HOME, user("u-42")).reason()).as("bucket 3174 >= 3000").isEqualTo("not-in-percentage");
    }

    @Test
    void aPercentageServesRoughlyThatShareAndRaisingItOnlyAddsUsers() {
        RolloutRule ten = new RolloutRule(true, 10, Set.of(), Set.of(), Set.of());
        RolloutRule fifty = new RolloutRule(true, 50, Set.of(), Set.of(), Set.of());
        int inTen = 0;
        int inFifty = 0;
        for (int i = 0; i < 20_000; i++) {
            RolloutSubject subject = user("user-" + i);
            boolean a = ten.decide(PageKind.HOME, subject).on();
            boolean b = fifty.decide(PageKind.HOME, subject).on();
            if (a) {
                inTen++;
                assertThat(b).as("user-%d in 10%% must stay in at 50%%", i).isTrue();
            }
            if (b) {
                inFifty++;
            }
        }
        // 20,000 users: sd of a 10% share is 0.21 points, of 50% 0.35 points; the bounds are ~5 sd wide.
        assertThat(inTen / 200.0).isBetween(9.0, 11.0);
        assertThat(inFifty / 200.0).isBetween(48.25, 51.75);
        assertThat(ten.decide(PageKind.HOME, user(null)).reason()).isEqualTo("no-user-id");
    }

    @Test
    void malformedRulesAreRefused() {
        assertThatThrownBy(() -> new RolloutRule(true, 100.5, Set.of(), Set.of(), Set.of())).hasMessageContaining("percent");
        assertThatThrownBy(() -> new RolloutRule(true, Double.NaN, Set.of(), Set.of(), Set.of())).hasMessageContaining("percent");
        assertThatThrownBy(() -> new RolloutRule(true, 5, Set.of("a b"), Set.of(), Set.of())).hasMessageContaining("users");
        assertThatThrownBy(() -> new RolloutRule(true, 5, Set.of(), Set.of("Shanghai"), Set.of())).hasMessageContaining("cities");
        assertThatThrownBy(() -> new RolloutRule(true, 5, Set.of(), Set.of(), Set.of("a:b"))).hasMessageContaining("stores");
    }
}
