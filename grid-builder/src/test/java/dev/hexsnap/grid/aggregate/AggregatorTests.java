package dev.hexsnap.grid.aggregate;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.region.CityCatalog;
import dev.hexsnap.grid.points.PointSource;
import dev.hexsnap.grid.points.ReadSummary;
import dev.hexsnap.grid.region.Area;
import dev.hexsnap.grid.region.Coverage;
import dev.hexsnap.grid.region.RegionInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregatorTests {

    private final HexGrid grid = HexGrid.shared();
    private final List<Area> shanghai = new RegionInput(CityCatalog.bundled(), System.err)
            .cities(List.of("shanghai"), 8).areas();

    @TempDir
    Path dir;

    /** 30,000 points around Shanghai's centre, some outside the 8 km region. */
    private Path points() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            text.append(String.format(Locale.ROOT, "%.6f,%.6f,%d%n", 31.1667 + random.nextDouble(-0.1, 0.1),
                    121.4667 + random.nextDouble(-0.1, 0.1), 1 + random.nextInt(4)));
        }
        return Files.writeString(dir.resolve("points.csv"), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "7,8", "6,7,8"})
    void everyResolutionCountsEveryPointOnceWhicheverThreadComputesItsCells(String list) throws Exception {
        // given
        Path file = points();
        List<Integer> resolutions = java.util.Arrays.stream(list.split(",")).map(Integer::parseInt).toList();
        List<ResolutionAggregate> aggregates = new ArrayList<>();
        for (int resolution : resolutions) {
            aggregates.add(new ResolutionAggregate(Coverage.of(shanghai, resolution, grid, 100_000), 75, 8));
        }

        // when
        ReadSummary read = new Aggregator(grid, Duration.ofSeconds(30)).aggregate(PointSource.of(file.toString()),
                Duration.ofSeconds(5), 5, aggregates, (s, v) -> {
                }, () -> false);

        // then: per resolution, exactly what a plain loop over the file finds
        for (ResolutionAggregate aggregate : aggregates) {
            Map<Long, Long> expected = new HashMap<>();
            long outside = 0;
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(",");
                long cell = grid.cellOf(Double.parseDouble(f[0]), Double.parseDouble(f[1]), aggregate.resolution());
                if (aggregate.cells().slotOf(cell) >= 0) {
                    expected.merge(cell, Long.parseLong(f[2]), Long::sum);
                } else {
                    outside += Long.parseLong(f[2]);
                }
            }
            assertThat(aggregate.requestsOutside()).isEqualTo(outside);
            assertThat(aggregate.cellsWithRequests()).isEqualTo(expected.size());
            expected.forEach((cell, requests) ->
                    assertThat(aggregate.requests(aggregate.cells().slotOf(cell))).isEqualTo(requests));
            assertThat(aggregate.requestsInRegions() + aggregate.requestsOutside()).isEqualTo(read.requests());
        }
        assertThat(read.lines()).isEqualTo(30_000);
    }

    @Test
    void cancellingStopsThePass() throws Exception {
        Path file = points();
        List<ResolutionAggregate> aggregates = List.of(
                new ResolutionAggregate(Coverage.of(shanghai, 7, grid, 100_000), 75, 8));

        assertThatThrownBy(() -> new Aggregator(grid, Duration.ofSeconds(30)).aggregate(PointSource.of(file.toString()),
                Duration.ofSeconds(5), 5, aggregates, (s, v) -> {
                }, () -> true)).isInstanceOf(CancellationException.class);
    }
}
