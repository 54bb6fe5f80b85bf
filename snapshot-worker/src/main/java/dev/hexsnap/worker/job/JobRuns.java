package dev.hexsnap.worker.job;

import dev.hexsnap.worker.generation.GenerationLedger;
import dev.hexsnap.worker.generation.GenerationRun;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The run a job execution works on: a first run carries it all in its parameters; a re-run
 * of failures names only the generation, whose run the ledger knows.
 */
public final class JobRuns {

    private final GenerationLedger ledger;

    public JobRuns(GenerationLedger ledger) {
        this.ledger = ledger;
    }

    public GenerationRun of(JobExecution execution) {
        JobParameters parameters = execution.getJobParameters();
        if (parameters.getString(GenerationRun.SLOT) != null) {
            return GenerationRun.fromJobParameters(parameters);
        }
        String generation = parameters.getString(GenerationRun.GENERATION);
        return ledger.find(generation)
                .orElseThrow(() -> new IllegalStateException("generation " + generation + " is not in worker_generation"))
                .toRun();
    }

    public static boolean isRerun(JobExecution execution) {
        return RerunFailuresJobConfiguration.JOB.equals(execution.getJobInstance().getJobName());
    }
}
