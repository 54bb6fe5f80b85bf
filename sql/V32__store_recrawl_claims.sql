-- snapshot-worker: taking store re-crawl requests (V31) and saying what became of them.
-- `./hexsnap worker recrawl-stores` claims PENDING rows with one UPDATE ... ORDER BY ... LIMIT
-- (claimed_by = its own token, status IN_PROGRESS): InnoDB locks the rows it changes, so two
-- workers claiming at once never take the same row. A worker refreshes heartbeat_at while it
-- holds rows; rows of a worker that died (heartbeat stale) go back to PENDING.
-- status: PENDING, IN_PROGRESS, DONE, FAILED.
-- Valid on MySQL 8 and MariaDB 10.11; applied by the programs themselves (Flyway).
ALTER TABLE store_recrawl_request
  ADD COLUMN claimed_by    VARCHAR(64)    NULL,      -- token of the recrawl-stores run holding the row
  ADD COLUMN heartbeat_at  DATETIME(3)    NULL,      -- refreshed while that run works on it
  ADD COLUMN attempts      INT            NOT NULL DEFAULT 0,  -- times the row was claimed
  ADD COLUMN finished_at   DATETIME(3)    NULL,      -- when it became DONE or FAILED
  ADD COLUMN generation    VARCHAR(48)    NULL,      -- the generation the store was crawled into
  ADD COLUMN pages         INT            NULL,      -- pages written for the store
  ADD COLUMN result        VARCHAR(1000)  NULL,      -- what happened: pages written, skipped as closed, or the error
  ADD KEY store_recrawl_claim (claimed_by, status);
