/**
 * The lakehouse as Iceberg's catalog sees it, without an engine: the configured catalog (JDBC, Hive
 * Metastore, REST or Hadoop) built from the same properties Spark registers, validated table names
 * per layer, and the errors users see. The API and the doctor read metadata through this module
 * alone, so they need no Spark.
 *
 * <p>The package is split over two modules on purpose, as Iceberg's api and core share {@code
 * org.apache.iceberg}: lakehouse-core holds its Spark half, the session with the Iceberg catalog
 * registered, that catalog as Spark sees it, the storage manager (the facade jobs and commands
 * write, read and evolve tables through), row filters and SQL literals that cannot escape their
 * expression, and scan metrics that prove pruning.
 */
package dev.movielake.lakehouse;
