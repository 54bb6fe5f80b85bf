package dev.hexsnap.worker.job;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.worker.alert.Alerts;
import dev.hexsnap.worker.config.WorkerSettings;
import dev.hexsnap.worker.crawl.CellItem;
import dev.hexsnap.worker.crawl.CellOutcome;
import dev.hexsnap.worker.entries.Throughput;
import dev.hexsnap.worker.generation.GenerationLedger;
import dev.hexsnap.worker.generation.GenerationRun;
import dev.hexsnap.worker.progress.RunMonitor;
import dev.hexsnap.worker.progress.RunReports;
import dev.hexsnap.worker.publish.Coverage;
import dev.hexsnap.worker.publish.Publisher;
import dev.hexsnap.worker.store.StoreItem;
import dev.hexsnap.worker.store.StoreOutcome;
import dev.hexsnap.core.upstream.UpstreamClient;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Re-runs only what failed in a generation, into the same generation, as the job
 * {@value #JOB}: the cells recorded FAILED (home and channels again, which may show stores
 * not seen before), then the stores PENDING or FAILED, then the same publish step as a run
 * (a refused generation that now reaches the threshold is published). Its parameters are the
 * generation and the moment of the re-run, so each re-run is a job instance of its own and
 * is restartable like a run.
 */
@Configuration(proxyBeanMethods = false)
public class RerunFailuresJobConfiguration {

    public static final String JOB = "rerunFailuresJob";
    public static final String REQUESTED_AT = "requestedAt";

    @Bean
    Job rerunFailuresJob(JobRepository jobRepository, Step rerunCellStep, Step rerunStoreStep, Step rerunPublish,
                         RunMonitor rerunRunMonitor) {
        return new JobBuilder(JOB, jobRepository)
                .listener(rerunRunMonitor)
                .start(rerunCellStep)
                .next(rerunStoreStep)
                .next(rerunPublish)
                .build();
    }

    @Bean
    RunMonitor rerunRunMonitor(GenerationLedger ledger, Coverage coverage, Alerts alerts, UpstreamClient upstream,
                               Throughput throughput, JobRuns runs, WorkerSettings settings, Clock workerClock,
                               RunReports runReports) {
        return new RunMonitor(ledger, coverage, alerts, upstream, throughput, runs::of, false, settings.progress().interval(),
                settings.alerts().timeBudget(), settings.alerts().failureShare(), workerClock, runReports);
    }

    @Bean
    Step rerunCellStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                       ItemStreamReader<CellItem> failedCellReader, ItemProcessor<CellItem, CellOutcome> cellCrawler,
                       ItemStreamWriter<CellOutcome> cellWriter, WorkerSettings settings,
                       ThreadPoolTaskExecutor itemExecutor) {
        return new StepBuilder("rerunCellStep", jobRepository)
                .<CellItem, CellOutcome>chunk(settings.job().cellChunkSize())
                .transactionManager(transactionManager)
                .reader(failedCellReader)
                .processor(cellCrawler)
                .writer(cellWriter)
                .taskExecutor(itemExecutor)
                .build();
    }

    @Bean
    @StepScope
    ItemStreamReader<CellItem> failedCellReader(DataSource dataSource, JobRuns runs, WorkerSettings settings,
                                                @Value("#{stepExecution}") StepExecution stepExecution) throws Exception {
        GenerationRun run = runs.of(stepExecution.getJobExecution());
        Map<String, Order> sort = new LinkedHashMap<>();
        sort.put("resolution", Order.ASCENDING);
        sort.put("cell_id", Order.ASCENDING);
        return new JdbcPagingItemReaderBuilder<CellItem>()
                .name("failedCellReader")
                // Read by status (a process indicator): no saved position, which would skip unread rows on restart.
                .saveState(false)
                .dataSource(dataSource)
                .selectClause("resolution, cell_id, cell_seq, hotspot_lat, hotspot_lng")
                .fromClause("""
                        (SELECT wc.resolution, wc.cell_id, gc.cell_seq, gc.hotspot_lat, gc.hotspot_lng
                         FROM worker_cell wc JOIN grid_cell gc
                           ON gc.build_id = :build AND gc.resolution = wc.resolution AND gc.cell_id = wc.cell_id
                         WHERE wc.generation = :generation AND wc.status = 'FAILED') failed""")
                .parameterValues(Map.of("build", run.gridBuild(), "generation", run.generation()))
                .sortKeys(sort)
                .pageSize(settings.job().pageSize())
                .rowMapper((rs, n) -> new CellItem(rs.getInt("resolution"), rs.getLong("cell_id"), rs.getInt("cell_seq"),
                        new LatLng(rs.getDouble("hotspot_lat"), rs.getDouble("hotspot_lng"))))
                .build();
    }

    @Bean
    Step rerunStoreStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        ItemStreamReader<StoreItem> unfinishedStoreReader, ItemProcessor<StoreItem, StoreOutcome> storeCrawler,
                        ItemStreamWriter<StoreOutcome> storeWriter, WorkerSettings settings,
                        ThreadPoolTaskExecutor itemExecutor) {
        return new StepBuilder("rerunStoreStep", jobRepository)
                .<StoreItem, StoreOutcome>chunk(settings.job().storeChunkSize())
                .transactionManager(transactionManager)
                .reader(unfinishedStoreReader)
                .processor(storeCrawler)
                .writer(storeWriter)
                .taskExecutor(itemExecutor)
                .build();
    }

    @Bean
    @StepScope
    ItemStreamReader<StoreItem> unfinishedStoreReader(DataSource dataSource, JobRuns runs, WorkerSettings settings,
                                                      @Value("#{stepExecution}") StepExecution stepExecution) throws Exception {
        return new JdbcPagingItemReaderBuilder<StoreItem>()
                .name("unfinishedStoreReader")
                // Read by status (a process indicator): no saved position, which would skip unread rows on restart.
                .saveState(false)
                .dataSource(dataSource)
                .selectClause("id, store_id")
                .fromClause("worker_store")
                .whereClause("generation = :generation AND status IN ('PENDING', 'FAILED')")
                .parameterValues(Map.of("generation", runs.of(stepExecution.getJobExecution()).generation()))
                .sortKeys(Map.of("id", Order.ASCENDING))
                .pageSize(settings.job().pageSize())
                .rowMapper((rs, n) -> new StoreItem(rs.getLong("id"), rs.getString("store_id")))
                .build();
    }

    @Bean
    Step rerunPublish(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                      ObjectProvider<Publisher> publisher, JobRuns runs) {
        return SnapshotJobConfiguration.publishStep("rerunPublish", jobRepository, transactionManager, publisher, runs);
    }
}
