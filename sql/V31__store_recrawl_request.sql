-- Stores the diff-checker found anomalous, for the snapshot-worker to crawl again.
-- The diff inserts PENDING rows (one pending row per store at most); the worker sets
-- picked_up_at when it takes one and status DONE when the store is crawled again.
CREATE TABLE IF NOT EXISTS store_recrawl_request (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  requested_at   DATETIME(3)   NOT NULL,
  diff_run_id    BIGINT        NULL,                 -- diff_run.run_id that asked (NULL: asked by hand)
  store_id       VARCHAR(64)   NOT NULL,
  reason         VARCHAR(500)  NOT NULL,             -- what the diff saw, e.g. "category tree differs"
  status         VARCHAR(16)   NOT NULL DEFAULT 'PENDING',  -- PENDING, DONE
  picked_up_at   DATETIME(3)   NULL,
  PRIMARY KEY (id),
  KEY store_recrawl_status (status, requested_at),
  KEY store_recrawl_store (store_id, status),
  KEY store_recrawl_run (diff_run_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
