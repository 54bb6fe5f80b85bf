package dev.hexsnap.grid.points;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PointLineParserTests {

    private final PointLineParser parser = new PointLineParser();

    private PointLineParser.Outcome parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length);
    }

    @Test
    void readsLatitudeLongitudeAndCount() {
        assertThat(parse("31.230416,121.473701,17")).isEqualTo(PointLineParser.Outcome.OK);
        assertThat(parser.lat).isEqualTo(31.230416);
        assertThat(parser.lng).isEqualTo(121.473701);
        assertThat(parser.count).isEqualTo(17);
    }

    @Test
    void aLineWithoutCountIsOneRequest() {
        assertThat(parse(" -33.5 , 151.25 \r")).isEqualTo(PointLineParser.Outcome.OK);
        assertThat(parser.lat).isEqualTo(-33.5);
        assertThat(parser.lng).isEqualTo(151.25);
        assertThat(parser.count).isEqualTo(1);
    }

    @Test
    void fastPathGivesExactlyWhatDoubleParseDoubleGives() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double lat = random.nextDouble(-90, 90);
            double lng = random.nextDouble(-180, 180);
            int decimals = random.nextInt(0, 13);
            String latText = String.format(Locale.ROOT, "%." + decimals + "f", lat);
            String lngText = random.nextBoolean() ? Double.toString(lng) : String.format(Locale.ROOT, "%.7f", lng);
            assertThat(parse(latText + "," + lngText)).isEqualTo(PointLineParser.Outcome.OK);
            assertThat(parser.lat).isEqualTo(Double.parseDouble(latText));
            assertThat(parser.lng).isEqualTo(Double.parseDouble(lngText));
        }
    }

    @Test
    void exponentsAndLongMantissasStillParse() {
        assertThat(parse("3.1230416e1,1.21473701E2")).isEqualTo(PointLineParser.Outcome.OK);
        assertThat(parser.lat).isEqualTo(31.230416);
        assertThat(parser.lng).isEqualTo(121.473701);
        assertThat(parse("31.23041612345678901,121.4")).isEqualTo(PointLineParser.Outcome.OK);
        assertThat(parser.lat).isEqualTo(Double.parseDouble("31.23041612345678901"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "abc,121.4|LAT_NOT_NUMBER",
            "31.2,east|LNG_NOT_NUMBER",
            "NaN,121.4|LAT_NOT_NUMBER",
            "31.2,Infinity|LNG_NOT_NUMBER",
            "0x1p4,121.4|LAT_NOT_NUMBER",
            ".,121.4|LAT_NOT_NUMBER",
            "-,121.4|LAT_NOT_NUMBER",
            "90.0001,121.4|LAT_RANGE",
            "-91,121.4|LAT_RANGE",
            "31.2,180.5|LNG_RANGE",
            "31.2,-181|LNG_RANGE",
            "1e3,121.4|LAT_RANGE",
            "31.2,121.4,-3|COUNT_RANGE",
            "31.2,121.4,1.5|COUNT_NOT_NUMBER",
            "31.2,121.4,|COUNT_NOT_NUMBER",
            "31.2,121.4,lots|COUNT_NOT_NUMBER",
            "31.2,121.4,99999999999999999999|COUNT_RANGE",
            "31.2,121.4,1000000001|COUNT_RANGE",
            "31.2|FIELDS",
            "31.2;121.4|FIELDS",
            "31.2,121.4,3,extra|FIELDS",
    })
    void rejectsMalformedAndOutOfRangeLines(String line, PointLineParser.Outcome expected) {
        assertThat(parse(line)).isEqualTo(expected);
    }

    @Test
    void zeroIsAValidCountAndTheMaximumIsAccepted() {
        assertThat(parse("31.2,121.4,0")).isEqualTo(PointLineParser.Outcome.OK);
        assertThat(parser.count).isZero();
        assertThat(parse("31.2,121.4,1000000000")).isEqualTo(PointLineParser.Outcome.OK);
        assertThat(parser.count).isEqualTo(PointLineParser.MAX_COUNT);
    }

    @Test
    void describesWhatIsWrongForPeople() {
        byte[] line = "91.5,121.4".getBytes(StandardCharsets.UTF_8);
        PointLineParser.Outcome outcome = parser.parse(line, 0, line.length);
        assertThat(parser.describe(outcome, line, 0, line.length)).isEqualTo("latitude 91.5 is outside [-90, 90]");
    }
}
