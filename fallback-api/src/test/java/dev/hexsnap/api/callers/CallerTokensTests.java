package dev.hexsnap.api.callers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing {@code hexsnap.api.callers.tokens} and finding the caller of a request. */
class CallerTokensTests {

    static final String A = "token-of-service-a-0001";
    static final String B = "token-of-service-b-0002";

    @Test
    void aKnownBearerTokenNamesItsCaller() {
        CallerTokens tokens = CallerTokens.parse(" orders:" + A + " , search-1:" + B);

        assertThat(tokens.callerOf("Bearer " + A)).isEqualTo("orders");
        assertThat(tokens.callerOf("bearer " + B)).isEqualTo("search-1");
        assertThat(tokens.callerOf("Bearer " + A + "x")).isNull();
        assertThat(tokens.callerOf("Basic " + A)).isNull();
        assertThat(tokens.callerOf(null)).isNull();
        assertThat(tokens.callerOf("Bearer ")).isNull();
    }

    @Test
    void blankMeansNoCallers() {
        assertThat(CallerTokens.parse("").isEmpty()).isTrue();
        assertThat(CallerTokens.parse(null).isEmpty()).isTrue();
    }

    @Test
    void malformedSettingsAreRefusedWithoutEchoingATokens() {
        assertThatThrownBy(() -> CallerTokens.parse("orders")).hasMessageContaining("name:token");
        assertThatThrownBy(() -> CallerTokens.parse("Orders:" + A)).hasMessageContaining("names of 1-40");
        assertThatThrownBy(() -> CallerTokens.parse("orders:short")).hasMessageContaining("orders")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> CallerTokens.parse("orders:" + A + ",orders:" + B)).hasMessageContaining("twice");
        assertThatThrownBy(() -> CallerTokens.parse("orders:" + A + ",search:" + A)).hasMessageContaining("same token")
                .hasMessageNotContaining(A);
    }
}
