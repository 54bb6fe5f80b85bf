package dev.hexsnap.worker.remote;

import dev.hexsnap.worker.config.WorkerSettings;
import dev.hexsnap.worker.progress.RunMonitor;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.MySqlChannelMessageStoreQueryProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/**
 * Wiring of remote partitioning: the queue in the job database, the leases, the handler each
 * partitioned step uses, and the {@code serve} loop.
 */
@Configuration(proxyBeanMethods = false)
public class RemotePartitioningConfiguration {

    /** A worker told to stop lets its running partitions finish for this long (Kubernetes' default grace is 30 s). */
    static final Duration DRAIN = Duration.ofSeconds(20);

    @Bean
    PartitionLeases partitionLeases(JdbcTemplate jdbc, Clock workerClock) {
        return new PartitionLeases(jdbc, workerClock);
    }

    @Bean
    PartitionQueue partitionQueue(DataSource dataSource, PlatformTransactionManager transactionManager) {
        JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
        store.setChannelMessageStoreQueryProvider(new MySqlChannelMessageStoreQueryProvider());
        store.setRegion("hexsnap");
        // The messages are Java-serialised: only what a request carries may be read back.
        store.addAllowedPatterns("org.springframework.batch.integration.partition.StepExecutionRequest",
                "org.springframework.messaging.support.GenericMessage", "org.springframework.messaging.MessageHeaders",
                "java.util.*", "java.lang.*");
        store.afterPropertiesSet();
        return new PartitionQueue(store, new TransactionTemplate(transactionManager));
    }

    @Bean
    PartitionHandlers partitionHandlers(WorkerSettings settings, ThreadPoolTaskExecutor partitionExecutor, JobRepository jobRepository,
                                        PartitionQueue partitionQueue, PartitionLeases partitionLeases, Clock workerClock) {
        return new PartitionHandlers(settings, partitionExecutor, jobRepository, partitionQueue, partitionLeases, workerClock);
    }

    @Bean
    @Lazy
    PartitionServer partitionServer(PartitionQueue partitionQueue, PartitionLeases partitionLeases, JobRepository jobRepository,
                                    org.springframework.beans.factory.BeanFactory beanFactory, WorkerSettings settings) {
        BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
        steps.setBeanFactory(beanFactory);
        StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
        handler.setStepLocator(steps);
        handler.setJobRepository(jobRepository);
        return new PartitionServer(partitionQueue, partitionLeases, handler, jobRepository, settings.job().partitionThreads(),
                settings.remote().pollInterval(), settings.progress().interval(), DRAIN, RunMonitor.runner());
    }

    @Bean
    ServeCommand serveCommand(ObjectProvider<PartitionServer> partitionServer) {
        return new ServeCommand(partitionServer);
    }
}
