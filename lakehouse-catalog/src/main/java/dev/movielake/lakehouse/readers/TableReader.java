package dev.movielake.lakehouse.readers;

import java.time.Duration;
import java.time.Instant;

/**
 * One registered reader of a table and how far behind the table's current snapshot it is.
 *
 * @param name the reader's name, e.g. {@code stream.silver_movies}
 * @param snapshotId the oldest snapshot the reader still needs (its floor)
 * @param registeredAt when the reader last moved its floor; null when the property is missing
 * @param snapshotExists false when the floor snapshot was expired anyway (e.g. before the reader
 *     registered, or by another engine): expiry then ignores this reader, and the reader has lost
 *     what it needed
 * @param snapshotAt when the floor snapshot was committed; null when it no longer exists
 * @param snapshotsBehind snapshots committed after the floor on the current branch; null when the
 *     floor no longer exists
 * @param ageBehind the current snapshot's commit time minus the floor's; null when the floor no
 *     longer exists
 */
public record TableReader(
    String name,
    long snapshotId,
    Instant registeredAt,
    boolean snapshotExists,
    Instant snapshotAt,
    Long snapshotsBehind,
    Duration ageBehind) {}
