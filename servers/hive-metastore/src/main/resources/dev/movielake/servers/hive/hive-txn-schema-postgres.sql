-- Hive 2.3's transaction and lock tables for PostgreSQL (the tables of Hive's
-- hive-txn-schema-2.3.0.postgres.sql), written so that applying them again changes nothing.
-- Names are unquoted, so PostgreSQL folds them to lower case, as TxnHandler's unquoted SQL expects.
-- Comment lines only; no semicolon inside a statement (the loader splits on it).

-- Open transactions and what they touch.
CREATE TABLE IF NOT EXISTS txns (
  txn_id bigint PRIMARY KEY,
  txn_state char(1) NOT NULL,
  txn_started bigint NOT NULL,
  txn_last_heartbeat bigint NOT NULL,
  txn_user varchar(128) NOT NULL,
  txn_host varchar(128) NOT NULL,
  txn_agent_info varchar(128),
  txn_meta_info varchar(128),
  txn_heartbeat_count integer
);

CREATE TABLE IF NOT EXISTS txn_components (
  tc_txnid bigint REFERENCES txns (txn_id),
  tc_database varchar(128) NOT NULL,
  tc_table varchar(128),
  tc_partition varchar(767) DEFAULT NULL,
  tc_operation_type char(1) NOT NULL
);
CREATE INDEX IF NOT EXISTS tc_txnid_index ON txn_components USING hash (tc_txnid);

CREATE TABLE IF NOT EXISTS completed_txn_components (
  ctc_txnid bigint,
  ctc_database varchar(128) NOT NULL,
  ctc_table varchar(256),
  ctc_partition varchar(767)
);

CREATE TABLE IF NOT EXISTS next_txn_id (
  ntxn_next bigint NOT NULL
);
INSERT INTO next_txn_id SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM next_txn_id);

-- Locks: Iceberg's HiveCatalog takes an exclusive table lock around each commit.
CREATE TABLE IF NOT EXISTS hive_locks (
  hl_lock_ext_id bigint NOT NULL,
  hl_lock_int_id bigint NOT NULL,
  hl_txnid bigint,
  hl_db varchar(128) NOT NULL,
  hl_table varchar(128),
  hl_partition varchar(767) DEFAULT NULL,
  hl_lock_state char(1) NOT NULL,
  hl_lock_type char(1) NOT NULL,
  hl_last_heartbeat bigint NOT NULL,
  hl_acquired_at bigint,
  hl_user varchar(128) NOT NULL,
  hl_host varchar(128) NOT NULL,
  hl_heartbeat_count integer,
  hl_agent_info varchar(128),
  hl_blockedby_ext_id bigint,
  hl_blockedby_int_id bigint,
  PRIMARY KEY (hl_lock_ext_id, hl_lock_int_id)
);
CREATE INDEX IF NOT EXISTS hl_txnid_index ON hive_locks USING hash (hl_txnid);

CREATE TABLE IF NOT EXISTS next_lock_id (
  nl_next bigint NOT NULL
);
INSERT INTO next_lock_id SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM next_lock_id);

-- Compaction bookkeeping (Hive ACID tables; unused by Iceberg but part of the same schema).
CREATE TABLE IF NOT EXISTS compaction_queue (
  cq_id bigint PRIMARY KEY,
  cq_database varchar(128) NOT NULL,
  cq_table varchar(128) NOT NULL,
  cq_partition varchar(767),
  cq_state char(1) NOT NULL,
  cq_type char(1) NOT NULL,
  cq_tblproperties varchar(2048),
  cq_worker_id varchar(128),
  cq_start bigint,
  cq_run_as varchar(128),
  cq_highest_txn_id bigint,
  cq_meta_info bytea,
  cq_hadoop_job_id varchar(32)
);

CREATE TABLE IF NOT EXISTS next_compaction_queue_id (
  ncq_next bigint NOT NULL
);
INSERT INTO next_compaction_queue_id SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM next_compaction_queue_id);

CREATE TABLE IF NOT EXISTS completed_compactions (
  cc_id bigint PRIMARY KEY,
  cc_database varchar(128) NOT NULL,
  cc_table varchar(128) NOT NULL,
  cc_partition varchar(767),
  cc_state char(1) NOT NULL,
  cc_type char(1) NOT NULL,
  cc_tblproperties varchar(2048),
  cc_worker_id varchar(128),
  cc_start bigint,
  cc_end bigint,
  cc_run_as varchar(128),
  cc_highest_txn_id bigint,
  cc_meta_info bytea,
  cc_hadoop_job_id varchar(32)
);

-- Mutexes between metastore instances, and the write sets of committed transactions.
CREATE TABLE IF NOT EXISTS aux_table (
  mt_key1 varchar(128) NOT NULL,
  mt_key2 bigint NOT NULL,
  mt_comment varchar(255),
  PRIMARY KEY (mt_key1, mt_key2)
);

CREATE TABLE IF NOT EXISTS write_set (
  ws_database varchar(128) NOT NULL,
  ws_table varchar(128) NOT NULL,
  ws_partition varchar(767),
  ws_txnid bigint NOT NULL,
  ws_commit_id bigint NOT NULL,
  ws_operation_type char(1) NOT NULL
);
