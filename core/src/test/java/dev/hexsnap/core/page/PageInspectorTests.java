package dev.hexsnap.core.page;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageInspectorTests {

    private final PageInspector inspector = new PageInspector();

    @Test
    void aServiceablePageWithoutStoresOrProductsIsEmpty() {
        var empty = inspector.locationPage("""
                {"kind":"home","account":"generic","slot":"day","lat":31.2,"lng":121.4,"serviceable":true,"floors":[]}
                """.getBytes());
        var noService = inspector.locationPage("""
                {"kind":"home","account":"generic","slot":"day","lat":31.2,"lng":121.4,"serviceable":false,"floors":[]}
                """.getBytes());

        assertThat(empty.isEmpty()).isTrue();
        assertThat(noService.isEmpty()).isFalse();
    }

    @Test
    void storesShownAsCardsOrThroughProductsAreCollectedOnce() {
        var page = inspector.locationPage("""
                {"kind":"home","serviceable":true,"floors":[
                  {"floorId":"f1","type":"stores","stores":[{"storeId":"s1","status":"open"},{"storeId":"s2","status":"open"}]},
                  {"floorId":"f2","type":"products","products":[{"skuId":"p1","storeId":"s2"},{"skuId":"p2","storeId":"s3"}]},
                  {"floorId":"f3","type":"channels","channels":[{"channel":"fresh"},{"channel":"pharmacy"}]}]}
                """.getBytes());

        assertThat(page.storeIds()).containsExactly("s1", "s2", "s3");
        assertThat(page.channelEntries()).containsExactly(Channel.FRESH, Channel.PHARMACY);
        assertThat(page.isEmpty()).isFalse();
    }

    @Test
    void garbageAndWrongKindsAreMalformed() {
        assertThatThrownBy(() -> inspector.locationPage("<html>".getBytes())).isInstanceOf(MalformedPageException.class);
        assertThatThrownBy(() -> inspector.locationPage(new byte[0])).isInstanceOf(MalformedPageException.class);
        assertThatThrownBy(() -> inspector.locationPage("{\"kind\":\"store-categories\"}".getBytes()))
                .isInstanceOf(MalformedPageException.class);
        assertThatThrownBy(() -> inspector.locationPage("{\"kind\":\"channel\",\"channel\":\"toys\"}".getBytes()))
                .isInstanceOf(MalformedPageException.class).hasMessageContaining("unknown channel");
    }

    @Test
    void leafCategoriesAreFoundDepthFirst() {
        var tree = inspector.categories("""
                {"kind":"store-categories","storeId":"s1","status":"open","categories":[
                  {"categoryId":"a","children":[{"categoryId":"a1"},{"categoryId":"a2","children":[{"categoryId":"a2x"}]}]},
                  {"categoryId":"b"}]}
                """.getBytes());

        assertThat(tree.leaves()).extracting(StoreCategoriesPage.Category::categoryId).containsExactly("a1", "a2x", "b");
    }
}
