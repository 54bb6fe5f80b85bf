package dev.hexsnap.client;

import dev.hexsnap.core.upstream.contract.UpstreamContract;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.hexsnap.client.FallbackPolicy.Verdict.FALL_BACK;
import static dev.hexsnap.client.FallbackPolicy.Verdict.RETRY_UPSTREAM;
import static dev.hexsnap.client.FallbackPolicy.Verdict.USE_UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When an upstream answer calls for the fallback: the default ({@code hexsnap-v1}), another
 * contract, the service's own rule. Pages of the demo world over HTTP, of both contracts, are
 * judged in {@code ContractVerdictIntegrationTests}.
 */
class FallbackPolicyTests {

    final FallbackPolicy policy = FallbackPolicy.standard();

    static final PageRequest HOME = PageRequest.home(31.2304, 121.4737);
    static final PageRequest TREE = PageRequest.storeCategories("s1");
    static final PageRequest PRODUCTS = PageRequest.storeProducts("s1", "c1", 1);

    static UpstreamAnswer json(String json) {
        return UpstreamAnswer.ok(json.getBytes(StandardCharsets.UTF_8));
    }

    static String home(boolean serviceable, String floors) {
        return "{\"kind\":\"home\",\"lat\":31.2304,\"lng\":121.4737,\"serviceable\":" + serviceable + ",\"floors\":[" + floors + "]}";
    }

    static final String FULL_HOME = home(true, "{\"floorId\":\"f\",\"stores\":[{\"storeId\":\"s1\",\"status\":\"open\"}]}");
    static final String EMPTY_HOME = home(true, "{\"floorId\":\"f\",\"banners\":[{}]}");

    @Test
    void locationPagesFallBackWhenServiceableAndShowingNothing() {
        assertThat(policy.judge(HOME, json(FULL_HOME), 1)).isEqualTo(USE_UPSTREAM);
        assertThat(policy.judge(HOME, json(EMPTY_HOME), 1)).isEqualTo(FALL_BACK);
        assertThat(policy.judge(HOME, json(home(true, "")), 1)).isEqualTo(FALL_BACK);
        assertThat(policy.judge(HOME, json(home(false, "")), 1)).as("nobody delivers here: a real answer").isEqualTo(USE_UPSTREAM);
        assertThat(policy.judge(HOME, json(home(true, "{\"products\":[{\"skuId\":\"p\",\"storeId\":\"s1\"}]}")), 1)).isEqualTo(USE_UPSTREAM);
        String channel = "{\"kind\":\"channel\",\"channel\":\"fresh\",\"lat\":31.2304,\"lng\":121.4737,\"serviceable\":true,\"floors\":[]}";
        assertThat(policy.judge(PageRequest.channel("fresh", 31.2304, 121.4737), json(channel), 1)).isEqualTo(FALL_BACK);
    }

    @Test
    void aPageForAnotherPlaceIsNotShown() {
        PageRequest elsewhere = PageRequest.home(39.9042, 116.4074);

        assertThat(policy.judge(elsewhere, json(FULL_HOME), 1)).isEqualTo(FALL_BACK);
    }

    @Test
    void failedAndUnreadableAnswersFallBack() {
        assertThat(policy.judge(HOME, UpstreamAnswer.failed("timeout"), 1)).isEqualTo(FALL_BACK);
        assertThat(policy.judge(HOME, json("<html>502</html>"), 1)).isEqualTo(FALL_BACK);
        assertThat(policy.judge(HOME, json("[]"), 1)).isEqualTo(FALL_BACK);
        assertThat(policy.judge(TREE, json(""), 1)).isEqualTo(FALL_BACK);
    }

    @Test
    void categoryTreesOfOpenStoresFallBackWhenEmpty() {
        String tree = "{\"kind\":\"store-categories\",\"storeId\":\"s1\",\"status\":\"%s\",\"categories\":[%s]}";
        assertThat(policy.judge(TREE, json(tree.formatted("open", "{\"categoryId\":\"c\",\"name\":\"n\",\"productCount\":3}")), 1)).isEqualTo(USE_UPSTREAM);
        assertThat(policy.judge(TREE, json(tree.formatted("open", "")), 1)).isEqualTo(FALL_BACK);
        assertThat(policy.judge(TREE, json(tree.formatted("closed", "")), 1)).as("a closed store's empty tree is real").isEqualTo(USE_UPSTREAM);
    }

    @Test
    void productPagesAreRetriedOnceThenFallBack() {
        String page = "{\"kind\":\"store-products\",\"storeId\":\"s1\",\"categoryId\":\"c1\",\"page\":1,\"totalPages\":2,\"products\":[%s]}";
        assertThat(policy.judge(PRODUCTS, json(page.formatted("{\"skuId\":\"p\"}")), 1)).isEqualTo(USE_UPSTREAM);
        assertThat(policy.judge(PRODUCTS, json(page.formatted("")), 1)).isEqualTo(RETRY_UPSTREAM);
        assertThat(policy.judge(PRODUCTS, UpstreamAnswer.failed("500"), 1)).isEqualTo(RETRY_UPSTREAM);
        assertThat(policy.judge(PRODUCTS, json(page.formatted("")), 2)).isEqualTo(FALL_BACK);
    }

    @Test
    void aGatewayContractJudgesItsEnvelopeAndItsOwnFields() {
        FallbackPolicy gateway = FallbackPolicy.contract(UpstreamContract.load("demo-gateway",
                Map.of("HEXSNAP_UPSTREAM_GATEWAY_TOKEN", "unused-by-the-client")), 20);
        String ok = "{\"code\":0,\"message\":\"ok\",\"data\":{\"meta\":{\"pageType\":\"HOME\",\"deliverable\":true},"
                + "\"geo\":{\"lat\":31.2304,\"lng\":121.4737},\"floors\":[%s]}}";
        String shops = "{\"floorType\":\"shops\",\"items\":[{\"shopId\":\"s1\",\"bizStatus\":1}]}";

        assertThat(gateway.judge(HOME, json(ok.formatted(shops)), 1)).isEqualTo(USE_UPSTREAM);
        assertThat(gateway.judge(HOME, json(ok.formatted("")), 1)).isEqualTo(FALL_BACK);
        assertThat(gateway.judge(HOME, json("{\"code\":50301,\"message\":\"busy\",\"data\":null}"), 1)).as("failure inside HTTP 200").isEqualTo(FALL_BACK);
        assertThat(gateway.judge(HOME, json(FULL_HOME), 1)).as("a hexsnap-v1 page is not this contract's").isEqualTo(FALL_BACK);
    }

    @Test
    void aServiceCanBringItsOwnRule() {
        FallbackPolicy own = FallbackPolicy.rule((request, json) -> new String(json, StandardCharsets.UTF_8).contains("\"items\":[]"));

        assertThat(own.judge(HOME, json("{\"items\":[1]}"), 1)).isEqualTo(USE_UPSTREAM);
        assertThat(own.judge(HOME, json("{\"items\":[]}"), 1)).isEqualTo(FALL_BACK);
        assertThat(own.judge(PRODUCTS, json("{\"items\":[]}"), 1)).isEqualTo(RETRY_UPSTREAM);
        assertThat(own.judge(HOME, UpstreamAnswer.failed("503"), 1)).isEqualTo(FALL_BACK);
    }
}
