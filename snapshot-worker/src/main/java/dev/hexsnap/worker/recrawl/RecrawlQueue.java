package dev.hexsnap.worker.recrawl;

import dev.hexsnap.core.page.Slot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * The worker's side of {@code store_recrawl_request}: the requests the diff-checker records for
 * stores whose snapshot drifted from the live pages.
 *
 * <p>A run claims requests with ONE statement, {@code UPDATE ... WHERE status = 'PENDING' ORDER BY
 * ... LIMIT n}, that writes its own token into {@code claimed_by}: InnoDB locks every row the
 * statement changes and re-reads a row a concurrent claim changed before it, so two runs never
 * take the same row (it works the same on MySQL 8 and MariaDB 10.11, without
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} and the transaction around it). Concurrent claims can
 * deadlock on the index entries they change; InnoDB then rolls one back whole (nothing taken)
 * and it is tried again. The run then reads what it claimed by its token. While it works it refreshes {@code heartbeat_at}; rows of a run that
 * died go back to PENDING once their heartbeat is stale, rows of a run that failed at once.
 *
 * <p>A request belongs to a slot through the diff run that made it ({@code diff_run.slot});
 * a request made by hand ({@code diff_run_id} NULL) or whose diff run is unknown is taken by
 * either slot. Thread-safe.
 */
public final class RecrawlQueue {

    private static final Logger log = LoggerFactory.getLogger(RecrawlQueue.class);
    private static final int LOCK_ATTEMPTS = 10;

    public static final String PENDING = "PENDING";
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    /** The requests a slot's re-crawl takes (alias {@code r}): its own diff runs', and those of no known run. */
    private static final String OF_SLOT =
            "NOT EXISTS (SELECT 1 FROM diff_run d WHERE d.run_id = r.diff_run_id AND d.slot <> ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    public RecrawlQueue(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** PENDING requests a re-crawl of {@code slot} would take. */
    public int pending(Slot slot) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM store_recrawl_request r WHERE r.status = 'PENDING' AND "
                + OF_SLOT, Integer.class, slot.id());
        return n == null ? 0 : n;
    }

    /**
     * Gives the requests of runs whose heartbeat is older than {@code staleBefore} (they died
     * holding them) back to PENDING; {@code claimed_by} keeps saying who held them last.
     *
     * @return requests released
     */
    public int releaseStale(Instant staleBefore) {
        return inOwnTransaction("release of stale claims", () -> jdbc.update("""
                UPDATE store_recrawl_request SET status = 'PENDING', heartbeat_at = NULL
                WHERE status = 'IN_PROGRESS' AND (heartbeat_at IS NULL OR heartbeat_at < ?)""", Timestamp.from(staleBefore)));
    }

    /**
     * Takes up to {@code limit} PENDING requests of {@code slot}, oldest first, for the run
     * {@code claim}: status IN_PROGRESS, {@code picked_up_at} now, one more attempt. Atomic:
     * a row is taken by exactly one of any number of concurrent claims. Commits at once, in a
     * transaction of its own (a caller's transaction is suspended): a deadlock rolls back that
     * transaction whole, which then holds nothing but the claim, and the claim is tried again.
     *
     * @return requests taken
     */
    public int claim(String claim, Slot slot, int limit) {
        return inOwnTransaction("claim " + claim, () -> claimOnce(claim, slot, limit));
    }

    /**
     * Runs one statement that changes rows other runs may be changing, in a transaction of its
     * own, again when InnoDB chose it as a deadlock victim or it waited too long for a lock (it
     * was rolled back whole: nothing of it happened).
     */
    private int inOwnTransaction(String what, IntSupplier statement) {
        for (int attempt = 1; ; attempt++) {
            try {
                Integer rows = ownTransaction.execute(status -> statement.getAsInt());
                return rows == null ? 0 : rows;
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= LOCK_ATTEMPTS) {
                    throw e;
                }
                log.debug("{} lost a lock race (attempt {}): {}; trying again", what, attempt, e.getMessage());
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt + 6));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private int claimOnce(String claim, Slot slot, int limit) {
        Timestamp now = now();
        // The alias r is what OF_SLOT's correlated subquery refers to; a single-table UPDATE may name it.
        String sql = "UPDATE store_recrawl_request r"
                + " SET r.status = 'IN_PROGRESS', r.claimed_by = ?, r.picked_up_at = ?, r.heartbeat_at = ?,"
                + " r.attempts = r.attempts + 1, r.finished_at = NULL, r.result = NULL"
                + " WHERE r.status = 'PENDING' AND " + OF_SLOT
                + " ORDER BY r.requested_at, r.id LIMIT ?";
        return jdbc.update(sql, claim, now, now, slot.id(), limit);
    }

    /** Tells other runs that {@code claim} is alive and still working on its requests. */
    public void heartbeat(String claim) {
        jdbc.update("UPDATE store_recrawl_request SET heartbeat_at = ? WHERE claimed_by = ? AND status = 'IN_PROGRESS'",
                now(), claim);
    }

    /**
     * Gives the requests {@code claim} still holds back to PENDING (its run ended without them).
     *
     * @return requests released
     */
    public int release(String claim) {
        return inOwnTransaction("release of " + claim, () -> jdbc.update("""
                UPDATE store_recrawl_request SET status = 'PENDING', heartbeat_at = NULL
                WHERE claimed_by = ? AND status = 'IN_PROGRESS'""", claim));
    }

    /**
     * Records what became of stores: every request {@code claim} holds for each store is
     * finished (normally one; a store with an old request released by a dead run and a newer
     * one may have two, and one crawl answers both). Joins the caller's transaction.
     */
    public void finish(String claim, List<Finished> stores) {
        if (stores.isEmpty()) {
            return;
        }
        Timestamp now = now();
        List<Object[]> rows = new ArrayList<>(stores.size());
        for (Finished f : stores) {
            rows.add(new Object[]{f.status(), now, f.generation(), f.pages(), truncate(f.result(), 1000), claim, f.storeId()});
        }
        jdbc.batchUpdate("""
                UPDATE store_recrawl_request SET status = ?, finished_at = ?, heartbeat_at = NULL, generation = ?, pages = ?,
                  result = ?
                WHERE claimed_by = ? AND store_id = ? AND status = 'IN_PROGRESS'""", rows);
    }

    /**
     * The requests a run took, in the order it took them, as they are now: those it did not
     * finish are PENDING again (a released request keeps the token of the run that held it last,
     * until another run claims it).
     */
    public List<Request> ofClaim(String claim) {
        return jdbc.query("""
                SELECT id, requested_at, diff_run_id, store_id, reason, status, attempts, pages, result
                FROM store_recrawl_request WHERE claimed_by = ? ORDER BY requested_at, id""", MAPPER, claim);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static final RowMapper<Request> MAPPER = (rs, n) -> new Request(
            rs.getLong("id"),
            rs.getTimestamp("requested_at").toInstant(),
            (Long) rs.getObject("diff_run_id", Long.class),
            rs.getString("store_id"),
            rs.getString("reason"),
            rs.getString("status"),
            rs.getInt("attempts"),
            (Integer) rs.getObject("pages", Integer.class),
            rs.getString("result"));

    /**
     * A request as a run sees it.
     *
     * @param id          its row
     * @param requestedAt when the diff (or an operator) asked
     * @param diffRunId   the diff run that asked; null when asked by hand
     * @param storeId     the store to crawl again
     * @param reason      why it was asked
     * @param status      PENDING, IN_PROGRESS, DONE or FAILED
     * @param attempts    times a run took it
     * @param pages       pages written for the store; null until finished
     * @param result      what happened, one line; null until finished
     */
    public record Request(long id, Instant requestedAt, Long diffRunId, String storeId, String reason, String status,
                          int attempts, Integer pages, String result) {
    }

    /**
     * What became of one store.
     *
     * @param storeId    the store
     * @param status     DONE or FAILED
     * @param generation the generation it was crawled into
     * @param pages      pages written (0 when nothing was)
     * @param result     what happened, one line
     */
    public record Finished(String storeId, String status, String generation, int pages, String result) {
    }
}
