package dev.hexsnap.worker.publish;

import dev.hexsnap.core.snapshot.RequestHeat;
import dev.hexsnap.worker.generation.GenerationRun;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.List;
import java.util.Map;

/**
 * Counts what a generation holds against what it should: every hot cell of the grid at its
 * resolutions, every store its pages showed (closed ones aside). Thread-safe.
 */
public final class Coverage {

    private final NamedParameterJdbcTemplate jdbc;

    public Coverage(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The hot cells a run must cover. */
    public int cellsTotal(GenerationRun run) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM grid_cell WHERE build_id = :build AND resolution IN (:resolutions)",
                new MapSqlParameterSource("build", run.gridBuild()).addValue("resolutions", run.resolutions()), Integer.class);
        return n == null ? 0 : n;
    }

    /**
     * The grid's request counts of the cells a run covers at one resolution, hottest first (the
     * grid builder numbers them so: {@code cell_seq}); what the API warms its cache from.
     */
    public List<RequestHeat.Cell> requestHeat(GenerationRun run, int resolution) {
        return jdbc.query("SELECT cell_id, request_count FROM grid_cell WHERE build_id = :build AND resolution = :resolution"
                        + " ORDER BY cell_seq",
                new MapSqlParameterSource("build", run.gridBuild()).addValue("resolution", resolution),
                (row, i) -> new RequestHeat.Cell(row.getLong(1), row.getLong(2)));
    }

    /** Counts for a progress line: cheap, indexed. */
    public Progress progress(String generation) {
        MapSqlParameterSource g = new MapSqlParameterSource("g", generation);
        Map<String, Object> cells = jdbc.queryForMap("""
                SELECT COUNT(*) AS done, COALESCE(SUM(status = 'FAILED'), 0) AS failed
                FROM worker_cell WHERE generation = :g""", g);
        Map<String, Object> stores = jdbc.queryForMap("""
                SELECT COALESCE(SUM(status <> 'CLOSED'), 0) AS total,
                       COALESCE(SUM(status IN ('COMPLETE', 'FAILED')), 0) AS done,
                       COALESCE(SUM(status = 'FAILED'), 0) AS failed
                FROM worker_store WHERE generation = :g""", g);
        return new Progress(number(cells.get("done")), number(cells.get("failed")),
                number(stores.get("total")), number(stores.get("done")), number(stores.get("failed")));
    }

    /** Every figure of the verdict. */
    public Figures measure(GenerationRun run) {
        MapSqlParameterSource g = new MapSqlParameterSource("g", run.generation());
        Map<String, Object> cells = jdbc.queryForMap("""
                SELECT COALESCE(SUM(status = 'COMPLETE'), 0) AS complete, COALESCE(SUM(pages), 0) AS pages,
                       COALESCE(SUM(raw_bytes), 0) AS raw, COALESCE(SUM(stored_bytes), 0) AS stored
                FROM worker_cell WHERE generation = :g""", g);
        Map<String, Object> stores = jdbc.queryForMap("""
                SELECT COALESCE(SUM(status <> 'CLOSED'), 0) AS total, COALESCE(SUM(status = 'COMPLETE'), 0) AS complete,
                       COALESCE(SUM(status = 'CLOSED'), 0) AS closed, COALESCE(SUM(pages), 0) AS pages,
                       COALESCE(SUM(raw_bytes), 0) AS raw, COALESCE(SUM(stored_bytes), 0) AS stored
                FROM worker_store WHERE generation = :g""", g);
        Integer failures = jdbc.queryForObject(
                "SELECT COUNT(*) FROM worker_failure WHERE generation = :g AND resolved_at IS NULL", g, Integer.class);
        return new Figures(cellsTotal(run), (int) number(cells.get("complete")),
                (int) number(stores.get("total")), (int) number(stores.get("complete")), (int) number(stores.get("closed")),
                number(cells.get("pages")) + number(stores.get("pages")),
                number(cells.get("raw")) + number(stores.get("raw")),
                number(cells.get("stored")) + number(stores.get("stored")),
                failures == null ? 0 : failures);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /**
     * Progress counts.
     *
     * @param cellsDone    cells crawled (complete or failed)
     * @param cellsFailed  of which failed
     * @param storesTotal  stores found so far, closed ones aside
     * @param storesDone   stores crawled
     * @param storesFailed of which failed
     */
    public record Progress(long cellsDone, long cellsFailed, long storesTotal, long storesDone, long storesFailed) {
    }

    /** What a generation holds. */
    public record Figures(int cellsTotal, int cellsComplete, int storesTotal, int storesComplete, int storesClosed,
                          long pages, long rawBytes, long storedBytes, int failures) {

        public double cellCoverage() {
            return cellsTotal == 0 ? 0.0 : (double) cellsComplete / cellsTotal;
        }

        /** A run whose cells show no store at all has no store to miss. */
        public double storeCoverage() {
            return storesTotal == 0 ? 1.0 : (double) storesComplete / storesTotal;
        }
    }
}
