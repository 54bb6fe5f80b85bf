package dev.hexsnap.upstream.pages;

import dev.hexsnap.core.page.StoreCategoriesPage;
import dev.hexsnap.core.page.StoreCategoriesPage.Category;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway's own ways of writing values: money, statuses, the flat tree. */
class GatewayPageJsonTests {

    final GatewayPageJson json = new GatewayPageJson();

    @Test
    void moneyIsYuanWithTwoDecimals() {
        assertThat(GatewayPageJson.yuan(1250)).isEqualTo("12.50");
        assertThat(GatewayPageJson.yuan(5)).isEqualTo("0.05");
        assertThat(GatewayPageJson.yuan(0)).isEqualTo("0.00");
        assertThat(GatewayPageJson.yuan(100_000)).isEqualTo("1000.00");
        assertThat(GatewayPageJson.yuan(-1999)).isEqualTo("-19.99");
    }

    @Test
    void statusesAreNumericCodesAndAnUnknownOneIsABug() {
        assertThat(List.of("open", "closed-now", "closed").stream().map(GatewayPageJson::bizStatus).toList()).containsExactly(1, 2, 3);
        assertThat(List.of("on-sale", "sold-out", "off-shelf").stream().map(GatewayPageJson::saleStatus).toList()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> GatewayPageJson.bizStatus("maybe")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTreeIsFlattenedDepthFirstWithParentIdsAndLevels() {
        Category leafA = new Category("c1-1-1", "a", 3, List.of());
        Category leafB = new Category("c1-1-2", "b", 4, List.of());
        Category sub = new Category("c1-1", "sub", 7, List.of(leafA, leafB));
        Category top = new Category("c1", "top", 9, List.of(sub, new Category("c1-2", "c", 2, List.of())));
        StoreCategoriesPage page = new StoreCategoriesPage("store-categories", "s01-00001", "Shop", "open",
                Instant.parse("2026-11-23T04:00:00Z"), List.of(top, new Category("c2", "d", 5, List.of())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        json.categories(page, new GatewayPageJson.Stamp("r1", 1L), out);

        JsonNode data = JsonMapper.builder().build().readTree(out.toByteArray()).get("data");
        List<String> rows = new ArrayList<>();
        data.get("categoryList").forEach(n -> rows.add(n.get("categoryId").stringValue() + "<" + n.get("parentId").stringValue()
                + " L" + n.get("level").intValue() + " n" + n.get("skuCount").intValue()));
        assertThat(rows).containsExactly("c1<0 L1 n9", "c1-1<c1 L2 n7", "c1-1-1<c1-1 L3 n3", "c1-1-2<c1-1 L3 n4",
                "c1-2<c1 L2 n2", "c2<0 L1 n5");
        assertThat(data.get("poi").get("bizStatus").intValue()).isEqualTo(1);
    }
}
