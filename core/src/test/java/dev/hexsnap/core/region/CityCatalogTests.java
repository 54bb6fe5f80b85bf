package dev.hexsnap.core.region;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CityCatalogTests {

    private final CityCatalog catalog = CityCatalog.bundled();

    @Test
    void holdsTheBundledCitiesAndThirtyNineCoreOnes() {
        assertThat(catalog.all()).hasSize(1562);
        assertThat(catalog.core()).hasSize(39);
        assertThat(catalog.core(3)).extracting(City::slug).containsExactly("beijing", "shanghai", "guangzhou");
    }

    @Test
    void ambiguousNamesKeepTheCoreCityUnderTheBareSlug() {
        assertThat(catalog.require("suzhou").province()).isEqualTo("Jiangsu");
        assertThat(catalog.require("suzhou-anhui").province()).isEqualTo("Anhui");
        assertThat(catalog.require("xian").name()).isEqualTo("Xi'an");
    }

    @Test
    void anUnknownCityNamesCloseMatches() {
        assertThatThrownBy(() -> catalog.require("shang")).hasMessageContaining("unknown city 'shang'")
                .hasMessageContaining("shanghai");
    }

    @Test
    void aCircleRegionContainsItsCentreButNotAPointBeyondItsRadius() {
        Region shanghai = Region.around(catalog.require("shanghai"), 10);

        assertThat(shanghai.contains(catalog.require("shanghai").centre())).isTrue();
        assertThat(shanghai.contains(catalog.require("beijing").centre())).isFalse();
        assertThat(new Region.Polygon(shanghai.shape().outline()).contains(catalog.require("shanghai").centre())).isTrue();
    }
}
