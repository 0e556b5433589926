package dev.movielake.lakehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.lakehouse.table.ReadOptions;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class PruningStatisticsAndConcurrencyTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("prune");

  @Test
  void aFilterOnTheSourceColumnPrunesFilesByTheHiddenPartition() {
    // 20 years, one file per year per write; the query never mentions a partition column.
    storage.writeToSilver(
        MovieRows.range(spark, 0, 2000, 2000, 20).repartition(1),
        "movies",
        WriteOptions.append().partitionedBy("years(release_date)"));
    long files = storage.getTableStatistics(Layer.SILVER, "movies").files().fileCount();
    assertThat(files).isEqualTo(20);

    ScanMetrics.Measurement filtered =
        ScanMetrics.collect(
            storage
                .readFromLayer(
                    Layer.SILVER,
                    "movies",
                    ReadOptions.current()
                        .where("release_date BETWEEN '2004-01-01' AND '2004-12-31'"))
                .agg(sum(col("revenue"))));
    ScanMetrics.Measurement full =
        ScanMetrics.collect(storage.readFromLayer(Layer.SILVER, "movies").agg(sum(col("revenue"))));

    assertThat(filtered.filesScanned()).isEqualTo(1);
    assertThat(full.filesScanned()).isEqualTo(20);
    long expected = 0;
    for (long id = 4; id < 2000; id += 20) {
      expected += id * 1000;
    }
    assertThat(filtered.rows().get(0).getLong(0)).isEqualTo(expected);
  }

  @Test
  void statisticsFromMetadataEqualARealCount() {
    for (int batch = 0; batch < 3; batch++) {
      storage.writeToBronze(
          MovieRows.range(spark, batch * 1000L, 1000, 1990, 10),
          "movies_raw",
          WriteOptions.append().partitionedBy("years(release_date)"));
    }
    TableStatistics stats = storage.getTableStatistics(Layer.BRONZE, "movies_raw");
    List<Row> files =
        storage
            .getTableFiles(Layer.BRONZE, "movies_raw")
            .select("file_size_in_bytes")
            .collectAsList();

    assertThat(stats.records().recordCount())
        .isEqualTo(storage.readFromLayer(Layer.BRONZE, "movies_raw").count())
        .isEqualTo(3000);
    assertThat(stats.files().fileCount()).isEqualTo(files.size());
    assertThat(stats.files().totalSizeBytes())
        .isEqualTo(files.stream().mapToLong(row -> row.getLong(0)).sum());
    assertThat(stats.files().minFileSizeBytes())
        .isEqualTo(files.stream().mapToLong(row -> row.getLong(0)).min().orElseThrow());
    assertThat(stats.files().maxFileSizeBytes())
        .isEqualTo(files.stream().mapToLong(row -> row.getLong(0)).max().orElseThrow());
    assertThat(stats.snapshots().snapshotCount()).isEqualTo(3);
    assertThat(stats.files().partitionCount()).isEqualTo(10);
    assertThat(stats.files().smallFileCount())
        .isEqualTo(stats.files().fileCount()); // all far under 96 MB
    assertThat(stats.formatVersion()).isEqualTo(2);
    assertThat(stats.current().lastCommitTime()).isPresent();
    assertThat(storage.getAllTableStatistics())
        .extracting(TableStatistics::table)
        .contains(stats.table());
    assertThat(storage.listTables(Layer.BRONZE))
        .extracting(TableName::table)
        .containsExactly("movies_raw");
  }

  @Test
  void recordCountSubtractsRowsRemovedByMergeOnReadDeletes() {
    storage.writeToBronze(
        MovieRows.range(spark, 0, 100, 2000, 5),
        "upserted",
        WriteOptions.upsert("movie_id").partitionedBy("years(release_date)"));
    // Bronze is merge-on-read (silver and gold are copy-on-write for their change feeds).
    // Updates 20 rows and inserts 10: merge-on-read writes position deletes for the 20 old rows.
    storage.writeToBronze(
        MovieRows.range(spark, 80, 30, 2000, 5), "upserted", WriteOptions.upsert("movie_id"));

    TableStatistics stats = storage.getTableStatistics(Layer.BRONZE, "upserted");
    assertThat(stats.deletes().positionDeleteCount()).isEqualTo(20);
    assertThat(stats.records().dataFileRecordCount()).isEqualTo(130);
    assertThat(stats.records().recordCount())
        .isEqualTo(storage.readFromLayer(Layer.BRONZE, "upserted").count())
        .isEqualTo(110);
    assertThat(stats.records().recordCountExact()).isTrue();
    assertThat(stats.deletes().deleteFileCount()).isPositive();
  }

  @Test
  void fourConcurrentWritersLoseNoRow() throws Exception {
    storage.writeToSilver(
        MovieRows.range(spark, 0, 1, 2000, 1), "concurrent", WriteOptions.append());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int writer = 0; writer < 4; writer++) {
        long first = 1000L * (writer + 1);
        writes.add(
            pool.submit(
                () -> {
                  for (int batch = 0; batch < 3; batch++) {
                    storage.writeToSilver(
                        MovieRows.range(spark, first + batch * 100L, 100, 2000, 5),
                        "concurrent",
                        WriteOptions.append());
                  }
                }));
      }
      for (Future<?> write : writes) {
        write.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(storage.readFromLayer(Layer.SILVER, "concurrent").count())
        .isEqualTo(1 + 4 * 3 * 100);
    assertThat(
            storage.readFromLayer(Layer.SILVER, "concurrent").select("movie_id").distinct().count())
        .isEqualTo(1 + 4 * 3 * 100);
    assertThat(storage.getTableStatistics(Layer.SILVER, "concurrent").snapshots().snapshotCount())
        .isEqualTo(13);
  }
}
