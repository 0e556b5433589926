package dev.movielake.app.demo;

import com.mongodb.client.MongoDatabase;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.QualityConfig;
import dev.movielake.ingest.kafka.RecordPublisher;
import dev.movielake.ingest.run.BatchCheckpoint;
import dev.movielake.ingest.run.BatchIngestion;
import dev.movielake.ingest.run.IncrementalIngestion;
import dev.movielake.ingest.run.IngestionProgress;
import dev.movielake.ingest.run.IngestionReport;
import dev.movielake.ingest.run.SyncCursor;
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
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.ops.wiring.IngestionServices;
import dev.movielake.publish.Publisher;
import dev.movielake.stream.StreamingPipeline;
import dev.movielake.stream.gold.GoldRefresh;
import dev.movielake.stream.quality.QualityMonitor;
import dev.movielake.stream.quality.QualityReport;
import dev.movielake.stream.silver.quality.QualityLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQueryException;

/**
 * The end-to-end demo on the configured lakehouse, through the real pipeline: TMDB (by default the
 * built-in simulator) into Kafka, Kafka into bronze, bronze into silver, silver into gold; then a
 * schema change, a second run after TMDB changed some movies (shown with time travel), and
 * plan-driven maintenance. It shares checkpoints with {@code pipeline stream}, so a second demo
 * continues where the first stopped, as an hourly run would.
 */
public final class Demo {
  /** Marked the tables of the demo before it ran the real pipeline; such tables are dropped. */
  static final String OWNER_PROPERTY = "movielake.created-by";

  static final String OWNER = "demo";

  private static final int STEPS = 10;

  /** Micro-batches the first run is split into, as a stream running for a while would make them. */
  static final int BATCHES = 4;

  private static final Set<RecordType> TYPES = EnumSet.allOf(RecordType.class);
  static final List<String> SEED_COLUMNS = List.of("trending_score", "ai_generated_summary");

  /** What the demo did, for the summary and for tests. */
  public record Summary(
      IngestionReport ingestion,
      IngestionReport changes,
      List<TableStatistics> tables,
      long deadLetters,
      long quarantined,
      Map<String, Double> qualityScores,
      List<String> topTrending,
      long changedMovieId,
      double popularityBefore,
      double popularityAfter,
      long snapshotBeforeChange,
      List<String> columnsAdded,
      long smallFilesBefore,
      long smallFilesAfter,
      long filesBefore,
      long filesAfter,
      MaintenancePlan plan,
      Publisher.Result published,
      Publisher.Result republished,
      QualityReport quality) {}

  private final IcebergStorageManager storage;
  private final DemoOptions options;
  private final PrintWriter out;
  private final IngestConfig ingest;
  private final Publisher publisher;
  private final QualityConfig quality;
  private int step;
  private long stepStarted;

  /**
   * @param ingest where ingestion reads and writes (by default the simulator and an embedded
   *     broker)
   * @param quality the quality monitor's settings (its webhook alerts too) and the thresholds
   *     silver batches are judged by as a whole
   * @param serving the MongoDB database silver and gold are published to
   */
  public Demo(
      IcebergStorageManager storage,
      DemoOptions options,
      IngestConfig ingest,
      QualityConfig quality,
      MongoDatabase serving,
      PrintWriter out) {
    this.storage = storage;
    this.ingest = ingest;
    this.quality = quality;
    this.publisher = new Publisher(storage, serving, Clock.systemUTC());
    this.options = options;
    this.out = out;
  }

  public Summary run() {
    begin("Dropping tables of earlier demo versions");
    int dropped = dropLegacyTables();
    end(dropped == 0 ? "none" : dropped + " dropped");

    try (IngestionServices services = IngestionServices.start(ingest)) {
      StreamingPipeline pipeline =
          StreamingPipeline.configured(storage, ingest, quality, services.bootstrapServers());

      begin(
          "Ingest: TMDB -> Kafka ("
              + (ingest.tmdb().simulated()
                  ? "built-in simulator"
                  : ingest.tmdb().baseUrl().orElseThrow())
              + ", "
              + (ingest.kafka().embedded()
                  ? "embedded broker"
                  : ingest.kafka().bootstrapServers().orElseThrow())
              + ")");
      IngestionReport ingestion = ingestLists(services);
      end(
          ingestion.movies()
              + " movies, "
              + ingestion.people()
              + " people, "
              + ingestion.records()
              + " records "
              + ingestion.recordsPerTopic()
              + " in "
              + ingestion.requests().requests()
              + " requests");

      begin(
          "Bronze: Kafka -> Iceberg, one exactly-once query per topic, "
              + BATCHES
              + " micro-batches each");
      StreamingPipeline batched = pipeline.withBatchLimits(batchLimits(ingestion));
      run(batched, Layer.BRONZE);
      end(
          rows(Layer.BRONZE, RecordType.MOVIES.bronzeTable().tableName())
              + " movie, "
              + rows(Layer.BRONZE, RecordType.CREDITS.bronzeTable().tableName())
              + " credit, "
              + rows(Layer.BRONZE, RecordType.REVIEWS.bronzeTable().tableName())
              + " review records; "
              + rows(Layer.BRONZE, PipelineTable.DEAD_LETTER.tableName())
              + " dead letters");

      begin("Silver: clean, score sentiment, check quality, upsert by natural key");
      run(batched, Layer.SILVER);
      Map<String, Double> scores = new QualityLog(storage).latestScores();
      end(
          rows(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName())
              + " movies, "
              + rows(Layer.SILVER, PipelineTable.PEOPLE_CLEAN.tableName())
              + " people, "
              + rows(Layer.SILVER, PipelineTable.REVIEWS_WITH_SENTIMENT.tableName())
              + " reviews; quality "
              + format(scores)
              + "; "
              + rows(Layer.SILVER, PipelineTable.QUARANTINE.tableName())
              + " quarantined");

      begin("Gold: sliding windows on event time, aggregates consistent with silver");
      GoldRefresh.Result gold = run(pipeline, Layer.GOLD);
      List<String> trending = topTrending();
      end(
          rows(Layer.GOLD, PipelineTable.TRENDING_MOVIES.tableName())
              + " trending windows, "
              + rows(Layer.GOLD, PipelineTable.SENTIMENT_TRENDS.tableName())
              + " sentiment windows, "
              + gold.tables().size()
              + " aggregates; trending now: "
              + String.join(", ", trending));

      begin("Quality: whole tables scored on schema, freshness, volume, completeness and validity");
      QualityReport quality =
          new QualityMonitor(storage, this.quality, Clock.systemUTC())
              .run(List.of(Layer.values()), line -> {});
      end(
          String.format(
              Locale.ROOT,
              "overall %.2f %s over %d tables; lowest: %s",
              quality.overallScore(),
              quality.overallLevel().name().toLowerCase(Locale.ROOT),
              quality.tables().size(),
              quality.tables().stream()
                  .min(Comparator.comparingDouble(QualityReport.TableScore::score))
                  .map(
                      table ->
                          table.layer().name().toLowerCase(Locale.ROOT)
                              + "."
                              + table.table()
                              + String.format(Locale.ROOT, " %.2f", table.score()))
                  .orElse("none")));

      begin("Serving: silver and gold published to MongoDB, changes since the last publish only");
      Publisher.Result published = publisher.publishAll();
      end(describe(published));

      begin("Schema evolution: the seed's columns added to silver movies, no file rewritten");
      List<String> added = addSeedColumns();
      end(
          added.isEmpty()
              ? "already there from an earlier run"
              : "added " + String.join(", ", added));

      begin(
          "TMDB changes "
              + options.changedMovies()
              + " movies; the next run upserts them, time travel shows both");
      long before =
          storage
              .loadTable(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName())
              .currentSnapshot()
              .snapshotId();
      List<Long> changed = changeMovies(services);
      IngestionReport changes = ingestChanges(services);
      for (Layer layer : Layer.values()) {
        run(pipeline, layer);
      }
      Publisher.Result republished = publisher.publishAll();
      long movie = changed.isEmpty() ? -1 : changed.get(0);
      double popularityBefore =
          popularity(ReadOptions.atSnapshot(before).where("movie_id = " + movie));
      double popularityAfter = popularity(ReadOptions.current().where("movie_id = " + movie));
      end(
          String.format(
              Locale.ROOT,
              "%d records re-ingested; movie %d: popularity %.3f at snapshot %d, %.3f now; "
                  + "published: %s",
              changes.records(),
              movie,
              popularityBefore,
              before,
              popularityAfter,
              describe(republished)));

      begin("Maintenance: plan from metadata, then run only what it found");
      // The demo's queries have stopped: no partition is the stream's, so all may be compacted.
      MaintenanceManager maintenance =
          new MaintenanceManager(storage.catalog()).ignoringHotPartitions();
      List<TableStatistics> statisticsBefore = storage.getAllTableStatistics();
      MaintenancePlan plan = maintenance.plan(Optional.empty());
      MaintenanceRun maintenanceRun = maintenance.runPlan(plan, MaintenanceProgress.NONE);
      if (!maintenanceRun.succeeded()) {
        throw new LakehouseException(
            "maintenance failed on "
                + maintenanceRun.failedTables()
                + " table(s): "
                + maintenanceRun.tables().stream()
                    .filter(t -> !t.succeeded())
                    .map(t -> t.table() + " " + t.errors())
                    .toList());
      }
      List<TableStatistics> statisticsAfter = storage.getAllTableStatistics();
      long smallBefore =
          statisticsBefore.stream()
              .mapToLong(statistics -> statistics.files().smallFileCount())
              .sum();
      long smallAfter =
          statisticsAfter.stream()
              .mapToLong(statistics -> statistics.files().smallFileCount())
              .sum();
      long filesBefore =
          statisticsBefore.stream().mapToLong(statistics -> statistics.files().fileCount()).sum();
      long filesAfter =
          statisticsAfter.stream().mapToLong(statistics -> statistics.files().fileCount()).sum();
      end(
          plan.actionCount()
              + " planned action(s); data files "
              + filesBefore
              + " -> "
              + filesAfter);

      return new Summary(
          ingestion,
          changes,
          statisticsAfter,
          rows(Layer.BRONZE, PipelineTable.DEAD_LETTER.tableName()),
          rows(Layer.SILVER, PipelineTable.QUARANTINE.tableName()),
          new QualityLog(storage).latestScores(),
          topTrending(),
          movie,
          popularityBefore,
          popularityAfter,
          before,
          added,
          smallBefore,
          smallAfter,
          filesBefore,
          filesAfter,
          plan,
          published,
          republished,
          quality);
    }
  }

  private Map<RecordType, Long> batchLimits(IngestionReport ingestion) {
    Map<RecordType, Long> limits = new EnumMap<>(RecordType.class);
    for (RecordType type : RecordType.values()) {
      long records =
          ingestion.recordsPerTopic().getOrDefault(ingest.kafka().topic(type.recordType()), 0L);
      limits.put(type, Math.max(1, (records + BATCHES - 1) / BATCHES));
    }
    return limits;
  }

  /** Runs one layer's queries over what is there; for gold, also refreshes the aggregates. */
  private static GoldRefresh.Result run(StreamingPipeline pipeline, Layer layer) {
    try {
      return pipeline.runAvailableNow(EnumSet.of(layer), TYPES);
    } catch (StreamingQueryException e) {
      throw new LakehouseException("the " + layer.id() + " queries failed: " + e.getMessage(), e);
    }
  }

  /**
   * A batch run over the first pages of TMDB's lists, with their movies' credits, reviews and
   * people.
   */
  private IngestionReport ingestLists(IngestionServices services) {
    try (RecordPublisher publisher = services.publisher()) {
      BatchIngestion batch =
          new BatchIngestion(
              services.client(new TmdbCounters()),
              publisher,
              ingest.kafka(),
              services.tmdb().concurrency(),
              IngestionProgress.NONE);
      // Every demo ingests its pages again: an earlier demo's checkpoint is closed first.
      Path checkpoint = ingest.state().resolve("demo");
      BatchCheckpoint.openOrStart(checkpoint).complete();
      return batch.run(options.pages(), BatchCheckpoint.openOrStart(checkpoint));
    }
  }

  /**
   * With the simulator, TMDB changes the most popular silver movies now; the real TMDB changes on
   * its own.
   */
  private List<Long> changeMovies(IngestionServices services) {
    List<Long> ids = new ArrayList<>();
    storage
        .readFromLayer(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName())
        .orderBy(
            org.apache.spark.sql.functions.col("popularity").desc(),
            org.apache.spark.sql.functions.col("movie_id"))
        .select("movie_id")
        .limit(options.changedMovies())
        .collectAsList()
        .forEach(row -> ids.add(row.getLong(0)));
    services
        .simulator()
        .ifPresent(simulator -> ids.forEach(id -> simulator.catalog().touch(id, Instant.now())));
    return ids;
  }

  /** TMDB's changes feed for today, as {@code pipeline ingest incremental} reads it. */
  private IngestionReport ingestChanges(IngestionServices services) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    try (RecordPublisher publisher = services.publisher()) {
      return new IncrementalIngestion(
              services.client(new TmdbCounters()),
              publisher,
              ingest.kafka(),
              services.tmdb().concurrency(),
              IngestionProgress.NONE)
          .run(
              Optional.of(today),
              new SyncCursor(ingest.state().resolve("demo-changes-cursor")),
              today);
    }
  }

  private List<String> addSeedColumns() {
    List<String> existing =
        storage.columns(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName()).stream()
            .map(field -> field.name())
            .toList();
    List<String> added = new ArrayList<>();
    SchemaChange change = SchemaChange.builder();
    if (!existing.contains("trending_score")) {
      change.addColumn("trending_score", "double", "popularity x rating / 10, for ranking");
      added.add("trending_score");
    }
    if (!existing.contains("ai_generated_summary")) {
      change.addColumn("ai_generated_summary", "string", "reserved for generated summaries");
      added.add("ai_generated_summary");
    }
    if (!added.isEmpty()) {
      storage.evolveSchema(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName(), change);
    }
    return added;
  }

  private List<String> topTrending() {
    if (!storage.tableExists(Layer.GOLD, PipelineTable.TRENDING_MOVIES.tableName())) {
      return List.of();
    }
    List<String> titles = new ArrayList<>();
    for (Row row :
        storage
            .spark()
            .sql(
                "SELECT title, max(trend_score) AS score FROM "
                    + storage.table(Layer.GOLD, PipelineTable.TRENDING_MOVIES.tableName()).sql()
                    + " GROUP BY movie_id, title ORDER BY score DESC, title LIMIT 3")
            .collectAsList()) {
      titles.add(String.format(Locale.ROOT, "%s (%.1f)", row.getString(0), row.getDouble(1)));
    }
    return titles;
  }

  private double popularity(ReadOptions options) {
    List<Row> rows =
        storage
            .readFromLayer(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName(), options)
            .select("popularity")
            .collectAsList();
    return rows.isEmpty() ? Double.NaN : rows.get(0).getDouble(0);
  }

  private long rows(Layer layer, String table) {
    TableName name = storage.table(layer, table);
    return storage.tableExists(name) ? storage.getTableStatistics(name).records().recordCount() : 0;
  }

  private static String format(Map<String, Double> scores) {
    List<String> parts = new ArrayList<>();
    scores.forEach(
        (table, score) ->
            parts.add(
                table.substring(table.indexOf('.') + 1)
                    + String.format(Locale.ROOT, " %.2f", score)));
    return parts.isEmpty() ? "not checked" : String.join(", ", parts);
  }

  /**
   * Tables the generated-data demo of earlier versions made, with schemas the pipeline does not
   * write.
   */
  private int dropLegacyTables() {
    int dropped = 0;
    for (TableName table : storage.listAllTables()) {
      Table iceberg = storage.loadTable(table);
      if (OWNER.equals(iceberg.properties().get(OWNER_PROPERTY))) {
        storage.dropTable(table.layer(), table.table(), true);
        dropped++;
      }
    }
    return dropped;
  }

  /** "412 documents (movies 91 in full, reviews 12 changed, ...)" */
  static String describe(Publisher.Result result) {
    List<String> parts =
        result.collections().stream()
            .filter(collection -> collection.documents() > 0)
            .map(
                collection ->
                    collection.collection()
                        + " "
                        + collection.documents()
                        + (collection.incremental() ? " changed" : " in full"))
            .toList();
    return result.documents()
        + " documents"
        + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
  }

  private void begin(String title) {
    step++;
    stepStarted = System.nanoTime();
    out.printf(Locale.ROOT, "[%d/%d] %s ...%n", step, STEPS, title);
    out.flush();
  }

  private void end(String detail) {
    double seconds = (System.nanoTime() - stepStarted) / 1e9;
    out.printf(
        Locale.ROOT, "      done in %.1f s%s%n", seconds, detail == null ? "" : ": " + detail);
    out.flush();
  }
}
