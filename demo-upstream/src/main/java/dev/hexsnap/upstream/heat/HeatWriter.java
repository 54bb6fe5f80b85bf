package dev.hexsnap.upstream.heat;

import dev.hexsnap.core.region.City;
import dev.hexsnap.upstream.world.CityLayout;
import dev.hexsnap.upstream.world.World;
import dev.hexsnap.upstream.world.WorldSpec;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Writes request heat as CSV ({@code lat,lng,count} with a header line), the input of the grid
 * builder: points where people live and work in the world's cities, shared between cities by
 * population (to the power 0.8: big cities have more people, not proportionally more
 * requests). Streams: memory does not grow with the number of points. Deterministic from the
 * world's seed (where the cities' centres are) and the sampling seed (which points).
 */
public final class HeatWriter {

    public static final String HEADER = "lat,lng,count";

    private final List<CityLayout> layouts;

    public HeatWriter(List<CityLayout> layouts) {
        if (layouts.isEmpty()) {
            throw new IllegalArgumentException("heat needs at least one city");
        }
        this.layouts = List.copyOf(layouts);
    }

    /** Heat for cities laid out with a world seed (without generating the stores). */
    public static HeatWriter forCities(long worldSeed, List<City> cities) {
        // The layouts only depend on the seed and the city; a world of one store per city would
        // do as well, but generating the whole world is cheap and keeps one code path.
        return new HeatWriter(World.generate(new WorldSpec(worldSeed, cities, 0.01)).layouts());
    }

    /** How many of {@code total} points each city gets, in layout order (adds up to total). */
    public long[] shares(long total) {
        double[] weights = new double[layouts.size()];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.pow(layouts.get(i).millions(), 0.8);
            sum += weights[i];
        }
        long[] shares = new long[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            shares[i] = (long) Math.floor(total * weights[i] / sum);
            given += shares[i];
        }
        for (int i = 0; given < total; i = (i + 1) % shares.length) {
            shares[i]++;
            given++;
        }
        return shares;
    }

    /**
     * Writes {@code total} points after the header.
     *
     * @param progress told the number of points written so far, every 100,000 points
     */
    public void write(long total, long sampleSeed, Writer out, LongConsumer progress) throws IOException {
        out.write(HEADER);
        out.write('\n');
        long[] shares = shares(total);
        StringBuilder line = new StringBuilder(40);
        long written = 0;
        for (int c = 0; c < layouts.size(); c++) {
            CityLayout layout = layouts.get(c);
            for (long n = 0; n < shares[c]; n++) {
                CityLayout.HeatPoint point = layout.heatPoint(sampleSeed, n);
                line.setLength(0);
                appendFixed6(line, point.lat());
                line.append(',');
                appendFixed6(line, point.lng());
                line.append(',').append(point.count()).append('\n');
                out.append(line);
                if (++written % 100_000 == 0) {
                    progress.accept(written);
                }
            }
        }
        out.flush();
    }

    /** Cities whose layouts this writer uses. */
    public List<String> citySlugs() {
        List<String> slugs = new ArrayList<>();
        for (CityLayout layout : layouts) {
            slugs.add(layout.city().slug());
        }
        return slugs;
    }

    /** Six decimals (about 0.1 m), without the cost of String.format. */
    static void appendFixed6(StringBuilder into, double value) {
        long micro = Math.round(value * 1_000_000);
        if (micro < 0) {
            into.append('-');
            micro = -micro;
        }
        into.append(micro / 1_000_000).append('.');
        String frac = Long.toString(micro % 1_000_000);
        for (int i = frac.length(); i < 6; i++) {
            into.append('0');
        }
        into.append(frac);
    }
}
