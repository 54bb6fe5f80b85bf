package dev.hexsnap.grid.sample;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.region.City;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic, realistic-looking request heat around real cities: most requests come from
 * a few dozen dense spots per city (offices, malls, housing estates; Gaussian, 150-800 m),
 * the rest are spread over the city, and 1% land anywhere in eastern China (outside every
 * region). Each line is {@code lat,lng,count} with 6 decimals, as an access-log export.
 * The same seed writes the same bytes.
 */
public final class SyntheticHeat {

    private static final int HUBS_PER_CITY = 60;
    private static final double KM_PER_DEGREE = 111.32;

    private final List<City> cities;
    private final double radiusKm;
    private final long seed;

    public SyntheticHeat(List<City> cities, double radiusKm, long seed) {
        this.cities = List.copyOf(cities);
        this.radiusKm = radiusKm;
        this.seed = seed;
    }

    /** Writes a header and {@code lines} points. */
    public void write(OutputStream out, long lines) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> hubs = new ArrayList<>(); // lat, lng, sigma (degrees of latitude), cumulative weight
        double[] cityWeight = new double[cities.size()];
        double total = 0;
        for (int c = 0; c < cities.size(); c++) {
            total += Math.sqrt(cities.get(c).population());
            cityWeight[c] = total;
        }
        for (City city : cities) {
            double cumulative = 0;
            for (int h = 0; h < HUBS_PER_CITY; h++) {
                LatLng at = inDisc(random, city.centre(), radiusKm * 0.8);
                cumulative += 1.0 / Math.pow(h + 1, 0.9);
                hubs.add(new double[]{at.lat(), at.lng(), (0.15 + random.nextDouble() * 0.65) / KM_PER_DEGREE, cumulative});
            }
        }
        byte[] buf = new byte[1 << 16];
        int n = 0;
        byte[] header = "lat,lng,count\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(header);
        for (long i = 0; i < lines; i++) {
            double lat;
            double lng;
            double pick = random.nextDouble();
            if (pick < 0.01) {
                lat = 20 + random.nextDouble() * 25;
                lng = 100 + random.nextDouble() * 22;
            } else {
                int c = city(cityWeight, random.nextDouble() * total);
                City city = cities.get(c);
                if (pick < 0.26) {
                    LatLng at = inDisc(random, city.centre(), radiusKm * 1.05);
                    lat = at.lat();
                    lng = at.lng();
                } else {
                    int base = c * HUBS_PER_CITY;
                    double weights = hubs.get(base + HUBS_PER_CITY - 1)[3];
                    double target = random.nextDouble() * weights;
                    int h = base;
                    while (hubs.get(h)[3] < target) {
                        h++;
                    }
                    double[] hub = hubs.get(h);
                    lat = hub[0] + random.nextGaussian() * hub[2];
                    lng = hub[1] + random.nextGaussian() * hub[2] / Math.cos(Math.toRadians(hub[0]));
                }
            }
            long count = 1 + (long) Math.min(200, -Math.log(1 - random.nextDouble()) * 4);
            if (n > buf.length - 64) {
                out.write(buf, 0, n);
                n = 0;
            }
            n = decimal(buf, n, lat);
            buf[n++] = ',';
            n = decimal(buf, n, lng);
            buf[n++] = ',';
            n = whole(buf, n, count);
            buf[n++] = '\n';
        }
        out.write(buf, 0, n);
    }

    /** A polygon outline around a city: a wobbly circle, like a city's built-up area. */
    public static List<LatLng> outline(LatLng centre, double radiusKm, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double phase3 = random.nextDouble() * 2 * Math.PI;
        double phase5 = random.nextDouble() * 2 * Math.PI;
        List<LatLng> points = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            double a = 2 * Math.PI * i / 24;
            double r = radiusKm * (1 + 0.2 * Math.sin(3 * a + phase3) + 0.08 * Math.cos(5 * a + phase5));
            double dLat = r * Math.sin(a) / KM_PER_DEGREE;
            double dLng = r * Math.cos(a) / (KM_PER_DEGREE * Math.cos(Math.toRadians(centre.lat())));
            points.add(new LatLng(round6(centre.lat() + dLat), round6(centre.lng() + dLng)));
        }
        return points;
    }

    private static int city(double[] cumulative, double target) {
        for (int c = 0; c < cumulative.length; c++) {
            if (target < cumulative[c]) {
                return c;
            }
        }
        return cumulative.length - 1;
    }

    private static LatLng inDisc(SplittableRandom random, LatLng centre, double radiusKm) {
        double r = radiusKm * Math.sqrt(random.nextDouble());
        double a = random.nextDouble() * 2 * Math.PI;
        double lat = centre.lat() + r * Math.sin(a) / KM_PER_DEGREE;
        double lng = centre.lng() + r * Math.cos(a) / (KM_PER_DEGREE * Math.cos(Math.toRadians(centre.lat())));
        return new LatLng(lat, lng);
    }

    private static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    /** Six decimals without String.format: the generator writes tens of millions of lines. */
    private static int decimal(byte[] buf, int n, double value) {
        long micro = Math.round(value * 1e6);
        if (micro < 0) {
            buf[n++] = '-';
            micro = -micro;
        }
        n = whole(buf, n, micro / 1_000_000);
        buf[n++] = '.';
        long fraction = micro % 1_000_000;
        for (long div = 100_000; div > 0; div /= 10) {
            buf[n++] = (byte) ('0' + fraction / div % 10);
        }
        return n;
    }

    private static int whole(byte[] buf, int n, long value) {
        if (value == 0) {
            buf[n++] = '0';
            return n;
        }
        int start = n;
        while (value > 0) {
            buf[n++] = (byte) ('0' + value % 10);
            value /= 10;
        }
        for (int i = start, j = n - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return n;
    }
}
