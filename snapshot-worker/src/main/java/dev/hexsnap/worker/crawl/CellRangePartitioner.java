package dev.hexsnap.worker.crawl;

import dev.hexsnap.worker.generation.GenerationRun;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cuts the hot cells of each resolution into {@code gridSize} ranges of {@code cell_seq}
 * (dense from 0 per build and resolution), one partition each, named {@code r<res>-p<n>}.
 * The same grid build always gives the same partitions, which is what a restart relies on.
 */
public final class CellRangePartitioner implements Partitioner {

    public static final String RESOLUTION = "resolution";
    public static final String FIRST = "firstSeq";
    public static final String LAST = "lastSeq";

    private final JdbcTemplate jdbc;
    private final GenerationRun run;

    public CellRangePartitioner(JdbcTemplate jdbc, GenerationRun run) {
        this.jdbc = jdbc;
        this.run = run;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int resolution : run.resolutions()) {
            Integer max = jdbc.queryForObject("SELECT MAX(cell_seq) FROM grid_cell WHERE build_id = ? AND resolution = ?",
                    Integer.class, run.gridBuild(), resolution);
            if (max == null) {
                continue;
            }
            int cells = max + 1;
            int size = (cells + gridSize - 1) / gridSize;
            for (int p = 0, first = 0; first < cells; p++, first += size) {
                ExecutionContext context = new ExecutionContext();
                context.putInt(RESOLUTION, resolution);
                context.putInt(FIRST, first);
                context.putInt(LAST, Math.min(cells - 1, first + size - 1));
                partitions.put("r" + resolution + "-p" + p, context);
            }
        }
        return partitions;
    }
}
