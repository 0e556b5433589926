/**
 * The lakehouse as Iceberg's catalog sees it, without an engine: the configured catalog (JDBC,
 * Hive Metastore, REST or Hadoop) built from the same properties Spark registers, validated table
 * names per layer, and the errors users see. The Spark side (sessions, writes, maintenance) is in
 * lakehouse-core under the same package; the API and the doctor read metadata through this module
 * alone, so they need no Spark.
 */
package dev.movielake.lakehouse;
