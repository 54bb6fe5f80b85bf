package dev.hexsnap.upstream.world;

import dev.hexsnap.core.geo.LatLng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class GeohashTests {

    @ParameterizedTest(name = "{0},{1} at {2} -> {3}")
    @CsvSource(textBlock = """
            57.64911,  10.40744, 11, u4pruydqqvj
            42.605,    -5.603,    5, ezs42
            0,          0,        6, s00000
            -90,     -180,        6, 000000
            90,       180,        6, zzzzzz
            """)
    void encodesTheReferencePoints(double lat, double lng, int precision, String expected) {
        // the first two are the examples of the geohash's own description (Wikipedia, geohash.org)
        assertThat(Geohash.of(lat, lng, precision).hash()).isEqualTo(expected);
    }

    @Test
    void decodesACellToTheBoundsAndCentreOfTheReference() {
        Geohash cell = Geohash.parse("ezs42");

        assertThat(cell.centre().lat()).isCloseTo(42.605, within(0.0221));
        assertThat(cell.centre().lng()).isCloseTo(-5.603, within(0.0221));
        assertThat(cell.maxLat() - cell.minLat()).isEqualTo(Geohash.heightDegrees(5));
        assertThat(cell.maxLng() - cell.minLng()).isEqualTo(Geohash.widthDegrees(5));
        assertThat(Geohash.parse("EZS42")).isEqualTo(cell);
    }

    @Test
    void aPointLiesInItsCellAndALongerHashIsACellInsideTheShorterOne() {
        Random random = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            double lat = -90 + random.nextDouble() * 180;
            double lng = -180 + random.nextDouble() * 360;
            int precision = 1 + random.nextInt(Geohash.MAX_PRECISION);

            Geohash cell = Geohash.of(lat, lng, precision);

            assertThat(cell.contains(lat, lng)).isTrue();
            assertThat(Geohash.parse(cell.hash())).isEqualTo(cell);
            assertThat(Geohash.of(cell.centre().lat(), cell.centre().lng(), precision)).isEqualTo(cell);
            if (precision > 1) {
                Geohash parent = Geohash.of(lat, lng, precision - 1);
                assertThat(cell.hash()).startsWith(parent.hash());
                assertThat(cell.minLat()).isGreaterThanOrEqualTo(parent.minLat());
                assertThat(cell.maxLng()).isLessThanOrEqualTo(parent.maxLng());
            }
        }
    }

    @Test
    void aPointOnABoundaryBelongsToTheCellNorthOrEastOfIt() {
        Geohash cell = Geohash.of(31.2304, 121.4737, 6);

        assertThat(Geohash.of(cell.maxLat(), cell.centre().lng(), 6)).isNotEqualTo(cell);
        assertThat(Geohash.of(cell.centre().lat(), cell.maxLng(), 6)).isNotEqualTo(cell);
        assertThat(Geohash.of(cell.minLat(), cell.minLng(), 6)).isEqualTo(cell);
        assertThat(cell.contains(cell.maxLat(), cell.minLng())).isFalse();
    }

    @Test
    void precisionSixIsAboutOneKilometreByHalfAKilometreAtShanghai() {
        Geohash cell = Geohash.of(31.2304, 121.4737, 6);
        LatLng south = new LatLng(cell.minLat(), cell.minLng());

        double widthKm = south.distanceMetres(new LatLng(cell.minLat(), cell.maxLng())) / 1000;
        double heightKm = south.distanceMetres(new LatLng(cell.maxLat(), cell.minLng())) / 1000;

        assertThat(cell.hash()).isEqualTo("wtw3sj");
        assertThat(widthKm).isBetween(1.0, 1.1);
        assertThat(heightKm).isBetween(0.58, 0.64);
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> Geohash.of(31, 121, 0)).withMessageContaining("precision");
        assertThatIllegalArgumentException().isThrownBy(() -> Geohash.of(31, 121, 13)).withMessageContaining("precision");
        assertThatIllegalArgumentException().isThrownBy(() -> Geohash.of(91, 121, 6)).withMessageContaining("latitude");
        assertThatIllegalArgumentException().isThrownBy(() -> Geohash.of(31, Double.NaN, 6)).withMessageContaining("longitude");
        assertThatIllegalArgumentException().isThrownBy(() -> Geohash.parse("wtw3a")).withMessageContaining("'a' is not one of");
        assertThatIllegalArgumentException().isThrownBy(() -> Geohash.parse("")).withMessageContaining("1 to 12 characters");
    }

    @Test
    void theGisGridResolvesAPointToItsCellsCentreOrLeavesItInExactMode() {
        GisGrid.Location cell = GisGrid.standard().locate(31.2304, 121.4737);
        GisGrid.Location exact = GisGrid.exact().locate(31.2304, 121.4737);

        assertThat(cell.cell()).isEqualTo("wtw3s");
        assertThat(new LatLng(cell.lat(), cell.lng())).isEqualTo(Geohash.parse("wtw3s").centre());
        assertThat(exact).isEqualTo(new GisGrid.Location(null, 31.2304, 121.4737));
        assertThat(GisGrid.of(GisGrid.Kind.GEOHASH, 6).locate(31.2304, 121.4737).cell()).isEqualTo("wtw3sj");
        assertThat(GisGrid.of(GisGrid.Kind.EXACT, 5)).isEqualTo(GisGrid.exact());
        assertThatIllegalArgumentException().isThrownBy(() -> GisGrid.geohash(13)).withMessageContaining("[1, 12]");
    }
}
