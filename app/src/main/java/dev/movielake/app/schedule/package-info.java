/**
 * {@code pipeline schedule} with {@code list}, {@code history} and {@code run}: the scheduler of
 * {@code dev.movielake.ops.schedule} started, its jobs, next runs and history printed, and a job
 * run by hand. Cron, locks, retries and the run history are there; this package only chooses and
 * prints.
 */
package dev.movielake.app.schedule;
