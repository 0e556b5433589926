/**
 * Publishing: silver and gold Iceberg tables into the MongoDB serving collections the contract
 * names, as idempotent bulk upserts keyed by natural key. Each collection remembers the snapshot it
 * was last published from (collection {@code publish_state}), so a run sends only the rows of data
 * files added since then and a publish that failed halfway is completed by the next; a rollback or
 * an expired snapshot makes it publish in full. Also the collections' indexes, Spark rows as BSON
 * documents, and the periodic publisher the streaming command runs.
 *
 * <p>Reads the tables with Spark; the database is the caller's (ops wiring chooses it), so nothing
 * here starts MongoDB. The API reads what this writes and does not depend on it.
 */
package dev.movielake.publish;
