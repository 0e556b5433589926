package dev.movielake.lakehouse;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * The fair scheduler pools of the driver (defined in {@code fairscheduler.xml}): the jobs a thread
 * submits go to its pool, and threads it starts afterwards (a streaming query's) inherit it.
 */
public enum SchedulerPool {
  /** Streaming queries: each query's micro-batches share the pool fairly. */
  STREAMING("streaming"),
  /** The maintenance service: half the share of the stream and of everything else. */
  MAINTENANCE("maintenance");

  private static final String PROPERTY = "spark.scheduler.pool";

  private final String poolName;

  SchedulerPool(String poolName) {
    this.poolName = poolName;
  }

  /** Puts this thread's later jobs (and the threads it starts) in the pool. */
  public void enter(SparkSession spark) {
    spark.sparkContext().setLocalProperty(PROPERTY, poolName);
  }

  /** Runs the work with this thread in the pool, then puts it back where it was. */
  public <T> T run(SparkSession spark, Supplier<T> work) {
    String previous = spark.sparkContext().getLocalProperty(PROPERTY);
    enter(spark);
    try {
      return work.get();
    } finally {
      spark.sparkContext().setLocalProperty(PROPERTY, previous);
    }
  }
}
