package dev.hexsnap.worker.config;

import dev.hexsnap.core.geo.HexGrid;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.snapshot.GzipCodec;
import dev.hexsnap.core.snapshot.SnapshotEntryCodec;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.core.upstream.CircuitBreaker;
import dev.hexsnap.core.upstream.RequestCeiling;
import dev.hexsnap.core.upstream.RequestGate;
import dev.hexsnap.core.upstream.SharedRequestCeiling;
import dev.hexsnap.core.upstream.UpstreamClient;
import dev.hexsnap.core.upstream.UpstreamPages;
import dev.hexsnap.core.upstream.UpstreamSettings;
import dev.hexsnap.core.upstream.contract.UpstreamContract;
import dev.hexsnap.worker.alert.Alerts;
import dev.hexsnap.worker.alert.MetricsFile;
import dev.hexsnap.worker.cli.WorkerCommands;
import dev.hexsnap.worker.crawl.CellLedger;
import dev.hexsnap.worker.entries.Throughput;
import dev.hexsnap.worker.failure.FailureLog;
import dev.hexsnap.worker.generation.GenerationLedger;
import dev.hexsnap.worker.job.RunControl;
import dev.hexsnap.worker.progress.RunReports;
import dev.hexsnap.worker.publish.Coverage;
import dev.hexsnap.worker.publish.EntryVerifier;
import dev.hexsnap.worker.publish.Publisher;
import dev.hexsnap.worker.publish.Retention;
import dev.hexsnap.worker.store.StoreRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The worker's shared pieces: one upstream client (so that its ceilings hold across every
 * partition thread), the codec, the MySQL ledgers, alerts and the publisher. The job
 * configurations wire them into steps.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerSettings.class)
public class WorkerConfiguration {

    @Bean
    HttpClient upstreamHttpClient(WorkerSettings settings) {
        return UpstreamClient.httpClient(settings.upstream().connectTimeout());
    }

    /**
     * The process's own ceilings for a run alone; for the processes of a remote run (manager and
     * workers) ceilings shared through Redis, so that they hold for the whole crawl.
     */
    @Bean
    RequestGate requestCeiling(WorkerSettings settings, ObjectProvider<RedisKeyValue> redis) {
        WorkerSettings.Upstream u = settings.upstream();
        if (settings.remote().role() == WorkerSettings.Remote.Role.LOCAL) {
            return new RequestCeiling(u.maxRequestsPerSecond(), u.maxConcurrentRequests());
        }
        // A permit's slot outlives any request (each is bounded by the request timeout, body included).
        Duration lease = u.requestTimeout().multipliedBy(2).plusSeconds(5);
        return new SharedRequestCeiling(redis.getObject(), "upstream", u.maxRequestsPerSecond(), u.maxConcurrentRequests(),
                lease, settings.progress().staleAfter());
    }

    /** Its pauses pause every process sharing the ceiling (a no-op for a run alone). */
    @Bean
    CircuitBreaker circuitBreaker(WorkerSettings settings, RequestGate requestCeiling) {
        WorkerSettings.Breaker b = settings.upstream().breaker();
        return new CircuitBreaker(b.window(), b.minCalls(), b.failureRate(), b.pause(), b.maxPause(), new CircuitBreaker.Listener() {
            @Override
            public void paused(Duration pause) {
                requestCeiling.pauseAll(pause);
            }

            @Override
            public void resumed() {
                requestCeiling.resumeAll();
            }
        });
    }

    @Bean
    UpstreamClient upstreamClient(WorkerSettings settings, HttpClient upstreamHttpClient, RequestGate ceiling,
                                  CircuitBreaker breaker, UpstreamContract contract) {
        WorkerSettings.Upstream u = settings.upstream();
        return new UpstreamClient(upstreamHttpClient, ceiling, breaker, u.requestTimeout(),
                new UpstreamClient.Retry(u.maxAttempts(), u.initialBackoff(), u.backoffMultiplier(), u.maxBackoff()),
                contract::carriesPage, contract.maxPageBytes(), false);
    }

    /** The crawl's pages: an empty page is retried and never stored. */
    @Bean
    UpstreamPages upstreamPages(WorkerSettings settings, UpstreamClient client, UpstreamContract contract,
                                UpstreamSettings upstreamSettings) {
        return new UpstreamPages(contract, client, settings.upstream().baseUrl(), upstreamSettings, true);
    }

    @Bean
    SnapshotEntryCodec snapshotEntryCodec(WorkerSettings settings) {
        return new SnapshotEntryCodec(new GzipCodec(settings.snapshot().gzipLevel()));
    }

    /**
     * Threads for the pages of one cell or store fetched side by side (platform threads, reused; the upstream
     * ceilings bound the requests, not this pool).
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService pageThreads() {
        return Executors.newCachedThreadPool(Thread.ofPlatform().name("page-", 0).daemon(true).factory());
    }

    @Bean
    RunReports runReports() {
        return new RunReports();
    }

    @Bean
    Throughput throughput() {
        return new Throughput();
    }

    @Bean
    GenerationLedger generationLedger(JdbcTemplate jdbc, Clock workerClock) {
        return new GenerationLedger(jdbc, workerClock);
    }

    @Bean
    FailureLog failureLog(JdbcTemplate jdbc, Clock workerClock) {
        return new FailureLog(jdbc, workerClock);
    }

    @Bean
    CellLedger cellLedger(JdbcTemplate jdbc, Clock workerClock) {
        return new CellLedger(jdbc, workerClock);
    }

    @Bean
    StoreRegistry storeRegistry(JdbcTemplate jdbc, Clock workerClock) {
        return new StoreRegistry(jdbc, workerClock);
    }

    @Bean
    Coverage coverage(NamedParameterJdbcTemplate jdbc) {
        return new Coverage(jdbc);
    }

    /** Boot's Prometheus registry (micrometer-registry-prometheus is on the classpath), written out when the command ends. */
    @Bean
    @ConditionalOnProperty(name = "hexsnap.worker.alerts.metrics-file")
    MetricsFile metricsFile(WorkerSettings settings, PrometheusMeterRegistry registry) {
        return new MetricsFile(registry, settings.alerts().metricsFile());
    }

    @Bean
    Alerts alerts(WorkerSettings settings, ObjectProvider<MeterRegistry> metrics, HttpClient upstreamHttpClient, Clock workerClock) {
        String url = settings.alerts().webhookUrl();
        return new Alerts(metrics.getIfAvailable(SimpleMeterRegistry::new), upstreamHttpClient,
                url.isEmpty() ? null : URI.create(url), settings.alerts().webhookTimeout(), workerClock);
    }

    @Bean
    @Lazy
    Publisher publisher(WorkerSettings settings, SnapshotStore store, GenerationLedger ledger, Coverage coverage,
                        JdbcTemplate jdbc, CellLedger cells, StoreRegistry stores, FailureLog failures, HexGrid grid,
                        Alerts alerts, Clock workerClock) {
        WorkerSettings.Publish p = settings.publish();
        return new Publisher(store, ledger, coverage, new EntryVerifier(jdbc, store, cells, stores, failures, grid),
                new Retention(store, ledger, p.keepPublished(), p.keepRefused()), alerts, p.coverageThreshold(),
                p.verifyEntries(), settings.alerts().failureShare(), workerClock);
    }

    @Bean
    WorkerCommands workerCommands(ObjectProvider<RunControl> control,
                                  GenerationLedger ledger, FailureLog failures,
                                  ObjectProvider<SnapshotStore> store, Coverage coverage, HexGrid grid,
                                  WorkerSettings settings, Clock workerClock,
                                  RunReports runReports) {
        return new WorkerCommands(control, ledger, failures, store, coverage, grid,
                settings.upstream().zone(), workerClock, runReports);
    }
}
