package dev.hexsnap.diff.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Re-crawl requests for the worker ({@code store_recrawl_request}): one PENDING row per store,
 * which the worker picks up (sets {@code picked_up_at}) and marks DONE. A store that already
 * has a pending request gets no second one.
 */
@Component
public class RecrawlRequests {

    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    RecrawlRequests(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Records a request for every store without a pending one, in one transaction.
     *
     * @return the stores that got a new request
     */
    public List<String> request(long diffRunId, List<Request> requests, Instant now) {
        return transactions.execute(status -> {
            Set<String> pending = new HashSet<>(jdbc.queryForList(
                    "SELECT store_id FROM store_recrawl_request WHERE status = 'PENDING'", String.class));
            List<Object[]> rows = new ArrayList<>();
            List<String> requested = new ArrayList<>();
            for (Request request : requests) {
                if (pending.add(request.storeId())) {
                    String reason = request.reason().length() > 500 ? request.reason().substring(0, 500) : request.reason();
                    rows.add(new Object[]{Timestamp.from(now), diffRunId, request.storeId(), reason});
                    requested.add(request.storeId());
                }
            }
            jdbc.batchUpdate("INSERT INTO store_recrawl_request (requested_at, diff_run_id, store_id, reason, status) "
                    + "VALUES (?, ?, ?, ?, 'PENDING')", rows);
            return requested;
        });
    }

    /** Pending requests, oldest first (what the worker would pick up). */
    public List<Request> pending() {
        return jdbc.query("SELECT store_id, reason FROM store_recrawl_request WHERE status = 'PENDING' ORDER BY id",
                (rs, row) -> new Request(rs.getString(1), rs.getString(2)));
    }

    /** Requests a diff run recorded. */
    public List<Request> ofRun(long diffRunId) {
        return jdbc.query("SELECT store_id, reason FROM store_recrawl_request WHERE diff_run_id = ? ORDER BY id",
                (rs, row) -> new Request(rs.getString(1), rs.getString(2)), diffRunId);
    }

    /**
     * @param storeId the store to crawl again
     * @param reason  why, for the operator
     */
    public record Request(String storeId, String reason) {
    }
}
