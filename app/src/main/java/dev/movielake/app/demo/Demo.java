package dev.movielake.app.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;

import dev.movielake.config.IngestConfig;
import dev.movielake.config.Layer;
import dev.movielake.ingest.IngestionServices;
import dev.movielake.ingest.kafka.RecordPublisher;
import dev.movielake.ingest.run.BatchCheckpoint;
import dev.movielake.ingest.run.BatchIngestion;
import dev.movielake.ingest.run.IngestionProgress;
import dev.movielake.ingest.run.IngestionReport;
import dev.movielake.ingest.tmdb.TmdbCounters;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.MaintenanceManager;
import dev.movielake.lakehouse.maintenance.MaintenancePlan;
import dev.movielake.lakehouse.maintenance.MaintenanceProgress;
import dev.movielake.lakehouse.maintenance.MaintenanceRun;
import dev.movielake.lakehouse.table.ReadOptions;
import dev.movielake.lakehouse.table.SchemaChange;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.lakehouse.table.WriteOptions;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The end-to-end demo on the configured lakehouse: generated movie data into bronze in
 * micro-batches, cleaned into silver by upsert, aggregated into gold; then time travel, a schema
 * change and plan-driven maintenance, each shown with its effect.
 */
public final class Demo {
  /** Marks the tables the demo owns: only those are ever reset by a later demo run. */
  static final String OWNER_PROPERTY = "movielake.created-by";

  static final String OWNER = "demo";

  private static final Map<String, String> OWNED = Map.of(OWNER_PROPERTY, OWNER);
  private static final int STEPS = 9;

  /** What the demo did, for the summary and for tests. */
  public record Summary(
      IngestionReport ingestion,
      List<TableStatistics> tables,
      long correctedMovieId,
      double ratingBefore,
      double ratingAfter,
      long snapshotBeforeCorrection,
      List<String> columnsAdded,
      long smallFilesBefore,
      long smallFilesAfter,
      long filesBefore,
      long filesAfter,
      MaintenancePlan plan) {}

  private final IcebergStorageManager storage;
  private final SparkSession spark;
  private final DemoOptions options;
  private final PrintWriter out;
  private final IngestConfig ingest;
  private int step;
  private long stepStarted;

  /** @param ingest where ingestion reads and writes (by default the simulator and an embedded broker) */
  public Demo(IcebergStorageManager storage, DemoOptions options, IngestConfig ingest, PrintWriter out) {
    this.storage = storage;
    this.ingest = ingest;
    this.spark = storage.spark();
    this.options = options;
    this.out = out;
  }

  public Summary run() {
    begin("Resetting the demo's tables");
    resetOwnTables();
    end();

    begin("Ingest: TMDB -> Kafka (" + (ingest.tmdb().simulated() ? "built-in simulator" : ingest.tmdb().baseUrl().orElseThrow())
        + ", " + (ingest.kafka().embedded() ? "embedded broker" : ingest.kafka().bootstrapServers().orElseThrow()) + ")");
    IngestionReport ingestion = ingest();
    end(ingestion.movies() + " movies, " + ingestion.people() + " people, " + ingestion.records() + " records "
        + ingestion.recordsPerTopic() + " in " + ingestion.requests().requests() + " requests");

    begin("Generating " + options.movies() + " movies and " + options.people() + " people (seed " + options.seed() + ")");
    SampleMovieData.Data data = new SampleMovieData(options.seed(), Instant.now()).generate(options.movies(), options.people());
    end(data.credits().size() + " credits, " + data.reviews().size() + " reviews");

    begin("Bronze: " + options.batches() + " micro-batches per table, raw and replayable");
    writeBronze("movies_raw", data.movies(), SampleMovieData.MOVIE_SCHEMA, "days(ingestion_timestamp)");
    writeBronze("people_raw", data.people(), SampleMovieData.PERSON_SCHEMA, "days(ingestion_timestamp)");
    writeBronze("credits_raw", data.credits(), SampleMovieData.CREDIT_SCHEMA, "days(ingestion_timestamp)");
    writeBronze("reviews_raw", data.reviews(), SampleMovieData.REVIEW_SCHEMA, "days(ingestion_timestamp)");
    end();

    begin("Silver: cleaning and upserting by natural key");
    storage.writeToSilver(
        SampleTransformations.cleanMovies(storage.readFromLayer(Layer.BRONZE, "movies_raw")), "movies_clean",
        WriteOptions.upsert("movie_id").latestBy("ingestion_timestamp")
            .partitionedBy("years(release_date)").withTableProperties(OWNED));
    storage.writeToSilver(
        SampleTransformations.cleanReviews(storage.readFromLayer(Layer.BRONZE, "reviews_raw")), "reviews_clean",
        WriteOptions.upsert("review_id").latestBy("ingestion_timestamp")
            .partitionedBy("years(review_date)").withTableProperties(OWNED));
    end();

    begin("Gold: movies by year and genre, summary by year and language");
    Dataset<Row> silverMovies = storage.readFromLayer(Layer.SILVER, "movies_clean");
    storage.writeToGold(SampleTransformations.moviesByYearGenre(silverMovies), "movies_by_year_genre",
        WriteOptions.overwrite().partitionedBy("truncate(10, year)").withTableProperties(OWNED));
    storage.writeToGold(SampleTransformations.movieSummaryByYearLanguage(silverMovies), "movie_summary_by_year_language",
        WriteOptions.overwrite().partitionedBy("truncate(10, release_year)").withTableProperties(OWNED));
    end();

    begin("Time travel: a correction batch re-rates movies, the old ratings stay readable");
    long before = storage.loadTable(Layer.SILVER, "movies_clean").currentSnapshot().snapshotId();
    long corrected = 7;
    Dataset<Row> corrections = silverMovies.where(col("movie_id").mod(20).equalTo(7))
        .withColumn("vote_average", least(round(col("vote_average").plus(1.5), 3), lit(10.0)))
        .withColumn("ingestion_timestamp", org.apache.spark.sql.functions.current_timestamp());
    storage.writeToSilver(corrections, "movies_clean", WriteOptions.upsert("movie_id").latestBy("ingestion_timestamp"));
    double ratingBefore = rating(ReadOptions.atSnapshot(before).where("movie_id = " + corrected));
    double ratingAfter = rating(ReadOptions.current().where("movie_id = " + corrected));
    end(String.format(Locale.ROOT, "movie %d: rating %.3f at snapshot %d, %.3f now", corrected, ratingBefore, before, ratingAfter));

    begin("Schema evolution: columns added without rewriting a file");
    List<String> added = List.of("trending_score", "ai_generated_summary");
    storage.evolveSchema(Layer.SILVER, "movies_clean", SchemaChange.builder()
        .addColumn("trending_score", "double", "popularity x rating / 10, filled by the streaming job")
        .addColumn("ai_generated_summary", "string", "reserved for generated summaries"));
    long oldRows = storage.readFromLayer(Layer.SILVER, "movies_clean", ReadOptions.atSnapshot(before)).count();
    end("old snapshot still reads " + oldRows + " rows with the old schema");

    begin("Maintenance: plan from metadata, then run only what it found");
    MaintenanceManager maintenance = new MaintenanceManager(storage);
    List<TableStatistics> statisticsBefore = storage.getAllTableStatistics();
    MaintenancePlan plan = maintenance.plan(Optional.empty());
    MaintenanceRun run = maintenance.runPlan(plan, MaintenanceProgress.NONE);
    if (!run.succeeded()) {
      throw new LakehouseException("maintenance failed on " + run.failedTables() + " table(s): "
          + run.tables().stream().filter(t -> !t.succeeded()).map(t -> t.table() + " " + t.errors()).toList());
    }
    List<TableStatistics> statisticsAfter = storage.getAllTableStatistics();
    long smallBefore = statisticsBefore.stream().mapToLong(TableStatistics::smallFileCount).sum();
    long smallAfter = statisticsAfter.stream().mapToLong(TableStatistics::smallFileCount).sum();
    long filesBefore = statisticsBefore.stream().mapToLong(TableStatistics::fileCount).sum();
    long filesAfter = statisticsAfter.stream().mapToLong(TableStatistics::fileCount).sum();
    end(plan.actionCount() + " planned action(s); data files " + filesBefore + " -> " + filesAfter);

    return new Summary(ingestion, statisticsAfter, corrected, ratingBefore, ratingAfter, before, added,
        smallBefore, smallAfter, filesBefore, filesAfter, plan);
  }

  /** A batch run from TMDB into Kafka; the streaming issue turns these topics into the bronze tables. */
  private IngestionReport ingest() {
    try (IngestionServices services = IngestionServices.start(ingest);
        RecordPublisher publisher = services.publisher()) {
      BatchIngestion batch = new BatchIngestion(services.client(new TmdbCounters()), publisher, ingest.kafka(),
          services.tmdb().concurrency(), IngestionProgress.NONE);
      // Every demo ingests the whole first page of each list: an earlier demo's checkpoint is closed.
      java.nio.file.Path checkpoint = ingest.state().resolve("demo");
      BatchCheckpoint.openOrStart(checkpoint).complete();
      return batch.run(1, BatchCheckpoint.openOrStart(checkpoint));
    }
  }

  private double rating(ReadOptions options) {
    List<Row> rows = storage.readFromLayer(Layer.SILVER, "movies_clean", options).select("vote_average").collectAsList();
    return rows.isEmpty() ? Double.NaN : rows.get(0).getDouble(0);
  }

  /** Bronze is partitioned by ingestion day, so retention and replay work on whole partitions. */
  private void writeBronze(String table, List<Row> rows, StructType schema, String partitioning) {
    int batchSize = (rows.size() + options.batches() - 1) / options.batches();
    for (int start = 0; start < rows.size(); start += batchSize) {
      List<Row> batch = rows.subList(start, Math.min(rows.size(), start + batchSize));
      storage.writeToBronze(SampleMovieData.frame(spark, batch, schema), table,
          WriteOptions.append().partitionedBy(partitioning).withTableProperties(OWNED));
    }
  }

  /** Drops the tables an earlier demo made, and refuses to touch any table it did not make. */
  private void resetOwnTables() {
    List<TableName> demoTables = new ArrayList<>();
    for (TableName table : storage.getAllTables()) {
      Table iceberg = storage.catalog().load(table);
      if (OWNER.equals(iceberg.properties().get(OWNER_PROPERTY))) {
        demoTables.add(table);
      }
    }
    for (String name : List.of("movies_raw", "people_raw", "credits_raw", "reviews_raw")) {
      refuseForeign(Layer.BRONZE, name, demoTables);
    }
    for (String name : List.of("movies_clean", "reviews_clean")) {
      refuseForeign(Layer.SILVER, name, demoTables);
    }
    for (String name : List.of("movies_by_year_genre", "movie_summary_by_year_language")) {
      refuseForeign(Layer.GOLD, name, demoTables);
    }
    for (TableName table : demoTables) {
      storage.dropTable(table.layer(), table.table(), true);
    }
  }

  private void refuseForeign(Layer layer, String table, List<TableName> demoTables) {
    TableName name = storage.table(layer, table);
    if (storage.catalog().exists(name) && !demoTables.contains(name)) {
      throw new LakehouseException(
          "the demo writes " + name + ", which exists and was not made by the demo; run the demo on "
              + "another lakehouse (LAKEHOUSE_HOME=/tmp/demo ./pipeline demo) or other databases "
              + "(ICEBERG_BRONZE_DATABASE, ICEBERG_SILVER_DATABASE, ICEBERG_GOLD_DATABASE)");
    }
  }

  private void begin(String title) {
    step++;
    stepStarted = System.nanoTime();
    out.printf(Locale.ROOT, "[%d/%d] %s ...%n", step, STEPS, title);
    out.flush();
  }

  private void end() {
    end(null);
  }

  private void end(String detail) {
    double seconds = (System.nanoTime() - stepStarted) / 1e9;
    out.printf(Locale.ROOT, "      done in %.1f s%s%n", seconds, detail == null ? "" : ": " + detail);
    out.flush();
  }
}
