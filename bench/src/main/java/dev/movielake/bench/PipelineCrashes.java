package dev.movielake.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.movielake.bench.RecordDifference.ComparedRecord;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.KafkaConfig;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.ServeConfig;
import dev.movielake.infra.mongo.EmbeddedMongo;
import dev.movielake.infra.process.ChildJvm;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseSession;
import dev.movielake.lakehouse.TableName;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.model.ServingCollection;
import dev.movielake.publish.Publisher;
import dev.movielake.stream.StreamingPipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.StructField;
import org.bson.Document;

/**
 * Crashes anywhere: the real {@code pipeline stream} (bronze, silver, gold and publishing to
 * MongoDB) in a JVM of its own is killed with SIGKILL several times at random moments aimed at a
 * bronze batch, a silver batch, a gold refresh and a publish, while a fixed set of movies arrives;
 * it then finishes what is in Kafka, and every table and every published collection is compared
 * with an uninterrupted run of the same input in a second lakehouse folder.
 *
 * <p>Everything is the benchmark's own under its folder: a Kafka broker, a MongoDB server (in
 * memory, one database per run), and two lakehouses, each with its own catalog (SQLite) and
 * warehouse, registered in the caller's Spark session beside its own catalog. The crashed run's
 * last pass (a run to what is available now, then a publish, as {@code pipeline stream
 * --available-now} does) and the whole reference run use that session.
 *
 * <p>What is compared, and what not: every bronze, silver and gold table as a multiset of rows, and
 * every collection as a multiset of documents ({@link RecordDifference}), without the values that
 * depend on when or in which micro-batch a record was processed: bronze's {@code
 * bronze_ingested_at}, dead letters' {@code failed_at}, the quarantine's {@code batch} and {@code
 * quarantined_at}, and the documents' {@code _meta} (publish time and source snapshot id). Logs of
 * the runs themselves are left out: {@code silver.data_quality} (one row per rule per micro-batch
 * and per gold refresh, so its rows follow the batching) and {@code quality_scores} (the monitor's
 * runs), with their collections and {@code publish_state} (snapshot ids). Both runs read the same
 * topic, so Kafka partitions, offsets and timestamps are the same and are compared.
 */
public final class PipelineCrashes {
  private static final String TOPIC = "movies_crashes";
  private static final Duration TRIGGER = Duration.ofSeconds(2);
  private static final Duration GOLD_REFRESH = Duration.ofSeconds(3);
  private static final Duration PUBLISH_INTERVAL = Duration.ofSeconds(3);

  /** Covers the JVM's start (Spark, the queries) on a busy machine, then the phase itself. */
  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(5);

  /** A kill lands this long after the phase was seen starting, at random. */
  private static final int MIN_DELAY_MILLIS = 50;

  private static final int MAX_DELAY_MILLIS = 500;

  /** The share of the input in Kafka before the first pipeline JVM starts. */
  private static final double BEFORE_CRASHES = 0.4;

  /** Gives each run catalogs of its own names: Spark keeps a catalog once loaded by name. */
  private static final AtomicInteger RUNS = new AtomicInteger();

  private static final Set<String> LOG_COLLECTIONS =
      Set.of(
          ServingCollection.DATA_QUALITY.collectionName(),
          ServingCollection.QUALITY_SCORES.collectionName(),
          ServingCollection.PUBLISH_STATE.collectionName());
  private static final String DOCUMENT_META = "_meta";

  /** Where a kill can be aimed, and what can be under way when it lands. */
  public enum Phase {
    BRONZE("bronze batch"),
    SILVER("silver batch"),
    /** The windowed gold stream's batch (trending movies); kills are not aimed at it. */
    GOLD_WINDOWS("gold windows batch"),
    GOLD_REFRESH("gold refresh"),
    PUBLISH("publish");

    private final String label;

    Phase(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One kill.
   *
   * @param seen whether the aimed phase was seen starting before {@link #PHASE_TIMEOUT}; if not,
   *     the JVM was killed at the timeout
   * @param delayMillis how long after the phase was seen starting
   * @param inFlight what was under way at the kill, in words
   */
  public record Kill(
      int number,
      Phase aimedAt,
      boolean seen,
      long delayMillis,
      Set<Phase> landedIn,
      String inFlight) {
    public Kill {
      landedIn = Collections.unmodifiableSet(EnumSet.copyOf(landedIn));
    }

    /** Whether the kill hit the phase it was aimed at while that phase was under way. */
    public boolean hit() {
      return seen && landedIn.contains(aimedAt);
    }
  }

  /**
   * @param differences per table ({@code bronze.movies_raw}, ...) and per collection ({@code
   *     mongodb.movies}, ...)
   */
  public record Outcome(List<Kill> killPoints, List<RecordDifference> differences) {
    public Outcome {
      killPoints = List.copyOf(killPoints);
      differences = List.copyOf(differences);
    }

    public int kills() {
      return killPoints.size();
    }

    public long lostRecords() {
      return differences.stream().mapToLong(RecordDifference::lost).sum();
    }

    public long duplicatedRecords() {
      return differences.stream().mapToLong(RecordDifference::duplicated).sum();
    }

    /** The kills that landed in the phase they were aimed at, per phase. */
    public Map<Phase, Integer> hits() {
      Map<Phase, Integer> hits = new EnumMap<>(Phase.class);
      for (Kill kill : killPoints) {
        if (kill.hit()) {
          hits.merge(kill.aimedAt(), 1, Integer::sum);
        }
      }
      return hits;
    }

    /** The differences of one layer ({@code bronze}, {@code silver}, {@code gold}) or mongodb. */
    public List<RecordDifference> differencesIn(String layerOrMongodb) {
      return differences.stream()
          .filter(difference -> difference.place().startsWith(layerOrMongodb + "."))
          .toList();
    }
  }

  private final SparkSession spark;
  private final Path folder;
  private final String pipelineMainClass;

  /**
   * @param spark the session the last pass, the reference run and the comparison use
   * @param folder the benchmark's own, emptied first
   * @param pipelineMainClass the main class of the {@code pipeline} command line, whose stream
   *     command is killed
   */
  public PipelineCrashes(SparkSession spark, Path folder, String pipelineMainClass) {
    this.spark = spark;
    this.folder = folder.toAbsolutePath().normalize();
    this.pipelineMainClass = pipelineMainClass;
  }

  /**
   * @param kills SIGKILLs of the pipeline JVM, aimed in turn at bronze, silver, a gold refresh and
   *     a publish (in a random order), then at a phase chosen at random
   * @param movies movies in the input (see {@link CrashInput} for the rest of it)
   */
  public Outcome run(int kills, long movies, PrintWriter progress) {
    if (kills < 1 || movies < 100) {
      throw new IllegalArgumentException(
          "the crash benchmark needs at least 1 kill and 100 movies, got "
              + kills
              + " kills and "
              + movies
              + " movies");
    }
    int run = RUNS.incrementAndGet();
    long seed = System.nanoTime();
    Random random = new Random(seed);
    BenchmarkFolder.delete(folder);
    List<MovieMessage> input = CrashInput.messages(movies);
    step(
        progress,
        "crashes: "
            + input.size()
            + " records ("
            + movies
            + " movies, later versions, movies without a title, unreadable records), "
            + kills
            + " kills, random seed "
            + seed);
    try (BenchmarkKafka kafka = BenchmarkKafka.start(folder.resolve("kafka"));
        MovieProducer producer = new MovieProducer(kafka.bootstrapServers());
        EmbeddedMongo mongo = EmbeddedMongo.startInMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      kafka.createMovieTopic(TOPIC);
      Lakehouse crashed =
          new Lakehouse(folder.resolve("crashed"), "bench_crashed_" + run, "crashed", kafka, mongo);
      Lakehouse reference =
          new Lakehouse(
              folder.resolve("reference"), "bench_reference_" + run, "reference", kafka, mongo);

      int before = (int) (input.size() * BEFORE_CRASHES);
      producer.send(TOPIC, input.subList(0, before));
      List<List<MovieMessage>> bursts = split(input.subList(before, input.size()), kills);
      List<Phase> aims = aims(kills, random);
      List<Kill> killPoints = new ArrayList<>();
      long started = System.nanoTime();
      for (int number = 1; number <= kills; number++) {
        Path log = crashed.home().resolve("pipeline-" + number + ".log");
        ChildJvm pipeline =
            ChildJvm.start(pipelineMainClass, streamArguments(), crashed.environment(), log);
        Kill kill;
        try {
          PipelineWatch watch =
              new PipelineWatch(crashed.checkpoints(), crashed.warehouseFolder(Layer.GOLD), log);
          // Each JVM gets new records, so every phase has work while it runs.
          producer.send(TOPIC, bursts.get(number - 1));
          kill = killDuring(pipeline, watch, aims.get(number - 1), number, random);
        } finally {
          pipeline.kill();
        }
        killPoints.add(kill);
        progress.println(
            String.format(
                Locale.ROOT,
                "    kill %d of %d (%.0f s): aimed at the %s, %s; under way: %s",
                number,
                kills,
                (System.nanoTime() - started) / 1e9,
                kill.aimedAt().label(),
                kill.seen()
                    ? kill.delayMillis() + " ms after it began"
                    : "not seen in " + PHASE_TIMEOUT.toSeconds() + " s",
                kill.inFlight()));
        progress.flush();
      }

      step(progress, "letting the crashed pipeline finish what is in Kafka, then publish");
      finish(crashed, client);
      step(progress, "the uninterrupted reference run of the same topic, in a second lakehouse");
      finish(reference, client);
      step(progress, "comparing every table and collection with the reference");
      List<RecordDifference> differences = new ArrayList<>();
      differences.addAll(compareTables(reference, crashed));
      differences.addAll(compareCollections(reference, crashed, client));
      for (RecordDifference difference : differences) {
        progress.println(
            String.format(
                Locale.ROOT,
                "    %-40s reference %6d, crashed %6d: %d lost, %d duplicated%s",
                difference.place(),
                difference.referenceRecords(),
                difference.crashedRecords(),
                difference.lost(),
                difference.duplicated(),
                difference.examples().isEmpty()
                    ? ""
                    : "\n      " + String.join("\n      ", difference.examples())));
      }
      progress.flush();
      return new Outcome(killPoints, differences);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while crashing the pipeline", e);
    }
  }

  /**
   * Waits until the aimed phase starts, lets a random few hundred milliseconds pass, and kills the
   * JVM; reads what was under way just before.
   */
  private Kill killDuring(
      ChildJvm pipeline, PipelineWatch watch, Phase aim, int number, Random random)
      throws InterruptedException {
    // A publish is seen starting at each collection it starts on: the kill may wait for the first
    // or the second, so that it lands at several places of a publish.
    int startsToSee = aim == Phase.PUBLISH ? 1 + random.nextInt(2) : 1;
    long delay = MIN_DELAY_MILLIS + random.nextInt(MAX_DELAY_MILLIS - MIN_DELAY_MILLIS + 1);
    long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
    boolean seen = false;
    while (!seen && System.nanoTime() < deadline) {
      if (!pipeline.isAlive()) {
        throw new IllegalStateException(
            "the pipeline JVM exited by itself before kill " + number + ":\n" + pipeline.logTail());
      }
      watch.poll();
      seen = watch.starts(aim) >= startsToSee;
      if (!seen) {
        Thread.sleep(50);
      }
    }
    long killAt = System.nanoTime() + (seen ? delay * 1_000_000 : 0);
    while (System.nanoTime() < killAt) {
      Thread.sleep(10);
      watch.poll(); // so that a phase that ends before the kill is not counted as under way
    }
    watch.poll();
    Set<Phase> landedIn = watch.inFlight();
    String inFlight = watch.describe();
    pipeline.kill();
    return new Kill(number, aim, seen, seen ? delay : 0, landedIn, inFlight);
  }

  /** Bronze, silver, a gold refresh and a publish in a random order, then random phases. */
  private static List<Phase> aims(int kills, Random random) {
    List<Phase> aimable = List.of(Phase.BRONZE, Phase.SILVER, Phase.GOLD_REFRESH, Phase.PUBLISH);
    List<Phase> first = new ArrayList<>(aimable);
    Collections.shuffle(first, random);
    List<Phase> aims = new ArrayList<>();
    for (int kill = 0; kill < kills; kill++) {
      aims.add(kill < first.size() ? first.get(kill) : aimable.get(random.nextInt(aimable.size())));
    }
    return aims;
  }

  private static List<List<MovieMessage>> split(List<MovieMessage> messages, int parts) {
    List<List<MovieMessage>> bursts = new ArrayList<>();
    for (int part = 0; part < parts; part++) {
      bursts.add(
          messages.subList(
              (int) ((long) messages.size() * part / parts),
              (int) ((long) messages.size() * (part + 1) / parts)));
    }
    return bursts;
  }

  private static List<String> streamArguments() {
    return List.of(
        "stream",
        "--layers",
        "bronze,silver,gold",
        "--types",
        RecordType.MOVIES.recordType(),
        "--trigger",
        TRIGGER.toSeconds() + " seconds",
        "--gold-refresh",
        GOLD_REFRESH.toString(),
        "--publish-interval",
        PUBLISH_INTERVAL.toString());
  }

  /**
   * What {@code pipeline stream --available-now} does: every layer up to what Kafka holds, the gold
   * refresh, then one publish.
   */
  private void finish(Lakehouse lakehouse, MongoClient client) {
    try {
      new StreamingPipeline(
              lakehouse.storage(),
              lakehouse.kafka().bootstrapServers(),
              Map.of(RecordType.MOVIES, TOPIC),
              lakehouse.checkpoints(),
              Clock.systemUTC())
          .runAvailableNow(EnumSet.allOf(Layer.class), EnumSet.of(RecordType.MOVIES));
    } catch (StreamingQueryException e) {
      throw new IllegalStateException(
          "the run of the " + lakehouse.mongoDatabase() + " pipeline failed: " + e.getMessage(), e);
    }
    new Publisher(
            lakehouse.storage(), client.getDatabase(lakehouse.mongoDatabase()), Clock.systemUTC())
        .publishAll();
  }

  private static List<RecordDifference> compareTables(Lakehouse reference, Lakehouse crashed) {
    List<RecordDifference> differences = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      Set<String> tables = new TreeSet<>();
      for (Lakehouse lakehouse : List.of(reference, crashed)) {
        lakehouse.storage().listTables(layer).stream().map(TableName::table).forEach(tables::add);
      }
      for (String table : tables) {
        PipelineTable known = PipelineTable.find(layer, table).orElse(null);
        if (known == PipelineTable.DATA_QUALITY || known == PipelineTable.QUALITY_SCORES) {
          continue;
        }
        Set<String> perRun = perRunColumns(known);
        differences.add(
            RecordDifference.between(
                layer.id() + "." + table,
                rows(reference, layer, table, perRun),
                rows(crashed, layer, table, perRun)));
      }
    }
    return differences;
  }

  /** The columns whose values depend on when, or in which micro-batch, a row was written. */
  private static Set<String> perRunColumns(PipelineTable table) {
    if (table == null) {
      return Set.of();
    }
    return switch (table) {
      case DEAD_LETTER -> Set.of("failed_at");
      case QUARANTINE -> Set.of("batch", "quarantined_at");
      default -> table.layer() == Layer.BRONZE ? Set.of("bronze_ingested_at") : Set.of();
    };
  }

  private static List<ComparedRecord> rows(
      Lakehouse lakehouse, Layer layer, String table, Set<String> perRun) {
    if (!lakehouse.storage().tableExists(layer, table)) {
      return List.of();
    }
    List<ComparedRecord> records = new ArrayList<>();
    for (Row row : lakehouse.storage().readFromLayer(layer, table).collectAsList()) {
      records.add(compared(row, perRun));
    }
    return records;
  }

  private static ComparedRecord compared(Row row, Set<String> ignored) {
    StringBuilder exact = new StringBuilder();
    List<Double> numbers = new ArrayList<>();
    List<StructField> fields = new ArrayList<>(List.of(row.schema().fields()));
    fields.sort(Comparator.comparing(StructField::name));
    for (StructField field : fields) {
      if (ignored.contains(field.name())) {
        continue;
      }
      Object value = row.get(row.fieldIndex(field.name()));
      exact.append(field.name()).append('=');
      if (field.dataType() instanceof DoubleType || field.dataType() instanceof FloatType) {
        numbers.add(value == null ? Double.NaN : ((Number) value).doubleValue());
        exact.append(value == null ? "null" : "number");
      } else if (value instanceof byte[] bytes) {
        exact.append(Base64.getEncoder().encodeToString(bytes));
      } else {
        exact.append(value);
      }
      exact.append("; ");
    }
    return new ComparedRecord(
        exact.toString(), numbers.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static List<RecordDifference> compareCollections(
      Lakehouse reference, Lakehouse crashed, MongoClient client) {
    MongoDatabase referenceDatabase = client.getDatabase(reference.mongoDatabase());
    MongoDatabase crashedDatabase = client.getDatabase(crashed.mongoDatabase());
    Set<String> collections = new TreeSet<>();
    referenceDatabase.listCollectionNames().forEach(collections::add);
    crashedDatabase.listCollectionNames().forEach(collections::add);
    collections.removeAll(LOG_COLLECTIONS);
    List<RecordDifference> differences = new ArrayList<>();
    for (String collection : collections) {
      differences.add(
          RecordDifference.between(
              "mongodb." + collection,
              documents(referenceDatabase, collection),
              documents(crashedDatabase, collection)));
    }
    return differences;
  }

  private static List<ComparedRecord> documents(MongoDatabase database, String collection) {
    List<ComparedRecord> records = new ArrayList<>();
    for (Document document : database.getCollection(collection).find()) {
      Document exact = new Document();
      List<Double> numbers = new ArrayList<>();
      for (String field : new TreeSet<>(document.keySet())) {
        Object value = document.get(field);
        if (field.equals(DOCUMENT_META)) {
          continue;
        }
        if (value instanceof Double || value instanceof Float) {
          numbers.add(((Number) value).doubleValue());
          exact.append(field, "number");
        } else {
          exact.append(field, value);
        }
      }
      records.add(
          new ComparedRecord(
              exact.toJson(), numbers.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return records;
  }

  private static void step(PrintWriter progress, String message) {
    progress.println("  " + message + " ...");
    progress.flush();
  }

  /**
   * One of the two lakehouses: its folder, catalog (SQLite) and warehouse, checkpoints and MongoDB
   * database, as variables for the pipeline JVM and as a storage manager in this session.
   */
  private final class Lakehouse {
    private final Path home;
    private final String mongoDatabase;
    private final BenchmarkKafka kafka;
    private final Map<String, String> environment = new HashMap<>();
    private final IcebergStorageManager storage;

    Lakehouse(
        Path home,
        String catalog,
        String mongoDatabase,
        BenchmarkKafka kafka,
        EmbeddedMongo mongo) {
      this.home = home;
      this.mongoDatabase = mongoDatabase;
      this.kafka = kafka;
      // Everything set, so that nothing of the user's environment or .env reaches these runs.
      environment.put(LakehouseConfig.HOME, home.toString());
      environment.put(LakehouseConfig.CATALOG_TYPE, "jdbc");
      environment.put(LakehouseConfig.CATALOG_NAME, catalog);
      environment.put(LakehouseConfig.JDBC_URI, "jdbc:sqlite:" + home.resolve("catalog.db"));
      environment.put(LakehouseConfig.WAREHOUSE_PATH, home.resolve("warehouse").toString());
      for (Layer layer : Layer.values()) {
        environment.put(LakehouseConfig.databaseVariable(layer), layer.id());
      }
      environment.put(LakehouseConfig.SPARK_MASTER, "local[2]");
      environment.put(LakehouseConfig.SPARK_SHUFFLE_PARTITIONS, "4");
      environment.put(KafkaConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
      environment.put(KafkaConfig.topicVariable(RecordType.MOVIES.recordType()), TOPIC);
      environment.put(IngestConfig.CHECKPOINT_DIR, checkpoints().toString());
      // Any free port for its metrics: a stream the user runs may hold the default one.
      environment.put(IngestConfig.METRICS_PORT, "0");
      environment.put(ServeConfig.MONGODB_URI, mongo.connectionString());
      environment.put(ServeConfig.MONGODB_DATABASE, mongoDatabase);
      try {
        Files.createDirectories(home);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the lakehouse folder " + home, e);
      }
      LakehouseConfig config = LakehouseConfig.from(environment);
      LakehouseSession.registerCatalog(spark, config);
      this.storage = new IcebergStorageManager(spark, config);
    }

    Path home() {
      return home;
    }

    Path checkpoints() {
      return home.resolve("checkpoints");
    }

    Path warehouseFolder(Layer layer) {
      return Path.of(storage.config().warehousePath()).resolve(storage.config().database(layer));
    }

    Map<String, String> environment() {
      return environment;
    }

    IcebergStorageManager storage() {
      return storage;
    }

    String mongoDatabase() {
      return mongoDatabase;
    }

    BenchmarkKafka kafka() {
      return kafka;
    }
  }
}
