package dev.hexsnap.diff.cost;

import dev.hexsnap.diff.config.DiffSettings;
import org.springframework.util.unit.DataSize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns bytes into money: {@code price} per {@code pricePer} of memory per month (the source
 * priced Redis at 15 yuan per 5 GB per month).
 */
public final class CostModel {

    private final DiffSettings.Cost settings;

    public CostModel(DiffSettings.Cost settings) {
        this.settings = settings;
    }

    /** The monthly cost of {@code bytes}, to six decimals (small test grids cost fractions of a fen). */
    public BigDecimal monthly(long bytes) {
        return settings.price().multiply(BigDecimal.valueOf(bytes))
                .divide(BigDecimal.valueOf(settings.pricePer().toBytes()), 6, RoundingMode.HALF_UP);
    }

    /** The cost of each resolution (those sampled, plus any the generation stores). */
    public List<ResolutionCost> costs(Storage storage, Collection<Integer> resolutions) {
        List<ResolutionCost> costs = new ArrayList<>();
        for (int resolution : resolutions) {
            Storage.LocationPages pages = storage.of(resolution);
            long bytes = pages.bytes() + storage.storeBytes();
            long nationwideCells = settings.nationwideCells().getOrDefault(resolution, 0L);
            long nationwideBytes = pages.cells() == 0 ? 0
                    : Math.round((double) pages.bytes() / pages.cells() * nationwideCells);
            costs.add(new ResolutionCost(resolution, pages.cells(), pages.bytes(), storage.storeBytes(), bytes,
                    monthly(bytes), nationwideCells, nationwideBytes, monthly(nationwideBytes)));
        }
        return costs;
    }

    public String currency() {
        return settings.currency();
    }

    /** The price as people say it, e.g. {@code ¥15 per 5GB per month}. */
    public String priceText() {
        return settings.currency() + settings.price().stripTrailingZeros().toPlainString() + " per " + size(settings.pricePer())
                + " per month";
    }

    /** {@code 5GB} rather than {@link DataSize#toString()}'s {@code 5368709120B}. */
    static String size(DataSize size) {
        long bytes = size.toBytes();
        String[] units = {"TB", "GB", "MB", "KB"};
        long[] factors = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes >= factors[i] && bytes % factors[i] == 0) {
                return bytes / factors[i] + units[i];
            }
        }
        return bytes + "B";
    }
}
