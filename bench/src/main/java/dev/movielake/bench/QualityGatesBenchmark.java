package dev.movielake.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.named_struct;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.to_json;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.movielake.config.HeldBatchPolicy;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.QualityConfig;
import dev.movielake.infra.mongo.EmbeddedMongo;
import dev.movielake.ingest.kafka.RecordPublisher;
import dev.movielake.ingest.run.BatchCheckpoint;
import dev.movielake.ingest.run.BatchIngestion;
import dev.movielake.ingest.run.IngestionProgress;
import dev.movielake.ingest.tmdb.TmdbCounters;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.model.ServingCollection;
import dev.movielake.ops.wiring.IngestionServices;
import dev.movielake.publish.Publisher;
import dev.movielake.simulator.DataFault;
import dev.movielake.simulator.DataFaults;
import dev.movielake.simulator.SimulatorOptions;
import dev.movielake.simulator.TmdbSimulator;
import dev.movielake.stream.StreamingPipeline;
import dev.movielake.stream.audit.Audit;
import dev.movielake.stream.audit.AuditGate;
import dev.movielake.stream.audit.AuditState;
import dev.movielake.stream.audit.HeldBatches;
import dev.movielake.stream.bronze.BronzeTable;
import dev.movielake.stream.silver.SilverBatchWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.bson.Document;

/**
 * What the write-audit-publish gate keeps out and what it costs, in one run.
 *
 * <p>Kept out: the built-in TMDB simulator serves an honest catalog, which is ingested, streamed
 * into silver and published to MongoDB; then each data fault (empty pages, a field always null,
 * duplicated keys, out-of-range values, a schema change) is switched on in turn, the catalog
 * ingested, streamed and published again, and silver's {@code main} and the served movies are
 * compared with the honest run. A row or document that differs is bad. Held batches are then
 * discarded and the stream goes on.
 *
 * <p>Cost: the same silver batch of {@code rows} movies is written through the gate (its branch,
 * the fast-forward, the audit log entry) and straight to {@code main} as before the gate, round
 * after round, alternating which goes first; the ratio of the medians is the gate's overhead.
 */
public final class QualityGatesBenchmark implements Benchmark {
  private static final int ROUNDS = 6;
  private static final int FAULT_RUN_PAGES = 3;
  private static final String DATABASE = "bench_quality_gates";

  /** The fields an honest movie row and document are compared on. */
  private static final List<String> COMPARED = List.of("title", "vote_average", "vote_count");

  private final SparkSession spark;
  private final LakehouseConfig config;

  public QualityGatesBenchmark(SparkSession spark, LakehouseConfig config) {
    this.spark = spark;
    this.config = config;
  }

  @Override
  public String name() {
    return "quality-gates";
  }

  /** One fault's outcome. */
  record FaultOutcome(
      DataFault fault, long messages, long heldBatches, long badRows, long badDocuments) {}

  /**
   * @param rows movies in each silver batch of the overhead measurement
   */
  @Override
  public BenchmarkReport run(long rows, PrintWriter progress) {
    List<FaultOutcome> faults = faults(progress);
    double[] audited = new double[ROUNDS];
    double[] direct = new double[ROUNDS];
    overhead(rows, audited, direct, progress);
    double auditedMedian = Measure.median(Arrays.copyOfRange(audited, 1, ROUNDS));
    double directMedian = Measure.median(Arrays.copyOfRange(direct, 1, ROUNDS));
    double ratio = auditedMedian / directMedian;

    long badRows = faults.stream().mapToLong(FaultOutcome::badRows).sum();
    long badDocuments = faults.stream().mapToLong(FaultOutcome::badDocuments).sum();
    List<BenchmarkResult> results =
        List.of(
            BenchmarkResult.atMost("bad_rows_on_main", badRows, "rows", 0),
            BenchmarkResult.atMost("bad_documents_served", badDocuments, "documents", 0),
            BenchmarkResult.atMost("audit_overhead_ratio", ratio, "ratio", 1.15));
    List<List<String>> table = new ArrayList<>();
    table.add(
        List.of("fault", "movie messages", "batches held", "bad rows on main", "bad documents"));
    for (FaultOutcome outcome : faults) {
      table.add(
          List.of(
              outcome.fault().optionName(),
              Long.toString(outcome.messages()),
              Long.toString(outcome.heldBatches()),
              Long.toString(outcome.badRows()),
              Long.toString(outcome.badDocuments())));
    }
    table.add(
        List.of(
            "silver batch of " + rows + " movies",
            "audited " + seconds(auditedMedian),
            "straight to main " + seconds(directMedian),
            String.format(Locale.ROOT, "ratio %.3f", ratio),
            "median of " + (ROUNDS - 1) + " rounds"));
    List<String> notes =
        List.of(
            "Faults: the built-in simulator serves an honest catalog first (ingested, streamed into"
                + " silver, published); then each fault in turn is switched on for a whole batch"
                + " ingestion, streamed with QUALITY_HELD_BATCH=stop and published; a movie row of"
                + " silver's main or a served movie document whose "
                + String.join(", ", COMPARED)
                + " differ from the honest run's is bad. The held batches are then discarded and"
                + " the catalog is ingested honestly again before the next fault.",
            "Overhead: the same silver batch of movies (every row updated each round) written"
                + " through the gate (a branch at main's head, the MERGE on it, the fast-forward"
                + " that also drops the branch, an audit log entry) and straight to main as before"
                + " the gate, alternating which goes first; the first round (tables created) is"
                + " left out. Both run the same cleaning, expectations and quality log.");
    return new BenchmarkReport(name(), rows, results, table, notes);
  }

  // ---- faults ----

  private List<FaultOutcome> faults(PrintWriter progress) {
    Path home = config.home().resolve("bench").resolve("quality-gates");
    BenchmarkFolder.delete(home);
    IngestConfig ingest =
        IngestConfig.from(
            Map.of(
                "LAKEHOUSE_HOME", home.toString(),
                "TMDB_REQUESTS_PER_SECOND", "400",
                "TMDB_CONCURRENCY", "8"));
    IcebergStorageManager storage = BenchmarkStorage.empty(spark, config, "bench_gates");
    QualityConfig quality = QualityConfig.from(Map.of(QualityConfig.HELD_BATCH, "stop"));
    List<FaultOutcome> outcomes = new ArrayList<>();
    Measure.step(progress, "faults: starting an embedded broker, MongoDB and the simulator");
    try (IngestionServices services =
            IngestionServices.start(
                ingest,
                SimulatorOptions.defaults().withMovies(2000).withSeed(7).withRateLimit(400));
        RecordPublisher publisher = services.publisher();
        EmbeddedMongo mongo = EmbeddedMongo.startInMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase database = client.getDatabase(DATABASE);
      Publisher serving = new Publisher(storage, database, Clock.systemUTC());
      StreamingPipeline pipeline =
          StreamingPipeline.configured(storage, ingest, quality, services.bootstrapServers());
      TmdbSimulator simulator = services.simulator().orElseThrow();
      HeldBatches heldBatches = new HeldBatches(storage, Clock.systemUTC());
      Runner runner = new Runner(services, publisher, ingest, pipeline, serving, heldBatches);

      Measure.step(progress, "faults: the honest run");
      runner.round("honest");
      Map<Long, List<Object>> honestRows = silverMovies(storage);
      Map<Long, List<Object>> honestDocuments = servedMovies(database);
      for (DataFault fault : DataFault.values()) {
        Measure.step(progress, "faults: " + fault.optionName());
        simulator.setDataFaults(DataFaults.none().withFault(fault));
        Runner.Round round = runner.round(fault.optionName());
        long badRows = differing(silverMovies(storage), honestRows);
        long badDocuments = differing(servedMovies(database), honestDocuments);
        outcomes.add(
            new FaultOutcome(fault, round.movieMessages(), round.held(), badRows, badDocuments));
        progress.println(
            "    "
                + round.movieMessages()
                + " movie messages, "
                + round.held()
                + " batch(es) held, "
                + badRows
                + " bad rows on main, "
                + badDocuments
                + " bad documents");
        progress.flush();
        for (Audit held : heldBatches.list(Optional.of(AuditState.HELD), 100)) {
          heldBatches.discard(held, "quality-gates benchmark: injected " + fault.optionName());
        }
        // The stream goes on past the discarded batches, and an honest ingestion puts back
        // whatever a fault the gate let through changed, so each fault is counted on its own.
        simulator.setDataFaults(DataFaults.none());
        runner.round(fault.optionName() + "-undone");
      }
    }
    return outcomes;
  }

  /** Ingests, streams and publishes, round after round, on the same services. */
  private static final class Runner {
    private final IngestionServices services;
    private final RecordPublisher publisher;
    private final IngestConfig ingest;
    private final StreamingPipeline pipeline;
    private final Publisher serving;
    private final HeldBatches heldBatches;

    record Round(long movieMessages, long held) {}

    Runner(
        IngestionServices services,
        RecordPublisher publisher,
        IngestConfig ingest,
        StreamingPipeline pipeline,
        Publisher serving,
        HeldBatches heldBatches) {
      this.services = services;
      this.publisher = publisher;
      this.ingest = ingest;
      this.pipeline = pipeline;
      this.serving = serving;
      this.heldBatches = heldBatches;
    }

    Round round(String name) {
      long before = publisher.acknowledged().getOrDefault(movieTopic(), 0L);
      new BatchIngestion(
              services.client(new TmdbCounters()),
              publisher,
              ingest.kafka(),
              ingest.tmdb().concurrency(),
              IngestionProgress.NONE)
          .run(
              FAULT_RUN_PAGES,
              BatchCheckpoint.openOrStart(ingest.state().resolve("batch-" + name)));
      long movies = publisher.acknowledged().getOrDefault(movieTopic(), 0L) - before;
      long heldBefore = heldBatches.list(Optional.of(AuditState.HELD), 1000).size();
      streamAndPublish();
      long held = heldBatches.list(Optional.of(AuditState.HELD), 1000).size() - heldBefore;
      return new Round(movies, held);
    }

    private String movieTopic() {
      return ingest.kafka().topic(RecordType.MOVIES.recordType());
    }

    /** Bronze and silver once over what is there; a batch held stops its stream: run on. */
    void streamAndPublish() {
      try {
        pipeline.runAvailableNow(
            EnumSet.of(Layer.BRONZE, Layer.SILVER), EnumSet.allOf(RecordType.class));
      } catch (Exception held) {
        if (heldBatches.list(Optional.of(AuditState.HELD), 1).isEmpty()) {
          throw new IllegalStateException("the stream failed: " + held.getMessage(), held);
        }
        // The other tables' queries were stopped with it: their batches run now.
        try {
          pipeline.runAvailableNow(
              EnumSet.of(Layer.BRONZE, Layer.SILVER),
              EnumSet.complementOf(EnumSet.of(RecordType.MOVIES)));
        } catch (Exception again) {
          throw new IllegalStateException("the stream failed: " + again.getMessage(), again);
        }
      }
      serving.publishAll();
    }
  }

  /** Silver's movies as {@code main} has them: key to the compared fields. */
  private static Map<Long, List<Object>> silverMovies(IcebergStorageManager storage) {
    Map<Long, List<Object>> movies = new HashMap<>();
    Column[] compared =
        COMPARED.stream().map(name -> col(name).cast(DataTypes.StringType)).toArray(Column[]::new);
    for (Row row :
        storage
            .readFromLayer(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName())
            .select(col("movie_id"), array(compared))
            .collectAsList()) {
      movies.put(row.getLong(0), new ArrayList<>(row.getList(1)));
    }
    return movies;
  }

  /** The served movies: id to the compared fields, as strings like silver's. */
  private static Map<Long, List<Object>> servedMovies(MongoDatabase database) {
    Map<Long, List<Object>> movies = new HashMap<>();
    for (Document document :
        database.getCollection(ServingCollection.MOVIES.collectionName()).find()) {
      List<Object> values = new ArrayList<>();
      for (String field : COMPARED) {
        Object value = document.get(field);
        values.add(value == null ? null : String.valueOf(value));
      }
      movies.put(((Number) document.get("_id")).longValue(), values);
    }
    return movies;
  }

  /** Rows that are not as the honest run left them: changed, or keys it never had. */
  private static long differing(Map<Long, List<Object>> now, Map<Long, List<Object>> honest) {
    return now.entrySet().stream()
        .filter(entry -> !Objects.equals(entry.getValue(), honest.get(entry.getKey())))
        .count();
  }

  // ---- overhead ----

  private void overhead(long rows, double[] audited, double[] direct, PrintWriter progress) {
    IcebergStorageManager withGate = BenchmarkStorage.empty(spark, config, "bench_wap");
    IcebergStorageManager withoutGate = BenchmarkStorage.empty(spark, config, "bench_nowap");
    Clock clock = Clock.systemUTC();
    SilverBatchWriter gated =
        new SilverBatchWriter(
            withGate,
            RecordType.MOVIES,
            "quality-gates-bench",
            clock,
            new AuditGate(
                withGate, HeldBatchPolicy.STOP, Duration.ofSeconds(1), held -> {}, clock));
    SilverBatchWriter straight =
        new SilverBatchWriter(
            withoutGate,
            RecordType.MOVIES,
            "quality-gates-bench",
            clock,
            AuditGate.withoutBranches(withoutGate, clock));
    for (int round = 0; round < ROUNDS; round++) {
      Measure.step(
          progress, "overhead: round " + (round + 1) + " of " + ROUNDS + ", " + rows + " movies");
      Dataset<Row> batch = bronzeMovies(rows, round).localCheckpoint();
      long id = round;
      boolean gateFirst = round % 2 == 0;
      if (gateFirst) {
        audited[round] = Measure.seconds(() -> gated.write(batch, id));
        direct[round] = Measure.seconds(() -> straight.write(batch, id));
      } else {
        direct[round] = Measure.seconds(() -> straight.write(batch, id));
        audited[round] = Measure.seconds(() -> gated.write(batch, id));
      }
      progress.println(
          "    audited "
              + seconds(audited[round])
              + ", straight to main "
              + seconds(direct[round]));
      progress.flush();
    }
  }

  /** Bronze rows of {@code rows} movies as TMDB sends them; each round changes every movie. */
  private Dataset<Row> bronzeMovies(long rows, int round) {
    Column id = col("id");
    Column json =
        to_json(
            named_struct(
                lit("id"), id,
                lit("title"), concat(lit("Movie "), id.cast("string")),
                lit("original_title"), concat(lit("Movie "), id.cast("string")),
                lit("overview"), lit("A film about the benchmark, long enough to pass."),
                lit("release_date"), lit("2001-05-01"),
                lit("original_language"), lit("en"),
                lit("runtime"), pmod(id, lit(90)).plus(60),
                lit("vote_average"), pmod(id.plus(round), lit(100)).divide(10.0),
                lit("vote_count"), pmod(id, lit(5000)).plus(round),
                lit("popularity"), pmod(id, lit(700)).divide(7.0),
                lit("genres"),
                    array(
                        named_struct(lit("id"), lit(18), lit("name"), lit("Drama")),
                        named_struct(lit("id"), lit(35), lit("name"), lit("Comedy"))),
                lit("imdb_id"), concat(lit("tt"), id.cast("string")),
                lit("ingestion_timestamp"), lit(1_767_225_600.0 + round)));
    Dataset<Row> raw =
        spark
            .range(rows)
            .select(
                lit(RecordType.MOVIES.recordType()).as("kafka_topic"),
                lit(0).as("kafka_partition"),
                id.plus((long) round * rows).as("kafka_offset"),
                id.cast("string").as("kafka_key"),
                current_timestamp().as("kafka_timestamp"),
                json.as("raw_value"),
                current_timestamp().as("bronze_ingested_at"));
    List<Column> columns = new ArrayList<>();
    for (String name : raw.columns()) {
      columns.add(col(name));
    }
    for (String field : BronzeTable.recordSchema(RecordType.MOVIES).fieldNames()) {
      columns.add(col("data.`" + field + "`").as(field));
    }
    return raw.withColumn(
            "data", from_json(col("raw_value"), BronzeTable.recordSchema(RecordType.MOVIES)))
        .select(columns.toArray(Column[]::new));
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.2f s", value);
  }
}
