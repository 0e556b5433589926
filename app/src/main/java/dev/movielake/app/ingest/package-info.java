/**
 * {@code pipeline ingest batch|continuous|incremental} and {@code pipeline tmdb-sim}: the runs of
 * module ingest against the TMDB and Kafka that ops wiring chooses (the configured ones, else the
 * simulator and the embedded broker), with progress bars on stderr, and a Ctrl-C that lets a run
 * deliver what it fetched before the JVM exits. The runs, their checkpoint and cursor are in
 * ingest; the simulator is module tmdb-simulator.
 */
package dev.movielake.app.ingest;
