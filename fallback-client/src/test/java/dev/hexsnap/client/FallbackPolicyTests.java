package dev.hexsnap.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.hexsnap.client.FallbackPolicy.Verdict.FALL_BACK;
import static dev.hexsnap.client.FallbackPolicy.Verdict.RETRY_UPSTREAM;
import static dev.hexsnap.client.FallbackPolicy.Verdict.USE_UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

/** When an upstream answer calls for the fallback. */
class FallbackPolicyTests {

    final FallbackPolicy policy = new FallbackPolicy();

    static UpstreamAnswer json(String json) {
        return UpstreamAnswer.ok(json.getBytes(StandardCharsets.UTF_8));
    }

    static final String FULL_HOME = "{\"kind\":\"home\",\"serviceable\":true,\"floors\":[{\"floorId\":\"f\",\"stores\":[{\"storeId\":\"s1\"}]}]}";
    static final String EMPTY_HOME = "{\"kind\":\"home\",\"serviceable\":true,\"floors\":[{\"floorId\":\"f\",\"banners\":[{}]}]}";

    @Test
    void locationPages() {
        assertThat(policy.judge(PageKind.HOME, json(FULL_HOME), 1)).isEqualTo(USE_UPSTREAM);
        assertThat(policy.judge(PageKind.HOME, json(EMPTY_HOME), 1)).isEqualTo(FALL_BACK);
        assertThat(policy.judge(PageKind.CHANNEL, json("{\"serviceable\":true,\"floors\":[]}"), 1)).isEqualTo(FALL_BACK);
        assertThat(policy.judge(PageKind.HOME, json("{\"serviceable\":false,\"floors\":[]}"), 1)).isEqualTo(USE_UPSTREAM);
        assertThat(policy.judge(PageKind.HOME, json("{\"floors\":[{\"products\":[{\"skuId\":\"p\"}]}]}"), 1)).isEqualTo(USE_UPSTREAM);
    }

    @Test
    void failedAndUnreadableAnswersFallBack() {
        assertThat(policy.judge(PageKind.HOME, UpstreamAnswer.failed("timeout"), 1)).isEqualTo(FALL_BACK);
        assertThat(policy.judge(PageKind.HOME, json("<html>502</html>"), 1)).isEqualTo(FALL_BACK);
        assertThat(policy.judge(PageKind.HOME, json("[]"), 1)).isEqualTo(FALL_BACK);
        assertThat(policy.judge(PageKind.STORE_CATEGORIES, json(""), 1)).isEqualTo(FALL_BACK);
    }

    @Test
    void categoryTrees() {
        assertThat(policy.judge(PageKind.STORE_CATEGORIES, json("{\"categories\":[{\"categoryId\":\"c\"}]}"), 1)).isEqualTo(USE_UPSTREAM);
        assertThat(policy.judge(PageKind.STORE_CATEGORIES, json("{\"categories\":[]}"), 1)).isEqualTo(FALL_BACK);
    }

    @Test
    void productPagesAreRetriedOnceThenFallBack() {
        assertThat(policy.judge(PageKind.STORE_PRODUCTS, json("{\"products\":[{\"skuId\":\"p\"}]}"), 1)).isEqualTo(USE_UPSTREAM);
        assertThat(policy.judge(PageKind.STORE_PRODUCTS, json("{\"products\":[]}"), 1)).isEqualTo(RETRY_UPSTREAM);
        assertThat(policy.judge(PageKind.STORE_PRODUCTS, UpstreamAnswer.failed("500"), 1)).isEqualTo(RETRY_UPSTREAM);
        assertThat(policy.judge(PageKind.STORE_PRODUCTS, json("{\"products\":[]}"), 2)).isEqualTo(FALL_BACK);
    }
}
