/**
 * Table maintenance through Iceberg's stored procedures: compaction (leaving out the partitions the
 * stream is writing), manifest rewrite, snapshot expiry by the layer's retention but never past a
 * registered reader's floor ({@code ReaderHold}, from {@code lakehouse.readers}), orphan removal
 * guarded against in-flight writes and shared locations ({@code OrphanFileScan}), at once ({@code
 * RemoveOrphanFiles}) or in two phases: unreferenced files marked in a marks table the caller names
 * ({@code MarkOrphanFiles}, {@code OrphanMarks}), deleted after the grace if still unreferenced
 * ({@code DeleteMarkedOrphanFiles}), each phase due on its own schedule ({@code OrphanSchedule}).
 * The planner decides from metadata alone what each table needs; the manager runs a plan or
 * everything, in the order compaction, manifests, expiry, orphans (the tables' locations read once
 * per run), recording a table's failure and going on; the report gives the state per table and in
 * total, and each table's readers. Actions take the catalog and a table name, not the storage
 * manager.
 */
package dev.movielake.lakehouse.maintenance;
