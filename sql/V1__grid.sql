-- hexsnap grid: the hot cells of each H3 resolution, with the point that represents them.
-- Valid on MySQL 8 and MariaDB 10.11; applied by the programs themselves (Flyway).
-- Written by grid-builder (docs/grid-builder.md); read by the snapshot-worker and the diff.

-- One row per grid build. build_id is derived from the input content and the settings, so
-- re-running the same input produces the same build and upserts the same rows. A build's
-- rows are only read through grid_current, which points at COMPLETE builds only.
CREATE TABLE IF NOT EXISTS grid_build (
  build_id        VARCHAR(64)   NOT NULL,
  status          VARCHAR(16)   NOT NULL,           -- WRITING, COMPLETE, FAILED
  regions         TEXT          NOT NULL,           -- region names, comma-separated
  settings        TEXT          NOT NULL,           -- resolutions and thresholds, as JSON
  input           VARCHAR(1000) NOT NULL,           -- where the points came from (file, URL, stdin, sample)
  input_digest    CHAR(64)      NOT NULL,           -- SHA-256 of the (decompressed) points input
  points_read     BIGINT        NOT NULL DEFAULT 0, -- data lines read (header, blank and comment lines excluded)
  points_valid    BIGINT        NOT NULL DEFAULT 0, -- well-formed, in-range lines
  points_bad      BIGINT        NOT NULL DEFAULT 0, -- malformed or out-of-range lines
  requests_total  BIGINT        NOT NULL DEFAULT 0, -- sum of counts of the valid lines, inside the regions or not
  started_at      DATETIME(3)   NOT NULL,           -- the latest run of this build
  finished_at     DATETIME(3)   NULL,
  failure         VARCHAR(1000) NULL,
  PRIMARY KEY (build_id),
  KEY grid_build_started (started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- What a build found at each resolution: the figures of its summary table.
CREATE TABLE IF NOT EXISTS grid_build_resolution (
  build_id             VARCHAR(64) NOT NULL,
  resolution           TINYINT     NOT NULL,
  cells_covering       INT         NOT NULL, -- cells whose centre lies in a region (H3 polygon fill)
  cells_with_requests  INT         NOT NULL, -- covering cells with at least one request
  cells_kept           INT         NOT NULL, -- hot cells written to grid_cell (after the thresholds)
  requests_in_regions  BIGINT      NOT NULL, -- requests whose cell at this resolution covers a region
  requests_outside     BIGINT      NOT NULL, -- requests of valid lines whose cell covers no region
  requests_kept        BIGINT      NOT NULL, -- requests in the kept cells
  hotspots_centroid    INT         NOT NULL, -- hotspot = centroid of the densest micro-cell, verified inside
  hotspots_fallback    INT         NOT NULL, -- hotspot = a real input point of the cell (centroid fell outside)
  PRIMARY KEY (build_id, resolution)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The hot cells of a build. cell_id is the H3 index (its top bit is always 0, so it fits
-- a signed BIGINT). cell_seq numbers the cells of one build and resolution from 0, densely,
-- hottest first, so that the snapshot-worker can partition them by range.
CREATE TABLE IF NOT EXISTS grid_cell (
  build_id       VARCHAR(64)  NOT NULL,
  resolution     TINYINT      NOT NULL,
  cell_id        BIGINT       NOT NULL,
  cell_seq       INT          NOT NULL,
  region         VARCHAR(64)  NOT NULL,
  center_lat     DOUBLE       NOT NULL,
  center_lng     DOUBLE       NOT NULL,
  hotspot_lat    DOUBLE       NOT NULL, -- always inside the cell (checked with H3 when written)
  hotspot_lng    DOUBLE       NOT NULL,
  request_count  BIGINT       NOT NULL,
  created_at     DATETIME(3)  NOT NULL, -- first written; a re-run of the same build keeps it
  PRIMARY KEY (build_id, resolution, cell_id),
  UNIQUE KEY grid_cell_seq (build_id, resolution, cell_seq),
  KEY grid_cell_region (build_id, resolution, region)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The build that every later stage reads. A single row (id = 1), switched in one
-- statement after a build completes, so a failed run leaves the previous grid in place.
CREATE TABLE IF NOT EXISTS grid_current (
  id                 TINYINT      NOT NULL,
  build_id           VARCHAR(64)  NOT NULL,
  previous_build_id  VARCHAR(64)  NULL,
  switched_at        DATETIME(3)  NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
