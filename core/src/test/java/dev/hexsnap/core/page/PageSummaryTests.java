package dev.hexsnap.core.page;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The streaming summaries against the full readers: same values on real pages, same verdict
 * (and message) on malformed ones. The pages under {@code pages/} were answered by the demo
 * upstream (Shanghai, pages made ~30 KB).
 */
class PageSummaryTests {

    private final PageInspector inspector = new PageInspector();
    private final JsonMapper mapper = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"home", "channel-supermarket", "home-unserviceable"})
    void realLocationPagesAreSummarisedInOnePassAsTheFullReaderDerivesThem(String name) {
        byte[] json = page(name);

        LocationSummary streamed = streamed(json, PageSummaryReader::location);

        assertThat(streamed).isNotNull().isEqualTo(LocationSummary.of(inspector.locationPage(json)));
        assertThat(inspector.locationSummary(json)).isEqualTo(streamed);
        assertThat(streamed.storeIds()).isEqualTo(inspector.locationPage(json).storeIds());
    }

    @Test
    void theRealHomePageShowsStoresAndChannelEntries() {
        LocationSummary home = inspector.locationSummary(page("home"));

        assertThat(home.kind()).isEqualTo("home");
        assertThat(home.serviceable()).isTrue();
        assertThat(home.empty()).isFalse();
        assertThat(home.stores()).hasSizeGreaterThan(5);
        assertThat(home.stores()).anySatisfy(s -> assertThat(s.cardStatus()).isEqualTo(StoreCard.OPEN));
        assertThat(home.channelEntries()).contains(Channel.SUPERMARKET);
    }

    @Test
    void aRealCategoryTreeIsSummarisedInOnePassAsTheFullReaderDerivesIt() {
        byte[] json = page("store-categories");

        StoreCategoriesSummary streamed = streamed(json, PageSummaryReader::categories);

        assertThat(streamed).isNotNull().isEqualTo(StoreCategoriesSummary.of(inspector.categories(json)));
        assertThat(streamed.leaves()).hasSizeGreaterThan(5).allSatisfy(leaf -> assertThat(leaf.productCount()).isPositive());
        assertThat(streamed.status()).isEqualTo(StoreCard.OPEN);
        assertThat(streamed.empty()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"store-products-1", "store-products-2"})
    void realProductsPagesAreSummarisedInOnePassAsTheFullReaderDerivesThem(String name) {
        byte[] json = page(name);

        StoreProductsSummary streamed = streamed(json, PageSummaryReader::products);

        assertThat(streamed).isNotNull().isEqualTo(StoreProductsSummary.of(inspector.products(json)));
        assertThat(streamed.totalPages()).isGreaterThanOrEqualTo(2);
        assertThat(streamed.empty()).isFalse();
    }

    @Test
    void storesAreInPageOrderWhateverTheFieldOrderOfAFloor() {
        // products before stores in the JSON: page order is still the floor's stores, then its products
        byte[] json = """
                {"floors":[{"products":[{"skuId":"p1","storeId":"s3"},{"skuId":"p2","storeId":"s1"}],
                            "stores":[{"status":"closed","storeId":"s1"},{"storeId":"s2"}],"floorId":"f1"},
                           {"stores":[{"storeId":"s2","status":"open"}],
                            "channels":[{"channel":"fresh"},{"channel":"fresh"},{"channel":"pharmacy"}]}],
                 "serviceable":true,"lng":121.4,"lat":31.2,"kind":"home"}
                """.getBytes(StandardCharsets.UTF_8);

        LocationSummary streamed = streamed(json, PageSummaryReader::location);

        assertThat(streamed).isEqualTo(LocationSummary.of(inspector.locationPage(json)));
        assertThat(streamed.stores()).containsExactly(new LocationSummary.StoreMention("s1", "closed"),
                new LocationSummary.StoreMention("s2", "open"), new LocationSummary.StoreMention("s3", null));
        assertThat(streamed.channelEntries()).containsExactly(Channel.FRESH, Channel.PHARMACY);
    }

    @Test
    void leavesAreDepthFirstWhateverTheFieldOrderOfACategory() {
        byte[] json = """
                {"categories":[{"children":[{"categoryId":"a1","productCount":3},
                                            {"children":[{"productCount":1,"categoryId":"a2x"}],"categoryId":"a2"}],
                                "categoryId":"a"},
                               {"categoryId":"b","children":[]},{"categoryId":"c","children":null,"productCount":0}],
                 "status":"open","storeId":"s1","kind":"store-categories"}
                """.getBytes(StandardCharsets.UTF_8);

        StoreCategoriesSummary streamed = streamed(json, PageSummaryReader::categories);

        assertThat(streamed).isEqualTo(StoreCategoriesSummary.of(inspector.categories(json)));
        assertThat(streamed.leaves()).extracting(StoreCategoriesSummary.Leaf::categoryId).containsExactly("a1", "a2x", "b", "c");
    }

    @Test
    void emptyPagesAreReportedNotRejected() {
        byte[] home = """
                {"kind":"home","serviceable":true,"floors":[{"floorId":"f","stores":[],"products":[]}]}""".getBytes(StandardCharsets.UTF_8);
        byte[] tree = """
                {"kind":"store-categories","storeId":"s1","status":"open","categories":[]}""".getBytes(StandardCharsets.UTF_8);
        byte[] products = """
                {"kind":"store-products","storeId":"s1","categoryId":"c1","page":3,"totalPages":2,"products":[]}""".getBytes(StandardCharsets.UTF_8);

        assertThat(inspector.locationSummary(home).empty()).isTrue();
        assertThat(inspector.categoriesSummary(tree).empty()).isTrue();
        assertThat(inspector.productsSummary(products)).isEqualTo(new StoreProductsSummary("s1", "c1", 3, 2, 0));
        assertThat(inspector.productsSummary(products).empty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<html>",
            "",
            "null",
            "[]",
            "{\"kind\":\"home\"",
            "{\"kind\":\"home\"} trailing",
            "{\"kind\":\"home\"}{\"kind\":\"home\"}",
            "{\"kind\":\"store-categories\"}",
            "{\"kind\":\"channel\"}",
            "{\"kind\":\"channel\",\"channel\":\"toys\"}",
            "{\"kind\":\"home\",\"floors\":[null]}",
            "{\"kind\":\"home\",\"floors\":[{\"floorId\":\"f\",\"stores\":[{\"name\":\"no id\"}]}]}",
            "{\"kind\":\"home\",\"floors\":[{\"floorId\":\"f\",\"stores\":[{\"storeId\":\"\"}]}]}",
            "{\"kind\":\"home\",\"floors\":[{\"floorId\":\"f\",\"stores\":[null]}]}",
            "{\"kind\":\"home\",\"floors\":[{\"floorId\":\"f\",\"products\":[{\"storeId\":\"s1\"}]}]}",
            "{\"kind\":\"home\",\"floors\":[{\"floorId\":\"f\",\"channels\":[{\"channel\":\"toys\"}]}]}",
            "{\"kind\":\"home\",\"floors\":[{\"floorId\":\"f\",\"channels\":[null]}]}",
            "{\"kind\":\"home\",\"lat\":{}}",
            "{\"kind\":\"home\",\"floors\":{}}",
            "{\"kind\":\"home\",\"generatedAt\":\"yesterday\"}",
            "{\"kind\":\"home\",\"floors\":[{\"stores\":[{\"storeId\":\"s1\",\"monthlySales\":12345678901}]}]}",
            "{\"kind\":\"home\",\"unknown\":[1,2,}",
    })
    void malformedLocationPagesAreRejectedByBothWithTheSameMessage(String body) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);

        assertSameVerdict(json, inspector::locationPage, LocationSummary::of, inspector::locationSummary);
        assertThatThrownBy(() -> inspector.locationSummary(json)).isInstanceOf(MalformedPageException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"kind\":\"home\",\"lat\":\"31.5\",\"lng\":121}",
            "{\"kind\":\"home\",\"serviceable\":1,\"floors\":[]}",
            "{\"kind\":\"channel\",\"kind\":\"home\"}",
            "{\"kind\":\"home\",\"generatedAt\":12345}",
            "{\"kind\":\"home\",\"floors\":[{\"stores\":[{\"storeId\":42,\"status\":\"open\"}]}]}",
            "{\"kind\":\"home\",\"floors\":[{\"stores\":[{\"storeId\":\"s1\",\"rating\":\"4.5\"}]}]}",
            "{\"kind\":\"home\",\"lat\":null,\"floors\":null}",
            "{\"kind\":\"home\",\"floors\":[{\"banners\":[null],\"stores\":[{\"storeId\":\"s1\",\"tags\":[null]}]}]}",
    })
    void pagesDataBindingCoercesGetTheSameSummaryAsFromTheFullReader(String body) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);

        assertSameVerdict(json, inspector::locationPage, LocationSummary::of, inspector::locationSummary);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"kind\":\"store-products\",\"storeId\":\"s1\"}",
            "{\"kind\":\"store-products\",\"storeId\":\"s1\",\"categoryId\":\"c1\",\"page\":1.5,\"products\":[{}]}",
            "{\"kind\":\"store-products\",\"storeId\":\"s1\",\"categoryId\":\"c1\",\"totalPages\":\"2\",\"products\":[null]}",
            "{\"kind\":\"store-products\",\"storeId\":\"s1\",\"categoryId\":\"c1\",\"products\":[{\"priceCents\":\"x\"}]}",
            "{\"kind\":\"store-categories\",\"storeId\":\"s1\"}",
            "{\"kind\":\"store-products\",\"storeId\":\"s1\",\"categoryId\":\"c1\",\"page\":2,\"totalPages\":2,\"products\":[{\"skuId\":\"p\"}]} x",
    })
    void productsPagesGetTheSameVerdictFromBoth(String body) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);

        assertSameVerdict(json, inspector::products, StoreProductsSummary::of, inspector::productsSummary);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"kind\":\"store-categories\"}",
            "{\"kind\":\"store-products\",\"storeId\":\"s1\"}",
            "{\"kind\":\"store-categories\",\"storeId\":\"s1\",\"categories\":[null]}",
            "{\"kind\":\"store-categories\",\"storeId\":\"s1\",\"categories\":[{\"categoryId\":\"a\",\"children\":[null]}]}",
            "{\"kind\":\"store-categories\",\"storeId\":\"s1\",\"categories\":[{\"categoryId\":\"a\",\"productCount\":\"7\"}]}",
            "{\"kind\":\"store-categories\",\"storeId\":\"s1\",\"categories\":[{\"categoryId\":\"a\",\"categoryId\":\"b\"}]}",
    })
    void categoryTreesGetTheSameVerdictFromBoth(String body) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);

        assertSameVerdict(json, inspector::categories, StoreCategoriesSummary::of, inspector::categoriesSummary);
    }

    @Test
    void invalidUtf8InAFieldNobodyReadsIsStillMalformed() {
        byte[] json = "{\"kind\":\"home\",\"floors\":[{\"title\":\"a\u00c3(\"}]}".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> inspector.locationSummary(json)).isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void randomlyDamagedRealPagesGetTheSameVerdictFromBoth() {
        // Bytes swapped for JSON's own characters, deleted or repeated: every verdict and summary must agree.
        Random random = new Random(20261123);
        byte[] alphabet = "{}[]\",:0123456789.-eE tfnul\\x".getBytes(StandardCharsets.US_ASCII);
        int accepted = 0;
        for (String name : new String[]{"home", "channel-supermarket", "store-categories", "store-products-1"}) {
            byte[] original = page(name);
            for (int round = 0; round < 150; round++) {
                byte[] damaged = damage(original, random, alphabet);
                if (name.startsWith("store-categories")) {
                    accepted += assertSameVerdict(damaged, inspector::categories, StoreCategoriesSummary::of, inspector::categoriesSummary);
                } else if (name.startsWith("store-products")) {
                    accepted += assertSameVerdict(damaged, inspector::products, StoreProductsSummary::of, inspector::productsSummary);
                } else {
                    accepted += assertSameVerdict(damaged, inspector::locationPage, LocationSummary::of, inspector::locationSummary);
                }
            }
        }
        // Both verdicts were exercised: some damage leaves a valid page (inside a string), most does not.
        assertThat(accepted).isBetween(20, 580);
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] damage(byte[] original, Random random, byte[] alphabet) {
        byte[] copy = original.clone();
        int at = random.nextInt(copy.length);
        return switch (random.nextInt(3)) {
            case 0 -> {
                copy[at] = alphabet[random.nextInt(alphabet.length)];
                yield copy;
            }
            case 1 -> {
                int length = 1 + random.nextInt(Math.min(40, copy.length - at));
                byte[] shorter = new byte[copy.length - length];
                System.arraycopy(copy, 0, shorter, 0, at);
                System.arraycopy(copy, at + length, shorter, at, copy.length - at - length);
                yield shorter;
            }
            default -> {
                int length = 1 + random.nextInt(Math.min(40, copy.length - at));
                byte[] longer = new byte[copy.length + length];
                System.arraycopy(copy, 0, longer, 0, at + length);
                System.arraycopy(copy, at, longer, at + length, copy.length - at);
                yield longer;
            }
        };
    }

    /** Asserts both readers agree on {@code json}; returns 1 when they accepted it. */
    private static <P, S> int assertSameVerdict(byte[] json, Function<byte[], P> full, Function<P, S> derive,
                                                Function<byte[], S> summary) {
        S expected;
        try {
            expected = derive.apply(full.apply(json));
        } catch (MalformedPageException e) {
            assertThatThrownBy(() -> summary.apply(json)).as(new String(json, StandardCharsets.UTF_8))
                    .isInstanceOf(MalformedPageException.class).hasMessage(e.getMessage());
            return 0;
        }
        assertThat(summary.apply(json)).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(expected);
        return 1;
    }

    /** The streaming pass alone: null when it deferred to the full reader. */
    private <T> T streamed(byte[] json, Function<PageSummaryReader, T> read) {
        try (JsonParser parser = mapper.createParser(json)) {
            return read.apply(new PageSummaryReader(parser, true));
        } catch (PageSummaryReader.Unusual e) {
            return null;
        }
    }

    private static byte[] page(String name) {
        try (InputStream in = PageSummaryTests.class.getResourceAsStream("/pages/" + name + ".json.gz")) {
            assertThat(in).as("test page " + name).isNotNull();
            return new GZIPInputStream(in).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
