/**
 * A table's change feed: between two snapshots, or since a reader's watermark, the rows inserted,
 * updated (before and after images) and deleted, by the table's key. Iceberg computes it ({@code
 * create_changelog_view} with net changes); compaction ({@code replace}) snapshots change no row
 * and contribute nothing. What a change feed cannot read (an expired snapshot, a range across a
 * rollback, a merge-on-read commit) is refused with the reason, so a reader knows to fall back to a
 * full read.
 */
package dev.movielake.lakehouse.change;
