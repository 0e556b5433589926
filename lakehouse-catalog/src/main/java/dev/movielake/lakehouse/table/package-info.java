/**
 * A lakehouse table's shape, contents and changes, split over two modules on purpose, as Iceberg's
 * api and core share {@code org.apache.iceberg}. In lakehouse-catalog, engine-neutral: partitioning
 * as Iceberg transforms ({@code PartitionTransform}, {@code Partitioning}), the live data files per
 * partition read from manifests ({@code TableFiles}), statistics from the snapshot summary and
 * manifests ({@code TableStatistics}, {@code TableStatisticsReader}) and the health score computed
 * from them ({@code TableHealth}), which the API, the doctor and the maintenance planner read
 * without Spark.
 *
 * <p>In lakehouse-core, on Spark: writes into a layer (append, dynamic partition overwrite, upsert
 * by key with the latest version winning) with their options and committed result, what to read
 * (snapshot, time, branch or tag, and a row filter), schema and partition changes as one
 * metadata-only commit each, and rollback, tags and branches.
 */
package dev.movielake.lakehouse.table;
