package dev.hexsnap.worker.remote;

import dev.hexsnap.worker.config.WorkerSettings;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.core.task.TaskExecutor;

import java.time.Clock;

/**
 * How a partitioned step runs its partitions in this process: on its own threads (a plain
 * {@code run}, and a {@code serve} worker, which never runs a manager step), or through the
 * queue to the workers ({@code run --remote}). The job configurations ask it for each step.
 */
public final class PartitionHandlers {

    private final WorkerSettings settings;
    private final TaskExecutor partitionExecutor;
    private final JobRepository repository;
    private final PartitionQueue queue;
    private final PartitionLeases leases;
    private final Clock clock;

    PartitionHandlers(WorkerSettings settings, TaskExecutor partitionExecutor, JobRepository repository, PartitionQueue queue,
                      PartitionLeases leases, Clock clock) {
        this.settings = settings;
        this.partitionExecutor = partitionExecutor;
        this.repository = repository;
        this.queue = queue;
        this.leases = leases;
        this.clock = clock;
    }

    /** The handler of the partitioned step whose partitions run {@code workerStep}. */
    public PartitionHandler forStep(Step workerStep) {
        int gridSize = settings.job().gridSize();
        if (settings.remote().role() == WorkerSettings.Remote.Role.MANAGER) {
            var remote = settings.remote();
            return new ManagerPartitionHandler(workerStep.getName(), gridSize, repository, queue, leases, remote.pollInterval(),
                    settings.progress().staleAfter(), settings.progress().interval(), remote.maxTakeovers(), clock);
        }
        TaskExecutorPartitionHandler local = new TaskExecutorPartitionHandler();
        local.setStep(workerStep);
        local.setTaskExecutor(partitionExecutor);
        local.setGridSize(gridSize);
        return local;
    }
}
