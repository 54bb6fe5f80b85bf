package dev.hexsnap.worker.job;

import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.worker.cli.RecrawlStoresCommand;
import dev.hexsnap.worker.config.WorkerSettings;
import dev.hexsnap.worker.entries.Throughput;
import dev.hexsnap.worker.failure.FailureLog;
import dev.hexsnap.worker.generation.GenerationLedger;
import dev.hexsnap.worker.generation.GenerationRun;
import dev.hexsnap.worker.recrawl.ClaimKeeper;
import dev.hexsnap.worker.recrawl.RecrawlControl;
import dev.hexsnap.worker.recrawl.RecrawlOutcomeWriter;
import dev.hexsnap.worker.recrawl.RecrawlQueue;
import dev.hexsnap.worker.store.StoreItem;
import dev.hexsnap.worker.store.StoreOutcome;
import dev.hexsnap.core.upstream.UpstreamClient;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
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

/**
 * Re-crawls the stores the diff-checker asked for, as the job {@value #JOB}:
 * <ol>
 *   <li>{@code claimRecrawlRequests}: takes up to {@code limit} PENDING requests of the slot for
 *       this run's claim token (one atomic UPDATE; see {@link RecrawlQueue});</li>
 *   <li>{@code recrawlStoreStep}: reads the stores claimed, crawls each with the store step's own
 *       {@code storeCrawler} (category tree, first product pages of every leaf, the same checks:
 *       an empty or malformed page is a failure, a store not open is skipped) and writes them
 *       into the generation the slot serves ({@link RecrawlOutcomeWriter}).</li>
 * </ol>
 * Its parameters are a run's (generation, slot, date, moment) plus the claim token and the
 * limit, so each re-crawl is a job instance of its own. A chunk commits its requests' DONE or
 * FAILED rows with Batch's state after Redis acknowledged its pages; {@link ClaimKeeper} beats
 * while it runs and hands back what a failed run did not finish.
 */
@Configuration(proxyBeanMethods = false)
public class RecrawlStoresJobConfiguration {

    public static final String JOB = "recrawlStoresJob";

    @Bean
    RecrawlQueue recrawlQueue(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock workerClock) {
        return new RecrawlQueue(jdbc, transactionManager, workerClock);
    }

    @Bean(destroyMethod = "close")
    ClaimKeeper recrawlClaimKeeper(RecrawlQueue recrawlQueue, WorkerSettings settings) {
        return new ClaimKeeper(recrawlQueue, settings.progress().interval());
    }

    @Bean
    @Lazy
    RecrawlControl recrawlControl(JobOperator jobOperator, Job recrawlStoresJob, RecrawlQueue recrawlQueue, SnapshotStore store,
                                  GenerationLedger ledger, WorkerSettings settings, Clock workerClock) {
        return new RecrawlControl(jobOperator, recrawlStoresJob, recrawlQueue, store, ledger, settings, workerClock);
    }

    @Bean
    RecrawlStoresCommand recrawlStoresCommand(ObjectProvider<RecrawlControl> recrawlControl, UpstreamClient upstream,
                                              Throughput throughput, WorkerSettings settings) {
        return new RecrawlStoresCommand(recrawlControl, upstream, throughput, settings.upstream().zone());
    }

    @Bean
    Job recrawlStoresJob(JobRepository jobRepository, Step claimRecrawlRequests, Step recrawlStoreStep, ClaimKeeper recrawlClaimKeeper) {
        return new JobBuilder(JOB, jobRepository)
                .listener(recrawlClaimKeeper)
                .start(claimRecrawlRequests)
                .next(recrawlStoreStep)
                .build();
    }

    @Bean
    Step claimRecrawlRequests(JobRepository jobRepository, PlatformTransactionManager transactionManager, RecrawlQueue recrawlQueue) {
        return new StepBuilder("claimRecrawlRequests", jobRepository)
                .tasklet((contribution, chunk) -> {
                    var parameters = chunk.getStepContext().getStepExecution().getJobParameters();
                    int claimed = recrawlQueue.claim(parameters.getString(ClaimKeeper.CLAIM),
                            Slot.fromId(parameters.getString(GenerationRun.SLOT)),
                            parameters.getLong(RecrawlControl.LIMIT).intValue());
                    contribution.setExitStatus(new ExitStatus("COMPLETED", claimed + " request(s) claimed"));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    Step recrawlStoreStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                          ItemStreamReader<StoreItem> claimedStoreReader, ItemProcessor<StoreItem, StoreOutcome> storeCrawler,
                          ItemStreamWriter<StoreOutcome> recrawlWriter, WorkerSettings settings,
                          ThreadPoolTaskExecutor itemExecutor) {
        return new StepBuilder("recrawlStoreStep", jobRepository)
                .<StoreItem, StoreOutcome>chunk(settings.job().storeChunkSize())
                .transactionManager(transactionManager)
                .reader(claimedStoreReader)
                .processor(storeCrawler)
                .writer(recrawlWriter)
                .taskExecutor(itemExecutor)
                .build();
    }

    /** One item per store the run claimed (the oldest of its requests for it), by request id. */
    @Bean
    @StepScope
    ItemStreamReader<StoreItem> claimedStoreReader(DataSource dataSource, WorkerSettings settings,
                                                   @Value("#{stepExecution}") StepExecution stepExecution) throws Exception {
        return new JdbcPagingItemReaderBuilder<StoreItem>()
                .name("claimedStoreReader")
                // Read by status (a process indicator): no saved position, which would skip unread rows on restart.
                .saveState(false)
                .dataSource(dataSource)
                .selectClause("id, store_id")
                .fromClause("""
                        (SELECT MIN(id) AS id, store_id FROM store_recrawl_request
                         WHERE claimed_by = :claim AND status = 'IN_PROGRESS' GROUP BY store_id) claimed""")
                .parameterValues(Map.of("claim", stepExecution.getJobParameters().getString(ClaimKeeper.CLAIM)))
                .sortKeys(Map.of("id", Order.ASCENDING))
                .pageSize(settings.job().pageSize())
                .rowMapper((rs, n) -> new StoreItem(rs.getLong("id"), rs.getString("store_id")))
                .build();
    }

    @Bean
    @StepScope
    ItemStreamWriter<StoreOutcome> recrawlWriter(SnapshotStore store, RecrawlQueue recrawlQueue, JdbcTemplate jdbc,
                                                 FailureLog failures, Throughput throughput, WorkerSettings settings,
                                                 Clock workerClock, @Value("#{stepExecution}") StepExecution stepExecution) {
        var parameters = stepExecution.getJobParameters();
        String generation = parameters.getString(GenerationRun.GENERATION);
        return new RecrawlOutcomeWriter(SnapshotJobConfiguration.generationWriter(store, generation, settings, throughput),
                store, recrawlQueue, jdbc, failures, generation, parameters.getString(ClaimKeeper.CLAIM), workerClock);
    }
}
