package dev.hexsnap.worker.remote;

import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * The queue of partitions waiting for a worker: a Spring Integration {@link QueueChannel} whose
 * messages live in the job database ({@link JdbcChannelMessageStore}, table {@code INT_CHANNEL_MESSAGE}),
 * each carrying one {@link StepExecutionRequest}. A worker takes the oldest request with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} and deletes it in the same transaction as it claims the
 * partition, so two workers never take the same request and a request is never dropped half-taken.
 *
 * <p>Thread-safe.
 */
final class PartitionQueue {

    static final String GROUP = "hexsnap-worker-partitions";

    private final JdbcChannelMessageStore store;
    private final QueueChannel channel;
    private final TransactionTemplate transaction;

    PartitionQueue(JdbcChannelMessageStore store, TransactionTemplate transaction) {
        this.store = store;
        this.channel = new QueueChannel(new MessageGroupQueue(store, GROUP));
        this.transaction = transaction;
    }

    /** Queues a partition for the workers. */
    void send(String stepName, long stepExecutionId) {
        channel.send(MessageBuilder.withPayload(new StepExecutionRequest(stepName, stepExecutionId)).build());
    }

    /**
     * Takes the oldest request, if any, and runs {@code claim} on it in the same transaction: if
     * {@code claim} throws, the request stays queued; if it answers false (a request for a partition
     * no longer waiting, e.g. re-sent after it was taken), the request is dropped.
     *
     * @return the request claimed, or empty when none was waiting or it was dropped
     */
    Optional<StepExecutionRequest> take(Predicate<StepExecutionRequest> claim) {
        return Optional.ofNullable(transaction.execute(status -> {
            Message<?> message = channel.receive(0);
            if (message == null) {
                return null;
            }
            StepExecutionRequest request = (StepExecutionRequest) message.getPayload();
            return claim.test(request) ? request : null;
        }));
    }

    /** Requests waiting for a worker. */
    int size() {
        return store.messageGroupSize(GROUP);
    }
}
