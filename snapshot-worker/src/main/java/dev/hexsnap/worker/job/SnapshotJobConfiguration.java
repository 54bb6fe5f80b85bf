package dev.hexsnap.worker.job;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.snapshot.GenerationInfo;
import dev.hexsnap.core.snapshot.SnapshotEntryCodec;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.worker.alert.Alerts;
import dev.hexsnap.worker.config.WorkerSettings;
import dev.hexsnap.worker.crawl.CellCrawler;
import dev.hexsnap.worker.crawl.CellItem;
import dev.hexsnap.worker.crawl.CellLedger;
import dev.hexsnap.worker.crawl.CellOutcome;
import dev.hexsnap.worker.crawl.CellOutcomeWriter;
import dev.hexsnap.worker.crawl.CellRangePartitioner;
import dev.hexsnap.worker.entries.GenerationWriter;
import dev.hexsnap.worker.entries.Throughput;
import dev.hexsnap.worker.failure.FailureLog;
import dev.hexsnap.worker.generation.GenerationLedger;
import dev.hexsnap.worker.generation.GenerationRun;
import dev.hexsnap.worker.progress.RunMonitor;
import dev.hexsnap.worker.progress.RunReports;
import dev.hexsnap.worker.publish.Coverage;
import dev.hexsnap.worker.publish.Publisher;
import dev.hexsnap.worker.remote.PartitionHandlers;
import dev.hexsnap.worker.store.StoreCrawler;
import dev.hexsnap.worker.store.StoreItem;
import dev.hexsnap.worker.store.StoreOutcome;
import dev.hexsnap.worker.store.StoreOutcomeWriter;
import dev.hexsnap.worker.store.StoreRangePartitioner;
import dev.hexsnap.worker.store.StoreRegistry;
import dev.hexsnap.core.upstream.UpstreamClient;
import dev.hexsnap.core.upstream.UpstreamPages;
import dev.hexsnap.core.upstream.contract.UpstreamContract;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The nightly crawl as a Spring Batch job, {@value #JOB}:
 * <ol>
 *   <li>{@code prepareGeneration}: describe the new generation in Redis (state writing);</li>
 *   <li>{@code cellStep}: the hot cells, partitioned by {@code cell_seq} ranges per resolution
 *       ({@code cellWorkerStep}: read a page of cells, crawl home and channels, write);</li>
 *   <li>{@code storeStep}: every open store found, partitioned by id ranges
 *       ({@code storeWorkerStep}: category tree and first product pages of every leaf);</li>
 *   <li>{@code publishGeneration}: verify, measure coverage, publish or refuse, retention.</li>
 * </ol>
 * The job repository is the JDBC one in MySQL: a crash at any point restarts from the last
 * committed chunk of every partition.
 */
@Configuration(proxyBeanMethods = false)
public class SnapshotJobConfiguration {

    public static final String JOB = "snapshotJob";

    @Bean
    JobRuns jobRuns(GenerationLedger ledger) {
        return new JobRuns(ledger);
    }

    @Bean
    @Lazy
    RunControl runControl(JobOperator jobOperator, JobRepository jobRepository,
                          Job snapshotJob, Job rerunFailuresJob, GenerationLedger ledger, JdbcTemplate jdbc, SnapshotStore store,
                          WorkerSettings settings, Clock workerClock, UpstreamContract contract) {
        return new RunControl(jobOperator, jobRepository, snapshotJob, rerunFailuresJob, ledger, jdbc, store, settings, workerClock, contract);
    }

    @Bean
    Job snapshotJob(JobRepository jobRepository, Step prepareGeneration, Step cellStep, Step storeStep, Step publishGeneration,
                    RunMonitor snapshotRunMonitor) {
        return new JobBuilder(JOB, jobRepository)
                .listener(snapshotRunMonitor)
                .start(prepareGeneration)
                .next(cellStep)
                .next(storeStep)
                .next(publishGeneration)
                .build();
    }

    @Bean
    RunMonitor snapshotRunMonitor(GenerationLedger ledger, Coverage coverage, Alerts alerts, UpstreamClient upstream,
                                  Throughput throughput, JobRuns runs, WorkerSettings settings, Clock workerClock,
                                  RunReports runReports) {
        return new RunMonitor(ledger, coverage, alerts, upstream, throughput, runs::of, true, settings.progress().interval(),
                settings.alerts().timeBudget(), settings.alerts().failureShare(), workerClock, runReports);
    }

    @Bean
    Step prepareGeneration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                           ObjectProvider<SnapshotStore> store, GenerationLedger ledger, JobRuns runs) {
        return new StepBuilder("prepareGeneration", jobRepository)
                .tasklet((contribution, chunk) -> {
                    GenerationRun run = runs.of(chunk.getStepContext().getStepExecution().getJobExecution());
                    GenerationLedger.Entry entry = ledger.find(run.generation()).orElseThrow();
                    store.getObject().describe(new GenerationInfo(run.generation(), run.slot(), GenerationInfo.WRITING,
                            entry.createdAt(), null, run.resolutionList(), 0, 0));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    // ------------------------------------------------------------------ cells

    /** Its partitions run on this process's threads, or on {@code serve} workers with {@code run --remote}. */
    @Bean
    Step cellStep(JobRepository jobRepository, Step cellWorkerStep, Partitioner cellPartitioner, PartitionHandlers partitionHandlers) {
        return new StepBuilder("cellStep", jobRepository)
                .partitioner("cellWorkerStep", cellPartitioner)
                .partitionHandler(partitionHandlers.forStep(cellWorkerStep))
                .build();
    }

    @Bean
    ThreadPoolTaskExecutor partitionExecutor(WorkerSettings settings) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(settings.job().partitionThreads());
        executor.setMaxPoolSize(settings.job().partitionThreads());
        executor.setThreadNamePrefix("partition-");
        executor.setWaitForTasksToCompleteOnShutdown(false);
        return executor;
    }

    @Bean
    @StepScope
    Partitioner cellPartitioner(JdbcTemplate jdbc, JobRuns runs, @Value("#{stepExecution}") StepExecution stepExecution) {
        return new CellRangePartitioner(jdbc, runs.of(stepExecution.getJobExecution()));
    }

    @Bean
    Step cellWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        ItemStreamReader<CellItem> cellReader, ItemProcessor<CellItem, CellOutcome> cellCrawler,
                        ItemStreamWriter<CellOutcome> cellWriter, WorkerSettings settings,
                        ThreadPoolTaskExecutor itemExecutor) {
        return new StepBuilder("cellWorkerStep", jobRepository)
                .<CellItem, CellOutcome>chunk(settings.job().cellChunkSize())
                .transactionManager(transactionManager)
                .reader(cellReader)
                .processor(cellCrawler)
                .writer(cellWriter)
                .taskExecutor(itemExecutor)
                .build();
    }

    /**
     * The items of a chunk are crawled side by side (outside the chunk transaction); the upstream ceilings bound
     * the requests. Platform threads, a fixed number: each item thread blocks on HTTP and the ceilings, and a
     * pool of its own keeps that off the carrier threads anything else in the JVM runs virtual threads on.
     */
    @Bean
    ThreadPoolTaskExecutor itemExecutor(WorkerSettings settings) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(settings.job().itemThreads());
        executor.setMaxPoolSize(settings.job().itemThreads());
        executor.setThreadNamePrefix("item-");
        executor.setWaitForTasksToCompleteOnShutdown(false);
        return executor;
    }

    @Bean
    @StepScope
    ItemStreamReader<CellItem> cellReader(DataSource dataSource, JobRuns runs, WorkerSettings settings,
                                          @Value("#{stepExecution}") StepExecution stepExecution) throws Exception {
        GenerationRun run = runs.of(stepExecution.getJobExecution());
        var context = stepExecution.getExecutionContext();
        return new JdbcPagingItemReaderBuilder<CellItem>()
                .name("cellReader")
                .dataSource(dataSource)
                .selectClause("resolution, cell_id, cell_seq, hotspot_lat, hotspot_lng")
                .fromClause("grid_cell")
                .whereClause("build_id = :build AND resolution = :resolution AND cell_seq BETWEEN :first AND :last")
                .parameterValues(Map.of("build", run.gridBuild(),
                        "resolution", context.getInt(CellRangePartitioner.RESOLUTION),
                        "first", context.getInt(CellRangePartitioner.FIRST),
                        "last", context.getInt(CellRangePartitioner.LAST)))
                .sortKeys(Map.of("cell_seq", Order.ASCENDING))
                .pageSize(settings.job().pageSize())
                .rowMapper((rs, n) -> new CellItem(rs.getInt("resolution"), rs.getLong("cell_id"), rs.getInt("cell_seq"),
                        new LatLng(rs.getDouble("hotspot_lat"), rs.getDouble("hotspot_lng"))))
                .build();
    }

    @Bean
    @StepScope
    ItemProcessor<CellItem, CellOutcome> cellCrawler(UpstreamPages upstream, SnapshotEntryCodec codec, JobRuns runs,
                                                     ExecutorService pageThreads, Clock workerClock,
                                                     @Value("#{stepExecution}") StepExecution stepExecution) {
        return new CellCrawler(upstream, codec, runs.of(stepExecution.getJobExecution()), pageThreads, workerClock);
    }

    @Bean
    @StepScope
    ItemStreamWriter<CellOutcome> cellWriter(SnapshotStore store, CellLedger cells, FailureLog failures, StoreRegistry stores,
                                             HexGrid grid, Throughput throughput, JobRuns runs, WorkerSettings settings,
                                             @Value("#{stepExecution}") StepExecution stepExecution) {
        String generation = runs.of(stepExecution.getJobExecution()).generation();
        return new CellOutcomeWriter(generationWriter(store, generation, settings, throughput), cells, failures, stores, grid,
                generation, JobRuns.isRerun(stepExecution.getJobExecution()));
    }

    static GenerationWriter generationWriter(SnapshotStore store, String generation, WorkerSettings settings, Throughput throughput) {
        WorkerSettings.Snapshot s = settings.snapshot();
        return new GenerationWriter(store, generation, s.ttl(), s.flushEvery(), s.writeAttempts(), s.writeBackoff(), throughput);
    }

    // ------------------------------------------------------------------ stores

    @Bean
    Step storeStep(JobRepository jobRepository, Step storeWorkerStep, Partitioner storePartitioner,
                   PartitionHandlers partitionHandlers) {
        return new StepBuilder("storeStep", jobRepository)
                .partitioner("storeWorkerStep", storePartitioner)
                .partitionHandler(partitionHandlers.forStep(storeWorkerStep))
                .build();
    }

    @Bean
    @StepScope
    Partitioner storePartitioner(JdbcTemplate jdbc, JobRuns runs, @Value("#{stepExecution}") StepExecution stepExecution) {
        return new StoreRangePartitioner(jdbc, runs.of(stepExecution.getJobExecution()).generation());
    }

    @Bean
    Step storeWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                         ItemStreamReader<StoreItem> storeReader, ItemProcessor<StoreItem, StoreOutcome> storeCrawler,
                         ItemStreamWriter<StoreOutcome> storeWriter, WorkerSettings settings,
                         ThreadPoolTaskExecutor itemExecutor) {
        return new StepBuilder("storeWorkerStep", jobRepository)
                .<StoreItem, StoreOutcome>chunk(settings.job().storeChunkSize())
                .transactionManager(transactionManager)
                .reader(storeReader)
                .processor(storeCrawler)
                .writer(storeWriter)
                .taskExecutor(itemExecutor)
                .build();
    }

    @Bean
    @StepScope
    ItemStreamReader<StoreItem> storeReader(DataSource dataSource, JobRuns runs, WorkerSettings settings,
                                            @Value("#{stepExecution}") StepExecution stepExecution) throws Exception {
        var context = stepExecution.getExecutionContext();
        return new JdbcPagingItemReaderBuilder<StoreItem>()
                .name("storeReader")
                // The status filter is the restart state (a process indicator): crawled stores leave it, so the
                // reader must not also skip "items already read" on restart, or it would skip unread ones.
                .saveState(false)
                .dataSource(dataSource)
                .selectClause("id, store_id")
                .fromClause("worker_store")
                .whereClause("generation = :generation AND id BETWEEN :first AND :last AND status = 'PENDING'")
                .parameterValues(Map.of("generation", runs.of(stepExecution.getJobExecution()).generation(),
                        "first", context.getLong(StoreRangePartitioner.FIRST),
                        "last", context.getLong(StoreRangePartitioner.LAST)))
                .sortKeys(Map.of("id", Order.ASCENDING))
                .pageSize(settings.job().pageSize())
                .rowMapper((rs, n) -> new StoreItem(rs.getLong("id"), rs.getString("store_id")))
                .build();
    }

    @Bean
    @StepScope
    ItemProcessor<StoreItem, StoreOutcome> storeCrawler(UpstreamPages upstream, SnapshotEntryCodec codec, JobRuns runs,
                                                        WorkerSettings settings, ExecutorService pageThreads, Clock workerClock,
                                                        @Value("#{stepExecution}") StepExecution stepExecution) {
        return new StoreCrawler(upstream, codec, runs.of(stepExecution.getJobExecution()),
                settings.upstream().productPagesPerCategory(), pageThreads, workerClock);
    }

    @Bean
    @StepScope
    ItemStreamWriter<StoreOutcome> storeWriter(SnapshotStore store, StoreRegistry stores, FailureLog failures,
                                               Throughput throughput, JobRuns runs, WorkerSettings settings,
                                               @Value("#{stepExecution}") StepExecution stepExecution) {
        String generation = runs.of(stepExecution.getJobExecution()).generation();
        return new StoreOutcomeWriter(generationWriter(store, generation, settings, throughput), stores, failures, generation,
                JobRuns.isRerun(stepExecution.getJobExecution()));
    }

    // ------------------------------------------------------------------ publish

    @Bean
    Step publishGeneration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                           ObjectProvider<Publisher> publisher, JobRuns runs) {
        return publishStep("publishGeneration", jobRepository, transactionManager, publisher, runs);
    }

    static Step publishStep(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            ObjectProvider<Publisher> publisher, JobRuns runs) {
        return new StepBuilder(name, jobRepository)
                .tasklet((contribution, chunk) -> {
                    GenerationRun run = runs.of(chunk.getStepContext().getStepExecution().getJobExecution());
                    GenerationLedger.Verdict verdict = publisher.getObject().evaluate(run.generation());
                    contribution.setExitStatus(new ExitStatus(verdict.state(), verdict.reason()));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
