package dev.hexsnap.worker;

import dev.hexsnap.core.page.Slot;
import dev.hexsnap.core.redis.RedisKeyValue;
import dev.hexsnap.core.redis.RedisSettings;
import dev.hexsnap.core.snapshot.SnapshotKey;
import dev.hexsnap.core.snapshot.SnapshotStore;
import dev.hexsnap.testsupport.RedisTestCluster;
import dev.hexsnap.testsupport.ThrowawayDatabase;
import dev.hexsnap.upstream.DemoUpstream;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The same run into a Redis Cluster of three masters: entries spread over every master, pointers switched atomically. */
class ClusterIntegrationTests {

    @Test
    void aRunIntoARedisClusterPublishesAGenerationSpreadOverEveryMaster() throws Exception {
        try (RedisTestCluster cluster = RedisTestCluster.start(3);
             DemoUpstream upstream = DemoUpstream.start(DemoUpstream.options().cities(1).storeScale(0.1)
                     .homePageBytes(5_000).channelPageBytes(4_000));
             ThrowawayDatabase db = ThrowawayDatabase.create("worker_cluster")) {
            TestGrid.migrate(db);
            List<Long> cells = TestGrid.write(db, new int[]{8}, new int[]{1}).getFirst();
            WorkerCli cli = new WorkerCli(WorkerCli.arguments(db, String.join(",", cluster.nodes()), "cl", upstream.baseUrl(),
                    "--hexsnap.redis.cluster=true"));

            WorkerCli.Result result = cli.run("run", "--generation", "c1", "--resolutions", "8", "--date", "2026-11-23");

            assertThat(result.exit()).as(result.out()).isZero();
            try (RedisKeyValue redis = RedisKeyValue.connect(RedisSettings.cluster(cluster.nodes(), "cl"))) {
                SnapshotStore store = new SnapshotStore(redis);
                assertThat(store.current(Slot.DAY)).contains("c1");
                AtomicLong keys = new AtomicLong();
                redis.scan(store.entryPattern("c1"), 1000, batch -> keys.addAndGet(batch.size()));
                assertThat(keys.get()).isEqualTo(store.generation("c1").orElseThrow().pages())
                        .isEqualTo(Sql.number(db, "SELECT pages FROM worker_generation"));
                List<SnapshotKey> homes = cells.stream().map(c -> (SnapshotKey) new SnapshotKey.Home(8, c)).toList();
                assertThat(store.readAll("c1", homes)).allMatch(java.util.Optional::isPresent);

                // every master holds a share of the entries, and the shares add up to all of them
                Map<String, Long> perMaster = new LinkedHashMap<>();
                for (String node : cluster.nodes()) {
                    perMaster.put(node, entriesOn(node, store.entryPattern("c1")));
                }
                assertThat(perMaster).hasSize(3).allSatisfy((node, count) -> assertThat(count).as(node).isPositive());
                assertThat(perMaster.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(keys.get());
            }
        }
    }

    /** Entries matching {@code pattern} held by one master, asked of that node alone (SCAN is per node). */
    private static long entriesOn(String node, String pattern) {
        RedisClient client = RedisClient.create("redis://" + node);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            long count = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000));
                count += page.getKeys().size();
                cursor = page;
            } while (!cursor.isFinished());
            return count;
        } finally {
            client.shutdown();
        }
    }
}
