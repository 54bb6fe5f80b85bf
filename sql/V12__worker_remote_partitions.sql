-- snapshot-worker, remote partitioning (`./hexsnap worker run --remote` + `./hexsnap worker serve`).
-- The manager puts one StepExecutionRequest per partition into a Spring Integration queue kept in
-- this database (spring-integration-jdbc's JdbcChannelMessageStore, its MySQL table below, from
-- its schema-mysql.sql). A worker takes a request and claims its partition in ONE transaction
-- (the message row deleted, the lease row inserted), then beats the lease while the partition
-- runs; the manager reads the leases to tell a dead worker's partition (lease stale) from a live
-- one and hands it to another worker. Spring Batch's own tables (V2) stay the truth on what is done.
-- Valid on MySQL 8 and MariaDB 10.11 (SKIP LOCKED: MariaDB 10.6+); applied by the programs themselves (Flyway).

CREATE TABLE IF NOT EXISTS INT_CHANNEL_MESSAGE (
  MESSAGE_ID        CHAR(36)      NOT NULL,
  GROUP_KEY         CHAR(36)      NOT NULL,
  CREATED_DATE      BIGINT        NOT NULL,
  MESSAGE_PRIORITY  BIGINT,
  MESSAGE_SEQUENCE  BIGINT        NOT NULL AUTO_INCREMENT UNIQUE,
  MESSAGE_CONTENT   BLOB,
  REGION            VARCHAR(100)  NOT NULL,
  CONSTRAINT INT_CHANNEL_MESSAGE_PK PRIMARY KEY (REGION, GROUP_KEY, CREATED_DATE, MESSAGE_SEQUENCE),
  KEY INT_CHANNEL_MSG_DELETE_IDX (REGION, GROUP_KEY, MESSAGE_ID)
) ENGINE=InnoDB;

-- One row per partition (a BATCH_STEP_EXECUTION) a worker process took.
CREATE TABLE IF NOT EXISTS worker_partition_lease (
  step_execution_id  BIGINT        NOT NULL,
  job_execution_id   BIGINT        NOT NULL,
  step_name          VARCHAR(100)  NOT NULL,
  worker             VARCHAR(128)  NOT NULL,            -- pid@host of the process running it
  claimed_at         DATETIME(3)   NOT NULL,
  heartbeat_at       DATETIME(3)   NOT NULL,            -- refreshed every progress.interval while it runs
  finished_at        DATETIME(3)   NULL,                -- the worker returned from the step (any status)
  PRIMARY KEY (step_execution_id),
  KEY worker_partition_lease_job (job_execution_id)
) ENGINE=InnoDB;
