package dev.movielake.stream.gold;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.model.expectation.TableExpectations;
import dev.movielake.stream.CheckpointFolder;
import dev.movielake.stream.StreamIdentity;
import dev.movielake.stream.bronze.BronzeTable;
import dev.movielake.stream.silver.clean.MovieCleaner;
import dev.movielake.stream.silver.clean.ReviewCleaner;
import dev.movielake.stream.silver.quality.QualityCheck;
import dev.movielake.stream.silver.sentiment.SentimentColumns;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The two gold tables built on event time with sliding windows, as streaming aggregations over the
 * bronze observations, cleaned as silver cleans them and held to silver's dropping expectations
 * (every observation counts, not only the latest version of a record):
 *
 * <ul>
 *   <li>{@code gold.trending_movies}: one-hour windows every 15 minutes per movie: max popularity,
 *       average rating, max vote count, {@code trend_score = max_popularity * avg_rating / 10}.
 *   <li>{@code gold.sentiment_trends}: two-hour windows every 30 minutes per movie: review count,
 *       average sentiment, positive and negative counts, {@code positive / (positive + negative)}.
 * </ul>
 *
 * <p>Event time is when TMDB was observed ({@code ingestion_timestamp}, stamped by the producer). A
 * 10-minute watermark bounds the state; observations later than that are dropped by Spark. Each
 * micro-batch emits the windows it changed (update mode) and MERGEs them by window and movie, so a
 * replayed batch writes the same values again.
 */
public final class WindowedTrends {
  public static final String WATERMARK = "10 minutes";

  private final IcebergStorageManager storage;

  public WindowedTrends(IcebergStorageManager storage) {
    this.storage = storage;
  }

  public StreamingQuery startTrending(CheckpointFolder checkpoint, Trigger trigger) {
    // The silver cleaning and dropping expectations, without the per-batch dedup: every observation
    // counts.
    Dataset<Row> observations =
        new MovieCleaner()
            .observations(bronze(RecordType.MOVIES))
            .where(droppingExpectations(RecordType.MOVIES));
    Dataset<Row> windows =
        observations
            .withWatermark("observed_at", WATERMARK)
            .groupBy(window(col("observed_at"), "1 hour", "15 minutes"), col("movie_id"))
            .agg(
                max_by(col("title"), col("observed_at")).as("title"),
                max("popularity").as("max_popularity"),
                avg("vote_average").as("avg_rating"),
                max("vote_count").as("vote_count"),
                max("release_year").as("release_year"),
                count(lit(1)).as("observations"))
            .select(
                col("window.start").as("window_start"),
                col("window.end").as("window_end"),
                col("movie_id"),
                col("title"),
                col("release_year"),
                col("max_popularity"),
                col("avg_rating"),
                col("vote_count"),
                col("observations"),
                col("max_popularity").multiply(col("avg_rating")).divide(10.0).as("trend_score"));
    return start(windows, PipelineTable.TRENDING_MOVIES, "gold_trending", checkpoint, trigger);
  }

  public StreamingQuery startSentiment(CheckpointFolder checkpoint, Trigger trigger) {
    Dataset<Row> reviews =
        SentimentColumns.withSentiment(
            new ReviewCleaner()
                .observations(bronze(RecordType.REVIEWS))
                .where(droppingExpectations(RecordType.REVIEWS)),
            "content");
    Column label = col("sentiment_label");
    Dataset<Row> windows =
        reviews
            .withWatermark("observed_at", WATERMARK)
            .groupBy(window(col("observed_at"), "2 hours", "30 minutes"), col("movie_id"))
            .agg(
                count(lit(1)).as("review_count"),
                avg("sentiment_score").as("avg_sentiment"),
                sum(when(label.equalTo("positive"), 1).otherwise(0)).as("positive_count"),
                sum(when(label.equalTo("negative"), 1).otherwise(0)).as("negative_count"))
            .select(
                col("window.start").as("window_start"),
                col("window.end").as("window_end"),
                col("movie_id"),
                col("review_count"),
                col("avg_sentiment"),
                col("positive_count"),
                col("negative_count"),
                when(
                        col("positive_count").plus(col("negative_count")).gt(0),
                        col("positive_count")
                            .divide(col("positive_count").plus(col("negative_count"))))
                    .as("sentiment_ratio"));
    return start(windows, PipelineTable.SENTIMENT_TRENDS, "gold_sentiment", checkpoint, trigger);
  }

  private Dataset<Row> bronze(RecordType type) {
    return BronzeTable.readStream(storage, type, Optional.empty());
  }

  private static Column droppingExpectations(RecordType type) {
    return new QualityCheck(
            TableExpectations.of(type.requireSilverTable(), LocalDate.now(ZoneOffset.UTC)))
        .passesDroppingExpectations();
  }

  private StreamingQuery start(
      Dataset<Row> windows,
      PipelineTable table,
      String name,
      CheckpointFolder checkpoint,
      Trigger trigger) {
    try {
      return windows
          .writeStream()
          .queryName(name)
          .outputMode(OutputMode.Update())
          .option("checkpointLocation", checkpoint.toString())
          .trigger(trigger)
          .foreachBatch(new WindowWriter(storage, table, StreamIdentity.of(checkpoint)))
          .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the gold stream " + name + " did not start: " + e.getMessage(), e);
    }
  }

  /** MERGEs the windows a batch changed; the aggregate already holds the whole window's value. */
  private static final class WindowWriter implements VoidFunction2<Dataset<Row>, Long> {
    private final transient IcebergStorageManager storage;
    private final PipelineTable table;
    private final String streamId;

    WindowWriter(IcebergStorageManager storage, PipelineTable table, String streamId) {
      this.storage = storage;
      this.table = table;
      this.streamId = streamId;
    }

    @Override
    public void call(Dataset<Row> windows, Long batchId) {
      if (windows.isEmpty()) {
        return;
      }
      storage.writeToGold(
          windows,
          table.tableName(),
          WriteOptions.upsert(table.key().toArray(String[]::new))
              .partitionedBy(Partitioning.of(table.partitioning()))
              .withCommitProperties(Map.of("movielake.gold.batch", streamId + "/" + batchId)));
    }
  }
}
