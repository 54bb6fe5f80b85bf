package dev.hexsnap.worker.generation;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.snapshot.GenerationInfo;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What one run crawls into which generation: the job parameters, typed.
 *
 * @param generation the generation written, e.g. {@code 20261123-day}
 * @param slot       day or night
 * @param runDate    the date whose slot moment is crawled
 * @param at         the moment the upstream is asked to compute its pages for
 * @param resolutions grid resolutions crawled, ascending
 * @param gridBuild  the grid build whose hot cells are crawled
 */
public record GenerationRun(String generation, Slot slot, LocalDate runDate, Instant at, List<Integer> resolutions,
                            String gridBuild) {

    public static final String GENERATION = "generation";
    public static final String SLOT = "slot";
    public static final String RUN_DATE = "runDate";
    public static final String AT = "at";
    public static final String RESOLUTIONS = "resolutions";
    public static final String GRID_BUILD = "gridBuild";

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

    public GenerationRun {
        GenerationInfo.checkId(generation);
        if (resolutions.isEmpty()) {
            throw new IllegalArgumentException("at least one resolution");
        }
        resolutions.forEach(HexGrid::checkResolution);
        resolutions = resolutions.stream().distinct().sorted().toList();
    }

    /** The default generation id of a date and slot, e.g. {@code 20261123-day}. */
    public static String defaultGeneration(LocalDate date, Slot slot) {
        return COMPACT.format(date) + "-" + slot.id();
    }

    /** The representative moment of a slot on a date, in the upstream's zone. */
    public static Instant moment(LocalDate date, LocalTime localTime, ZoneId zone) {
        return date.atTime(localTime).atZone(zone).toInstant();
    }

    /** {@code 7,8}. */
    public String resolutionList() {
        return resolutions.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    public static List<Integer> parseResolutions(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
    }

    /** The job parameters (all identifying: the same run twice is the same job instance). */
    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addString(GENERATION, generation)
                .addString(SLOT, slot.id())
                .addString(RUN_DATE, runDate.toString())
                .addString(AT, at.toString())
                .addString(RESOLUTIONS, resolutionList())
                .addString(GRID_BUILD, gridBuild)
                .toJobParameters();
    }

    public static GenerationRun fromJobParameters(JobParameters parameters) {
        return new GenerationRun(
                parameters.getString(GENERATION),
                Slot.fromId(parameters.getString(SLOT)),
                LocalDate.parse(parameters.getString(RUN_DATE)),
                Instant.parse(parameters.getString(AT)),
                parseResolutions(parameters.getString(RESOLUTIONS)),
                parameters.getString(GRID_BUILD));
    }
}
