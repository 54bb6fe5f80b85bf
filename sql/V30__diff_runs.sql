-- diff-checker: each run's summary, kept so that fidelity and cost can be compared across nights.
-- Valid on MySQL 8 and MariaDB 10.11; applied by the programs themselves (Flyway).

-- One row per run: inserted RUNNING when it starts (re-crawl requests refer to it), completed
-- with its figures when it ends, FAILED with the reason when it does not.
CREATE TABLE IF NOT EXISTS diff_run (
  run_id                  BIGINT        NOT NULL AUTO_INCREMENT,
  status                  VARCHAR(16)   NOT NULL,           -- RUNNING, COMPLETE, FAILED
  started_at              DATETIME(3)   NOT NULL,
  finished_at             DATETIME(3)   NULL,
  slot                    VARCHAR(8)    NOT NULL,           -- day, night
  generation              VARCHAR(48)   NULL,               -- the snapshot generation compared
  grid_build_id           VARCHAR(64)   NULL,
  compared_at             DATETIME(3)   NULL,               -- the moment the live pages were computed for
  seed                    BIGINT        NOT NULL,
  cities_requested        INT           NOT NULL,
  cells_per_city          INT           NOT NULL,
  threshold               DOUBLE        NOT NULL,           -- similarity at which a point matches
  target                  DOUBLE        NOT NULL,           -- share of matching points a resolution must reach
  cities_sampled          INT           NULL,
  cells_sampled           INT           NULL,
  points_probed           INT           NULL,
  comparisons             INT           NULL,               -- point x page comparisons that count
  excluded                INT           NULL,               -- left out: live upstream failed or empty
  match_share             DOUBLE        NULL,               -- all resolutions together
  mean_similarity         DOUBLE        NULL,
  recommended_resolution  TINYINT       NULL,               -- NULL: none reaches the target
  recommendation          VARCHAR(500)  NULL,
  stores_compared         INT           NULL,
  stores_anomalous        INT           NULL,
  recrawl_triggered       BOOLEAN       NULL,
  upstream_requests       INT           NULL,
  upstream_peak_per_second INT          NULL,
  duration_ms             BIGINT        NULL,
  report_dir              VARCHAR(1000) NULL,
  failure                 VARCHAR(1000) NULL,
  PRIMARY KEY (run_id),
  KEY diff_run_started (slot, started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Per run and resolution: the fidelity and the cost the recommendation weighed.
CREATE TABLE IF NOT EXISTS diff_run_resolution (
  run_id             BIGINT         NOT NULL,
  resolution         TINYINT        NOT NULL,
  cells_sampled      INT            NOT NULL,
  comparisons        INT            NOT NULL,
  matches            INT            NOT NULL,
  match_share        DOUBLE         NOT NULL,
  mean_similarity    DOUBLE         NOT NULL,
  home_match_share   DOUBLE         NULL,
  stored_bytes       BIGINT         NOT NULL,               -- location pages + shared store pages
  monthly_cost       DECIMAL(16,2)  NOT NULL,               -- at the configured price
  meets_target       BOOLEAN        NOT NULL,
  PRIMARY KEY (run_id, resolution),
  CONSTRAINT diff_run_resolution_run FOREIGN KEY (run_id) REFERENCES diff_run (run_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Per run, resolution and city, for trends of one city.
CREATE TABLE IF NOT EXISTS diff_run_city (
  run_id             BIGINT         NOT NULL,
  resolution         TINYINT        NOT NULL,
  region             VARCHAR(64)    NOT NULL,
  comparisons        INT            NOT NULL,
  match_share        DOUBLE         NOT NULL,
  mean_similarity    DOUBLE         NOT NULL,
  PRIMARY KEY (run_id, resolution, region),
  CONSTRAINT diff_run_city_run FOREIGN KEY (run_id) REFERENCES diff_run (run_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
