/**
 * The built-in scheduler: jobs (ingestion, processing, quality, maintenance) on cron schedules,
 * each run as pipeline commands in JVMs of their own with retries and a time limit, a lock per job
 * across processes, and the run history in {@code LAKEHOUSE_HOME/schedule}. The {@code schedule}
 * command prints and starts it.
 */
package dev.movielake.ops.schedule;
