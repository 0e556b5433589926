package dev.movielake.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.infra.mongo.EmbeddedMongo;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.maintenance.Procedures;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.model.Columns;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.publish.Publisher;
import dev.movielake.stream.gold.GoldAggregates;
import dev.movielake.stream.gold.GoldRefresh;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * What passing changes between layers saves: on a silver of {@code rows} movies with eight credits
 * each, 1% of the movies change (ratings and money, a third of them also their year and genres),
 * then gold is refreshed from silver's changes and rebuilt in full, and MongoDB is published from
 * the change feed and in full, side by side in one run. Gold from changes is compared with the full
 * recompute row for row; a publish right after compacting every silver table shows what a
 * compaction costs serving (nothing, if the change feed skips it). The same 1% MERGE into a
 * merge-on-read copy of the movies measures what copy-on-write, which the change feed needs, costs
 * the silver writes.
 */
public final class IncrementalBenchmark implements Benchmark {
  private static final int CREDITS_PER_MOVIE = 8;
  private static final String[] GENRES = {
    "Action", "Adventure", "Animation", "Comedy", "Crime", "Documentary", "Drama", "Family",
    "Fantasy", "History", "Horror", "Music", "Mystery", "Romance", "Science Fiction", "TV Movie",
    "Thriller", "War", "Western"
  };
  private static final String MERGE_ON_READ_COPY = "movies_merge_on_read";

  private final SparkSession spark;
  private final IcebergStorageManager storage;
  private final StreamExpiryCheck expiry;

  public IncrementalBenchmark(SparkSession spark, LakehouseConfig config) {
    this.spark = spark;
    Map<Layer, String> databases = new EnumMap<>(Layer.class);
    for (Layer layer : Layer.values()) {
      databases.put(layer, "bench_" + layer.id());
    }
    this.storage = new IcebergStorageManager(spark, config.withDatabases(databases));
    this.expiry = new StreamExpiryCheck(spark, config);
  }

  @Override
  public String name() {
    return "incremental";
  }

  /** Silver movies computed from the id, {@code version} 0 as loaded and 1 as changed. */
  Dataset<Row> movies(Dataset<Row> ids, int version) {
    Column id = col("id");
    Column changed = lit(version);
    Column budget = pmod(hash(id, lit(6)), lit(200_000_000)).cast("long");
    Column revenue =
        budget.multiply(pmod(hash(id, changed, lit(7)), lit(300))).divide(100).cast("long");
    // A third of the changed movies move a year and get other genres.
    Column moves = changed.equalTo(1).and(pmod(hash(id, lit(11)), lit(3)).equalTo(0));
    Column releaseDate =
        date_add(
            to_date(lit("1950-01-01")),
            pmod(hash(id, lit(1)), lit(27_393)).plus(when(moves, lit(365)).otherwise(lit(0))));
    Column genreStart = pmod(hash(id, lit(2)).plus(when(moves, lit(5)).otherwise(lit(0))), lit(17));
    Column genres =
        slice(
            array(Arrays.stream(GENRES).map(functions::lit).toArray(Column[]::new)),
            genreStart.plus(1),
            pmod(hash(id, lit(12)), lit(3)).plus(1));
    Column popularity = pmod(hash(id, changed, lit(3)), lit(100_000)).divide(1000.0);
    Column rating = pmod(hash(id, changed, lit(4)), lit(101)).divide(10.0);
    return ids.select(
        id.as(Columns.MOVIE_ID),
        concat(lit("Movie "), id.cast("string")).as("title"),
        releaseDate.as("release_date"),
        year(releaseDate).as("release_year"),
        element_at(
                array(lit("en"), lit("fr"), lit("es"), lit("ja"), lit("ko"), lit("de")),
                pmod(hash(id, lit(8)), lit(6)).plus(1))
            .as("language"),
        genres.as("genre_names"),
        popularity.as("popularity"),
        rating.as("vote_average"),
        pmod(hash(id, changed, lit(5)), lit(10_000)).cast("int").as("vote_count"),
        budget.as("budget"),
        revenue.as("revenue"),
        revenue.minus(budget).as("profit"),
        when(budget.gt(0), round(revenue.minus(budget).divide(budget), 4)).as("roi"),
        when(popularity.geq(50), lit("high")).otherwise(lit("low")).as("popularity_tier"),
        when(rating.geq(7), lit("good")).otherwise(lit("mixed")).as("rating_tier"),
        concat(lit("/p/"), id.cast("string"), lit(".jpg")).as("poster_path"),
        pmod(hash(id, lit(9)), lit(120)).plus(60).cast("int").as("runtime"),
        current_timestamp().as("observed_at"));
  }

  /** Eight credits per movie: a director and seven cast members, people shared across movies. */
  Dataset<Row> credits(long movies) {
    Column movie = col("id");
    Column index = col("index");
    Column person = pmod(hash(movie, index), lit(movies * 2)).cast("long");
    return spark
        .range(1, movies + 1)
        .select(movie, explode(sequence(lit(0), lit(CREDITS_PER_MOVIE - 1))).as("index"))
        .select(
            concat(movie.cast("string"), lit("-"), index.cast("string")).as(Columns.CREDIT_KEY),
            movie.as(Columns.MOVIE_ID),
            person.as(Columns.PERSON_ID),
            concat(lit("Person "), person.cast("string")).as("person_name"),
            when(index.equalTo(0), lit("crew")).otherwise(lit("cast")).as("credit_type"),
            index.equalTo(0).as("is_director"),
            index.equalTo(1).as("is_lead_role"),
            when(index.gt(0), concat(lit("Role "), index.cast("string"))).as("character"),
            current_timestamp().as("observed_at"));
  }

  @Override
  public BenchmarkReport run(long rows, PrintWriter progress) {
    step(progress, "preparing: dropping earlier benchmark tables");
    for (PipelineTable table : PipelineTable.values()) {
      if (table.layer() != Layer.BRONZE) {
        storage.dropTable(table.layer(), table.tableName(), true);
      }
    }
    storage.dropTable(Layer.SILVER, MERGE_ON_READ_COPY, true);

    step(
        progress,
        "writing " + rows + " movies and " + rows * CREDITS_PER_MOVIE + " credits to silver");
    Dataset<Row> ids = spark.range(1, rows + 1).toDF();
    write(PipelineTable.MOVIES_CLEAN, movies(ids, 0), WriteOptions.append());
    write(PipelineTable.CREDITS_CLEAN, credits(rows), WriteOptions.append());
    storage.writeToSilver(
        movies(ids, 0),
        MERGE_ON_READ_COPY,
        WriteOptions.append()
            .partitionedBy(Partitioning.of(PipelineTable.MOVIES_CLEAN.partitioning()))
            .withTableProperties(
                Map.of(
                    "write.delete.mode", "merge-on-read",
                    "write.update.mode", "merge-on-read",
                    "write.merge.mode", "merge-on-read")));

    GoldRefresh gold = new GoldRefresh(storage, Clock.systemUTC());
    step(progress, "gold: first build");
    double firstBuild = seconds(gold::rebuild);

    try (EmbeddedMongo mongo = EmbeddedMongo.startInMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase database = client.getDatabase("bench_serving");
      Publisher publisher = new Publisher(storage, database, Clock.systemUTC());
      step(progress, "publish: first publish of every collection");
      double firstPublish = seconds(publisher::publishAll);

      long changed = Math.max(1, rows / 100);
      step(
          progress,
          "silver: changing " + changed + " movies (1%), copy-on-write and merge-on-read");
      Dataset<Row> changedIds =
          spark
              .range(1, rows + 1)
              .where(pmod(hash(col("id"), lit(99)), lit(100)).equalTo(0))
              .limit((int) changed)
              .toDF()
              .localCheckpoint();
      long changedCount = changedIds.count();
      double copyOnWrite =
          seconds(
              () ->
                  storage.writeToSilver(
                      movies(changedIds, 1),
                      PipelineTable.MOVIES_CLEAN.tableName(),
                      WriteOptions.upsert(Columns.MOVIE_ID)));
      double mergeOnRead =
          seconds(
              () ->
                  storage.writeToSilver(
                      movies(changedIds, 1),
                      MERGE_ON_READ_COPY,
                      WriteOptions.upsert(Columns.MOVIE_ID)));

      step(progress, "gold: refresh from silver's changes");
      GoldRefresh.Result[] refreshed = new GoldRefresh.Result[1];
      double incrementalGold = seconds(() -> refreshed[0] = gold.refresh());
      long incrementalTables =
          refreshed[0].tables().stream().filter(GoldRefresh.TableResult::incremental).count();
      step(progress, "gold: comparing every table with a full recompute");
      List<String> differing = differingGoldTables();
      step(progress, "gold: full rebuild");
      double fullGold = seconds(gold::rebuild);

      step(progress, "publish: the changes");
      Publisher.Result[] published = new Publisher.Result[1];
      double incrementalPublish = seconds(() -> published[0] = publisher.publishAll());
      step(progress, "publish: in full");
      Publisher.Result[] full = new Publisher.Result[1];
      double fullPublish = seconds(() -> full[0] = publisher.publish(Set.of(), true, result -> {}));

      step(progress, "compacting every silver table, then publishing");
      for (PipelineTable table : List.of(PipelineTable.MOVIES_CLEAN, PipelineTable.CREDITS_CLEAN)) {
        rewriteAll(table);
      }
      Publisher.Result afterCompaction = publisher.publishAll();

      step(
          progress,
          "expiry test: stop the silver stream, expire bronze with a zero-day policy, restart");
      StreamExpiryCheck.Result resumed = expiry.run();

      double goldRatio = incrementalGold / fullGold;
      double publishRatio = incrementalPublish / fullPublish;
      List<BenchmarkResult> results =
          List.of(
              BenchmarkResult.atLeast(
                  "gold_incremental_matches_full", differing.isEmpty() ? 1 : 0, "boolean", 1),
              BenchmarkResult.atMost("gold_refresh_ratio_1pct", goldRatio, "ratio", 0.1),
              BenchmarkResult.atMost("publish_ratio_1pct", publishRatio, "ratio", 0.1),
              BenchmarkResult.atMost(
                  "publish_documents_after_compaction",
                  afterCompaction.documents(),
                  "documents",
                  0),
              BenchmarkResult.atLeast(
                  "stream_resumes_after_expiry", resumed.resumed() ? 1 : 0, "boolean", 1),
              BenchmarkResult.recorded("gold_refresh_incremental_seconds", incrementalGold, "s"),
              BenchmarkResult.recorded("gold_refresh_full_seconds", fullGold, "s"),
              BenchmarkResult.recorded("publish_incremental_seconds", incrementalPublish, "s"),
              BenchmarkResult.recorded("publish_full_seconds", fullPublish, "s"),
              BenchmarkResult.recorded("silver_merge_1pct_copy_on_write_seconds", copyOnWrite, "s"),
              BenchmarkResult.recorded(
                  "silver_merge_1pct_merge_on_read_seconds", mergeOnRead, "s"));
      List<List<String>> comparison = new ArrayList<>();
      comparison.add(List.of("step", "from changes", "in full", "ratio"));
      comparison.add(
          List.of(
              "gold refresh after " + changedCount + " movies changed",
              secondsText(incrementalGold),
              secondsText(fullGold),
              String.format(Locale.ROOT, "%.3f", goldRatio)));
      comparison.add(
          List.of(
              "publish after " + changedCount + " movies changed",
              secondsText(incrementalPublish) + " (" + published[0].documents() + " documents)",
              secondsText(fullPublish) + " (" + full[0].documents() + " documents)",
              String.format(Locale.ROOT, "%.3f", publishRatio)));
      comparison.add(
          List.of(
              "silver MERGE of " + changedCount + " movies",
              "copy-on-write " + secondsText(copyOnWrite),
              "merge-on-read " + secondsText(mergeOnRead),
              String.format(Locale.ROOT, "%.3f", copyOnWrite / mergeOnRead)));
      List<String> notes = new ArrayList<>();
      notes.addAll(
          List.of(
              "Silver: "
                  + rows
                  + " movies, "
                  + rows * CREDITS_PER_MOVIE
                  + " credits; "
                  + changedCount
                  + " movies changed (rating, popularity, money; a third also year and genres).",
              "First gold build "
                  + secondsText(firstBuild)
                  + ", first publish "
                  + secondsText(firstPublish)
                  + " (embedded MongoDB, in memory).",
              incrementalTables
                  + " of "
                  + refreshed[0].tables().size()
                  + " gold tables were refreshed from changes; tables differing from a full"
                  + " recompute: "
                  + (differing.isEmpty() ? "none" : differing),
              "A publish right after compacting movies_clean and credits_clean wrote "
                  + afterCompaction.documents()
                  + " documents and deleted "
                  + afterCompaction.collections().stream()
                      .mapToLong(Publisher.CollectionResult::deleted)
                      .sum()
                  + ".",
              "Ratios are wall-clock times on this machine, one run each, in one JVM: the full"
                  + " runs come second and profit from a warm JVM and Spark."));
      notes.addAll(StreamExpiryCheck.describe(resumed));
      return new BenchmarkReport(name(), rows, results, comparison, notes);
    }
  }

  private void write(PipelineTable table, Dataset<Row> rows, WriteOptions options) {
    storage.writeToSilver(
        rows, table.tableName(), options.partitionedBy(Partitioning.of(table.partitioning())));
  }

  private void rewriteAll(PipelineTable table) {
    Procedures.call(
        spark,
        storage.table(table.layer(), table.tableName()),
        "rewrite_data_files",
        Map.of("options", Procedures.map(Map.of("rewrite-all", "true"))));
  }

  /**
   * The gold tables whose rows differ from the aggregates computed from all of silver now, each
   * with a few of its differing keys. Rows are matched by the table's key; doubles are equal within
   * a relative 1e-9, since two summation orders of the same values may differ in the last bits (and
   * rounding both to a fixed number of decimals would not do: an average of 64 ratings can end on a
   * 5 right where it is rounded).
   */
  private List<String> differingGoldTables() {
    GoldAggregates expected =
        new GoldAggregates(
            storage.readFromLayer(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName()),
            Optional.of(
                storage.readFromLayer(Layer.SILVER, PipelineTable.CREDITS_CLEAN.tableName())));
    List<String> differing = new ArrayList<>();
    for (GoldAggregates.Aggregate aggregate : expected.all()) {
      Dataset<Row> want = aggregate.rows().alias("want");
      Dataset<Row> have =
          storage
              .readFromLayer(Layer.GOLD, aggregate.table().tableName())
              .selectExpr(aggregate.rows().columns())
              .alias("have");
      List<String> key = aggregate.table().key();
      Column sameKey =
          key.stream()
              .map(column -> side("want", column).eqNullSafe(side("have", column)))
              .reduce(Column::and)
              .orElseThrow();
      Column differs = lit(false);
      for (StructField field : aggregate.rows().schema().fields()) {
        Column wanted = side("want", field.name());
        Column had = side("have", field.name());
        Column same =
            field.dataType().equals(DataTypes.DoubleType)
                ? wanted
                    .isNull()
                    .and(had.isNull())
                    .or(
                        functions
                            .abs(wanted.minus(had))
                            .leq(
                                functions.greatest(lit(1.0), functions.abs(wanted)).multiply(1e-9)))
                : wanted.eqNullSafe(had);
        differs = differs.or(functions.not(functions.coalesce(same, lit(false))));
      }
      List<Row> wrong =
          want.join(have, sameKey, "full_outer")
              .where(differs)
              .select(
                  key.stream()
                      .map(column -> functions.coalesce(side("want", column), side("have", column)))
                      .toArray(Column[]::new))
              .limit(3)
              .collectAsList();
      if (!wrong.isEmpty()) {
        differing.add(aggregate.table().tableName() + " (keys " + wrong + ")");
      }
    }
    return differing;
  }

  private static Column side(String alias, String column) {
    return col(alias + ".`" + column + "`");
  }

  private static double seconds(Supplier<?> work) {
    long started = System.nanoTime();
    work.get();
    return (System.nanoTime() - started) / 1e9;
  }

  private static String secondsText(double seconds) {
    return String.format(Locale.ROOT, "%.2f s", seconds);
  }

  private static void step(PrintWriter progress, String message) {
    progress.println("  " + message + " ...");
    progress.flush();
  }
}
