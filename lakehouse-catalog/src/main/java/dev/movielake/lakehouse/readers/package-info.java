/**
 * Who reads a table, kept in the table itself: each reader (a stream's checkpoint, gold's source
 * snapshots, the publisher's watermark) registers the oldest snapshot it still needs as a table
 * property ({@code movielake.reader.<name>.snapshot}), so every engine and every process sees it.
 * Expiry keeps that snapshot and every one after it (a retained floor: a stream or change reader
 * walks each snapshot after its floor, which a single tag would not keep); the maintenance report
 * shows how far behind each reader is. Engine-neutral: the API and the planner read it without
 * Spark.
 */
package dev.movielake.lakehouse.readers;
