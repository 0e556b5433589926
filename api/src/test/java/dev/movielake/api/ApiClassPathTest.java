package dev.movielake.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The API runs without Spark: its class path, tests included, holds neither spark-sql nor the
 * modules built on it. A dependency that brought them back would fail here before it reached a
 * deployment.
 */
class ApiClassPathTest {
  @Test
  void holdsNoSparkAndNoStreamingOrPublishingCode() {
    for (String name :
        new String[] {
          "org.apache.spark.sql.SparkSession",
          "dev.movielake.lakehouse.IcebergStorageManager",
          "dev.movielake.stream.StreamingPipeline",
          "dev.movielake.publish.Publisher"
        }) {
      assertThatThrownBy(() -> Class.forName(name, false, getClass().getClassLoader()))
          .as(name)
          .isInstanceOf(ClassNotFoundException.class);
    }
  }
}
