package dev.movielake.lakehouse.catalogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.infra.postgres.PostgresServer;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.maintenance.CompactTable;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.model.Layer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Iceberg's JDBC catalog on a real PostgreSQL server, with a user and password; and many writers on
 * one table there, where users of Iceberg meet {@code CommitFailedException}.
 */
class JdbcPostgresCatalogTest extends CatalogContract {
  @TempDir static Path folder;
  private static PostgresServer postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = PostgresServer.start(folder.resolve("postgres"), 0);
    postgres.createDatabase("iceberg_catalog");
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  protected Map<String, String> catalogVariables() {
    return Map.of(
        "ICEBERG_CATALOG_TYPE", "jdbc",
        "ICEBERG_CATALOG_NAME", "pg_catalog",
        "ICEBERG_JDBC_URI", postgres.jdbcUrl("iceberg_catalog"),
        "ICEBERG_JDBC_USER", postgres.user(),
        "ICEBERG_JDBC_PASSWORD", postgres.password(),
        "ICEBERG_WAREHOUSE_PATH", folder.resolve("warehouse").toString());
  }

  /**
   * Two appenders, two upserters, a partition overwriter and a compaction at once on one table,
   * three rounds each: the upserts collide with the others' commits and are planned again, so every
   * row lands once.
   */
  @Test
  void concurrentAppendsUpsertsOverwritesAndCompactionLoseAndDoubleNothing() throws Exception {
    IcebergStorageManager storage = storage();
    SparkSession spark = storage.spark();
    storage.writeToLayer(
        Layer.SILVER,
        "contended",
        MovieRows.range(spark, 900_000, 1, 1990, 1),
        WriteOptions.append().partitionedBy("years(release_date)"));
    int rounds = 3;
    List<Callable<Integer>> writers = new ArrayList<>();
    for (int appender = 0; appender < 2; appender++) {
      long base = 100_000L * (appender + 1);
      writers.add(
          () -> {
            int retries = 0;
            for (int round = 0; round < rounds; round++) {
              retries +=
                  storage
                      .writeToLayer(
                          Layer.SILVER,
                          "contended",
                          MovieRows.range(spark, base + round * 50L, 50, 2001, 2),
                          WriteOptions.append())
                      .commitRetries();
            }
            return retries;
          });
    }
    for (int upserter = 0; upserter < 2; upserter++) {
      long base = 500_000L + 100_000L * upserter;
      writers.add(
          () -> {
            int retries = 0;
            for (int round = 1; round <= rounds; round++) {
              // Each round updates the keys of the rounds before (updated_at = round) and adds 25.
              retries +=
                  storage
                      .writeToLayer(
                          Layer.SILVER,
                          "contended",
                          MovieRows.range(spark, base, 25 * round, 2003, 2)
                              .withColumn("updated_at", functions.lit((long) round)),
                          WriteOptions.upsert("movie_id").latestBy("updated_at"))
                      .commitRetries();
            }
            return retries;
          });
    }
    writers.add(
        () -> {
          int retries = 0;
          for (int round = 1; round <= rounds; round++) {
            retries +=
                storage
                    .writeToLayer(
                        Layer.SILVER,
                        "contended",
                        MovieRows.range(spark, 900_000 + round * 100L, 20, 1990, 1),
                        WriteOptions.overwrite())
                    .commitRetries();
          }
          return retries;
        });
    writers.add(
        () -> {
          for (int round = 0; round < rounds; round++) {
            new CompactTable(storage.catalog(), storage.table(Layer.SILVER, "contended"))
                .minInputFiles(2)
                .execute();
          }
          return 0;
        });

    ExecutorService pool = Executors.newFixedThreadPool(writers.size());
    int retries = 0;
    try {
      for (Future<Integer> writer : pool.invokeAll(writers)) {
        retries += writer.get(); // a writer that gave up fails the test here, with its error
      }
    } finally {
      pool.shutdownNow();
    }

    Dataset<Row> table = storage.readFromLayer(Layer.SILVER, "contended");
    assertThat(table.count()).isEqualTo(2 * 3 * 50 + 2 * 75 + 20);
    assertThat(table.select("movie_id").distinct().count()).isEqualTo(table.count());
    assertThat(table.where("movie_id >= 500000 AND movie_id < 900000 AND updated_at <> 3").count())
        .isZero();
    assertThat(table.where("movie_id >= 900000").agg(functions.min("movie_id")).first().getLong(0))
        .isEqualTo(900_300L);
    assertThat(storage.commitRetries().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(retries);
  }
}
