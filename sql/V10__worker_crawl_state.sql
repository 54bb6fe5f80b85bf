-- snapshot-worker: what each run wrote, what failed, and what it decided. The restart state of
-- the job itself is Spring Batch's (V2); these tables are the worker's own bookkeeping, read
-- by `./hexsnap worker generations|status|show` and by coverage before publishing.
-- Valid on MySQL 8 and MariaDB 10.11; applied by the programs themselves (Flyway).

-- One row per generation (one run, plus its re-runs of failures).
CREATE TABLE IF NOT EXISTS worker_generation (
  generation         VARCHAR(48)   NOT NULL,
  slot               VARCHAR(8)    NOT NULL,            -- day, night
  run_date           DATE          NOT NULL,            -- the date whose slot moment was crawled
  crawl_moment       DATETIME(3)   NOT NULL,            -- the 'at' sent upstream (UTC)
  resolutions        VARCHAR(32)   NOT NULL,            -- e.g. 7,8
  grid_build_id      VARCHAR(64)   NOT NULL,
  state              VARCHAR(16)   NOT NULL,            -- WRITING, PUBLISHED, REFUSED, RETIRED, DELETED
  created_at         DATETIME(3)   NOT NULL,
  updated_at         DATETIME(3)   NOT NULL,
  finished_at        DATETIME(3)   NULL,                -- last coverage evaluation
  published_at       DATETIME(3)   NULL,
  cells_total        INT           NULL,                -- hot cells of the grid at these resolutions
  cells_complete     INT           NULL,                -- cells with all their pages stored
  stores_total       INT           NULL,                -- stores seen, closed ones excluded
  stores_complete    INT           NULL,
  stores_closed      INT           NULL,
  pages              BIGINT        NULL,
  raw_bytes          BIGINT        NULL,
  stored_bytes       BIGINT        NULL,
  failures           INT           NULL,                -- unresolved failure records
  cell_coverage      DOUBLE        NULL,
  store_coverage     DOUBLE        NULL,
  verdict            VARCHAR(1000) NULL,                -- why it was published or refused
  job_name           VARCHAR(100)  NULL,                -- the Batch job of the last execution
  job_execution_id   BIGINT        NULL,                -- the last Batch execution that worked on it
  runner             VARCHAR(128)  NULL,                -- host and pid of that execution
  heartbeat_at       DATETIME(3)   NULL,                -- refreshed while it runs; stale = crashed
  PRIMARY KEY (generation),
  KEY worker_generation_slot (slot, created_at),
  KEY worker_generation_updated (updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One row per hot cell crawled into a generation. status COMPLETE = home and every channel the
-- home page offers are stored; FAILED = at least one of them is not (see worker_failure).
CREATE TABLE IF NOT EXISTS worker_cell (
  generation     VARCHAR(48)   NOT NULL,
  resolution     TINYINT       NOT NULL,
  cell_id        BIGINT        NOT NULL,              -- H3 index
  status         VARCHAR(8)    NOT NULL,              -- COMPLETE, FAILED
  serviceable    BOOLEAN       NULL,                  -- NULL when the home page failed
  channels       VARCHAR(100)  NULL,                  -- channels the home page offers, comma-separated
  pages          INT           NOT NULL,              -- pages stored
  raw_bytes      BIGINT        NOT NULL,
  stored_bytes   BIGINT        NOT NULL,
  crawled_at     DATETIME(3)   NOT NULL,
  PRIMARY KEY (generation, resolution, cell_id),
  KEY worker_cell_status (generation, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The stores the cells' pages show, one row per store and generation however many cells show
-- it (INSERT ... ON DUPLICATE KEY UPDATE counts the sightings). id orders them for the
-- partitions of the store step. status PENDING until crawled; CLOSED stores are skipped.
CREATE TABLE IF NOT EXISTS worker_store (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  generation        VARCHAR(48)   NOT NULL,
  store_id          VARCHAR(64)   NOT NULL,
  card_status       VARCHAR(16)   NULL,               -- open, closed-now, closed as a store card showed it; NULL if only products did
  seen_count        INT           NOT NULL,           -- pages that showed it
  first_resolution  TINYINT       NOT NULL,
  first_cell        BIGINT        NOT NULL,
  status            VARCHAR(8)    NOT NULL,           -- PENDING, COMPLETE, FAILED, CLOSED
  leaf_pages        TEXT          NULL,               -- product pages stored, "categoryId:pages,..."
  pages             INT           NOT NULL DEFAULT 0,
  raw_bytes         BIGINT        NOT NULL DEFAULT 0,
  stored_bytes      BIGINT        NOT NULL DEFAULT 0,
  crawled_at        DATETIME(3)   NULL,
  PRIMARY KEY (id),
  UNIQUE KEY worker_store_generation_store (generation, store_id),
  KEY worker_store_status (generation, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Pages that still failed after every retry: what `rerun-failures` works from. One row per
-- generation, target and page; a later success sets resolved_at.
CREATE TABLE IF NOT EXISTS worker_failure (
  id               BIGINT         NOT NULL AUTO_INCREMENT,
  generation       VARCHAR(48)    NOT NULL,
  target_kind      VARCHAR(8)     NOT NULL,           -- cell, store
  target           VARCHAR(64)    NOT NULL,           -- H3 address of the cell, or the store id
  resolution       TINYINT        NULL,               -- of a cell
  page             VARCHAR(200)   NOT NULL,           -- e.g. home, channel:fresh, categories, products:c12:2
  error            VARCHAR(1000)  NOT NULL,
  attempts         INT            NOT NULL,           -- requests made for the page, over every run
  first_failed_at  DATETIME(3)    NOT NULL,
  last_failed_at   DATETIME(3)    NOT NULL,
  resolved_at      DATETIME(3)    NULL,
  PRIMARY KEY (id),
  UNIQUE KEY worker_failure_page (generation, target_kind, target, page),
  KEY worker_failure_open (generation, resolved_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
