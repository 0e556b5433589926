/**
 * Spark outside the pipeline's JVM: a local standalone cluster (a master and a worker, each a JVM
 * of its own) that jobs are submitted to as on a real cluster, and the package-time split of the
 * library folder into the jars a Spark distribution already has and those {@code spark-submit} must
 * ship with {@code --jars}, so executors never get two copies of Spark.
 */
package dev.movielake.infra.spark;
