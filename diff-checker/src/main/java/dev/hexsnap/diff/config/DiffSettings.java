package dev.hexsnap.diff.config;

import dev.hexsnap.core.page.Slot;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the diff-checker can be told ({@code hexsnap.diff.*}). The command line's
 * options ({@code --cities}, {@code --threshold}...) are shortcuts for some of these.
 *
 * @param upstream where the live pages come from and how hard the diff may ask
 * @param sample   which cells and which moment are compared
 * @param compare  when a point matches and what fidelity is good enough
 * @param cost     what storage costs
 * @param stores   the store diff and its re-crawl trigger
 * @param report   where the report goes and what it shows
 */
@ConfigurationProperties("hexsnap.diff")
public record DiffSettings(
        @DefaultValue Upstream upstream,
        @DefaultValue Sample sample,
        @DefaultValue Compare compare,
        @DefaultValue Cost cost,
        @DefaultValue Stores stores,
        @DefaultValue Report report) {

    /**
     * The live upstream and the ceiling that protects it.
     *
     * @param baseUrl           base URL of the page services (the demo upstream by default); what the diff
     *                          asks below it is the upstream contract's ({@code hexsnap.upstream.contract})
     * @param requestsPerSecond most requests the diff starts in any one-second window, retries included;
     *                          never exceeded (core's {@code RequestCeiling}, the worker's rule)
     * @param maxConcurrent     most requests in flight at once
     * @param requestTimeout    how long one request may take before it counts as failed
     * @param connectTimeout    how long opening a connection may take
     * @param retries           further attempts after a failed request (I/O error, 5xx, 429, an answer the
     *                          contract rejects); each attempt passes the ceiling again
     * @param retryBackoff      wait before the first retry, doubled for each further one
     * @param acceptGzip        ask for gzip-compressed answers (less network, more CPU)
     */
    public record Upstream(
            @DefaultValue("http://127.0.0.1:8081") String baseUrl,
            @DefaultValue("200") int requestsPerSecond,
            @DefaultValue("16") int maxConcurrent,
            @DefaultValue("10s") Duration requestTimeout,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("2") int retries,
            @DefaultValue("200ms") Duration retryBackoff,
            @DefaultValue("false") boolean acceptGzip) {

        public Upstream {
            try {
                URI uri = URI.create(baseUrl);
                if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                        || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hexsnap.diff.upstream.base-url must be an http(s) URL, got '" + baseUrl + "'");
            }
            baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            if (requestsPerSecond < 1 || requestsPerSecond > 100_000) {
                throw new IllegalArgumentException("hexsnap.diff.upstream.requests-per-second must be within [1, 100000], got " + requestsPerSecond);
            }
            if (maxConcurrent < 1 || maxConcurrent > 1024) {
                throw new IllegalArgumentException("hexsnap.diff.upstream.max-concurrent must be within [1, 1024], got " + maxConcurrent);
            }
            positive("upstream.request-timeout", requestTimeout);
            positive("upstream.connect-timeout", connectTimeout);
            if (retries < 0 || retries > 10) {
                throw new IllegalArgumentException("hexsnap.diff.upstream.retries must be within [0, 10], got " + retries);
            }
            if (retryBackoff.isNegative()) {
                throw new IllegalArgumentException("hexsnap.diff.upstream.retry-backoff must not be negative");
            }
        }
    }

    /**
     * What is sampled and compared.
     *
     * @param cities       how many core cities, in the catalog's order (largest markets first), 1-39
     * @param cellsPerCity hot cells sampled per city and resolution
     * @param seed         seed of the sample: the same seed on the same grid picks the same cells
     * @param slot         {@code day} or {@code night}: the snapshot slot compared, and the kind of
     *                     moment the live upstream is asked about
     * @param generation   the generation to compare; empty for the one the slot currently serves
     *                     (give a candidate's id to check it before publishing)
     * @param at           the moment the live pages are computed for (ISO-8601 instant); empty for
     *                     now when now lies in the slot, else the middle of the slot's latest occurrence
     * @param zone         time zone of the slots' boundaries
     * @param dayStarts    local time the day slot starts (inclusive), {@code HH:mm}
     * @param nightStarts  local time the night slot starts (inclusive), {@code HH:mm}
     * @param vertexNudge  fraction of the way from each vertex toward the cell's centre the probe point
     *                     is moved, so that it lies inside the cell (0.02 is ~28 m at resolution 7)
     */
    public record Sample(
            @DefaultValue("39") int cities,
            @DefaultValue("10") int cellsPerCity,
            @DefaultValue("20261123") long seed,
            @DefaultValue("day") String slot,
            @DefaultValue("") String generation,
            @DefaultValue("") String at,
            @DefaultValue("Asia/Shanghai") String zone,
            @DefaultValue("06:00") String dayStarts,
            @DefaultValue("22:00") String nightStarts,
            @DefaultValue("0.02") double vertexNudge) {

        public Sample {
            if (cities < 1 || cities > 39) {
                throw new IllegalArgumentException("hexsnap.diff.sample.cities must be within [1, 39], got " + cities);
            }
            if (cellsPerCity < 1 || cellsPerCity > 10_000) {
                throw new IllegalArgumentException("hexsnap.diff.sample.cells-per-city must be within [1, 10000], got " + cellsPerCity);
            }
            Slot.fromId(slot);
            generation = generation == null ? "" : generation.trim();
            at = at == null ? "" : at.trim();
            if (!at.isEmpty()) {
                try {
                    Instant.parse(at);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("hexsnap.diff.sample.at must be an ISO-8601 instant such as 2026-11-23T04:00:00Z, got '" + at + "'");
                }
            }
            try {
                ZoneId.of(zone);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("hexsnap.diff.sample.zone is not a time zone: '" + zone + "'");
            }
            localTime("sample.day-starts", dayStarts);
            localTime("sample.night-starts", nightStarts);
            if (!(vertexNudge > 0 && vertexNudge < 0.5)) {
                throw new IllegalArgumentException("hexsnap.diff.sample.vertex-nudge must be within (0, 0.5), got " + vertexNudge);
            }
        }

        public Slot slotValue() {
            return Slot.fromId(slot);
        }

        public ZoneId zoneId() {
            return ZoneId.of(zone);
        }

        public LocalTime dayStartsAt() {
            return LocalTime.parse(dayStarts);
        }

        public LocalTime nightStartsAt() {
            return LocalTime.parse(nightStarts);
        }
    }

    /**
     * When a point matches and when a resolution is good enough.
     *
     * @param threshold   a point's page matches the snapshot when their similarity is at least this
     * @param target      share of users seeing a matching page (the sampled cells weighted by their
     *                    requests) a resolution must reach to be recommended
     * @param storeWeight weight of the stores shown in a page's similarity; the products shown get
     *                    the rest (see the report's definition)
     * @param margin      half-width of the 95% confidence interval the report plans for: it says how
     *                    many cells per city a sample would need for the shares to be this sure
     *                    (0.02: ± 2 percentage points)
     */
    public record Compare(
            @DefaultValue("0.8") double threshold,
            @DefaultValue("0.9") double target,
            @DefaultValue("0.5") double storeWeight,
            @DefaultValue("0.02") double margin) {

        public Compare {
            unit("compare.threshold", threshold);
            unit("compare.target", target);
            if (!(margin > 0 && margin < 0.5)) {
                throw new IllegalArgumentException("hexsnap.diff.compare.margin must be within (0, 0.5), got " + margin);
            }
            if (!(storeWeight >= 0 && storeWeight <= 1)) {
                throw new IllegalArgumentException("hexsnap.diff.compare.store-weight must be within [0, 1], got " + storeWeight);
            }
        }
    }

    /**
     * What storage costs.
     *
     * @param price           price of {@code pricePer} of Redis memory for a month
     * @param pricePer        the amount of memory {@code price} buys (5GB: Spring's GB is 1024³ bytes)
     * @param currency        how money is printed
     * @param nationwideCells hot cells per resolution nationwide, for the clearly labelled
     *                        extrapolation of the location pages' cost; default 7 → 300000 and
     *                        8 → 1000000 (the design's estimates)
     */
    public record Cost(
            @DefaultValue("15") BigDecimal price,
            @DefaultValue("5GB") DataSize pricePer,
            @DefaultValue("¥") String currency,
            Map<Integer, Long> nationwideCells) {

        public Cost {
            if (price.signum() < 0) {
                throw new IllegalArgumentException("hexsnap.diff.cost.price must not be negative, got " + price);
            }
            if (pricePer.toBytes() <= 0) {
                throw new IllegalArgumentException("hexsnap.diff.cost.price-per must be positive, got " + pricePer);
            }
            nationwideCells = nationwideCells == null || nationwideCells.isEmpty()
                    ? Map.of(7, 300_000L, 8, 1_000_000L)
                    : Map.copyOf(new TreeMap<>(nationwideCells));
        }
    }

    /**
     * The store diff.
     *
     * @param enabled          whether the store diff runs
     * @param keyStores        how many stores are compared: those shown most often in the sampled cells'
     *                         snapshots
     * @param productPages     product pages compared per leaf category (the worker backs up two)
     * @param productThreshold a store is anomalous when the overlap of its products with the live ones is
     *                         below this (or when its category tree differs)
     * @param recrawlShare     when the share of anomalous stores passes this, a re-crawl of them is requested
     * @param recrawlCommand   command launched (in the background, through {@code sh -c}) after re-crawl
     *                         requests were recorded, e.g. a worker run that picks them up; empty for none
     */
    public record Stores(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("30") int keyStores,
            @DefaultValue("2") int productPages,
            @DefaultValue("0.8") double productThreshold,
            @DefaultValue("0.3") double recrawlShare,
            @DefaultValue("") String recrawlCommand) {

        public Stores {
            if (keyStores < 1 || keyStores > 10_000) {
                throw new IllegalArgumentException("hexsnap.diff.stores.key-stores must be within [1, 10000], got " + keyStores);
            }
            if (productPages < 1 || productPages > 10) {
                throw new IllegalArgumentException("hexsnap.diff.stores.product-pages must be within [1, 10], got " + productPages);
            }
            unit("stores.product-threshold", productThreshold);
            if (!(recrawlShare >= 0 && recrawlShare < 1)) {
                throw new IllegalArgumentException("hexsnap.diff.stores.recrawl-share must be within [0, 1), got " + recrawlShare);
            }
            recrawlCommand = recrawlCommand == null ? "" : recrawlCommand.trim();
        }
    }

    /**
     * The report.
     *
     * @param out         directory of the report; empty for {@code reports/diff-<timestamp>} below the
     *                    working directory
     * @param worstCells  how many of the worst cells the report lists
     * @param historyRuns how many earlier runs the trend shows
     * @param progress    print progress lines while probing
     */
    public record Report(
            @DefaultValue("") String out,
            @DefaultValue("15") int worstCells,
            @DefaultValue("10") int historyRuns,
            @DefaultValue("true") boolean progress) {

        public Report {
            out = out == null ? "" : out.trim();
            if (worstCells < 0 || worstCells > 1000) {
                throw new IllegalArgumentException("hexsnap.diff.report.worst-cells must be within [0, 1000], got " + worstCells);
            }
            if (historyRuns < 0 || historyRuns > 1000) {
                throw new IllegalArgumentException("hexsnap.diff.report.history-runs must be within [0, 1000], got " + historyRuns);
            }
        }
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("hexsnap.diff." + name + " must be positive, got " + value);
        }
    }

    private static void unit(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("hexsnap.diff." + name + " must be within (0, 1], got " + value);
        }
    }

    private static void localTime(String name, String value) {
        try {
            LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("hexsnap.diff." + name + " must be a local time such as 06:00, got '" + value + "'");
        }
    }
}
