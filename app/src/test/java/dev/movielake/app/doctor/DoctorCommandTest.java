package dev.movielake.app.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.movielake.app.cli.LakehouseContext;
import dev.movielake.app.cli.PipelineRunner;
import dev.movielake.cli.Json;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.infra.FreePort;
import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.infra.mongo.EmbeddedMongo;
import dev.movielake.infra.s3.S3Server;
import dev.movielake.ingest.kafka.TopicSettings;
import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.storage.ObjectStorageCheck;
import dev.movielake.simulator.SimulatorOptions;
import dev.movielake.simulator.TmdbSimulator;
import java.io.Closeable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline doctor} against real services the test starts (an S3 server, a Kafka broker, a
 * MongoDB server, the TMDB simulator) and against ports where nothing listens: every message, the
 * exit code, and that no secret is printed and nothing is created.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorCommandTest {
  private static final String ACCESS_KEY = "doctor-access-key";
  private static final String SECRET_KEY = "doctor-secret-key-8731";

  @TempDir static Path shared;
  private static S3Server s3;

  @TempDir Path home;

  @BeforeAll
  static void startStorage() {
    s3 =
        S3Server.start(
            shared.resolve("s3"), 0, ACCESS_KEY, SECRET_KEY, shared.resolve("logs/s3.log"));
  }

  @AfterAll
  static void stopStorage() {
    if (s3 != null) {
      s3.close();
    }
  }

  private Map<String, String> defaults() {
    Map<String, String> variables = new HashMap<>();
    variables.put("LAKEHOUSE_HOME", home.toString());
    variables.put("PIPELINE_ENV_FILE", home.resolve(".env").toString());
    return variables;
  }

  private Map<String, String> onS3(String bucket, String secretKey) {
    Map<String, String> variables = defaults();
    variables.put("ICEBERG_WAREHOUSE_PATH", "s3://" + bucket + "/warehouse");
    variables.put("ICEBERG_S3_ENDPOINT", s3.endpoint());
    variables.put("ICEBERG_S3_ACCESS_KEY", ACCESS_KEY);
    variables.put("ICEBERG_S3_SECRET_KEY", secretKey);
    return variables;
  }

  private static PipelineRunner.Run doctor(Map<String, String> variables, String... options) {
    String[] arguments =
        Stream.concat(Stream.of("doctor"), Stream.of(options)).toArray(String[]::new);
    return new PipelineRunner(new LakehouseContext(() -> variables)).run(arguments);
  }

  private static JsonNode json(PipelineRunner.Run run) throws Exception {
    assertThat(run.out()).as("%s", run).startsWith("{");
    return Json.mapper().readTree(run.out());
  }

  /** The finding of one check, from the JSON output. */
  private static JsonNode finding(JsonNode result, String check) {
    for (JsonNode finding : result.get("findings")) {
      if (finding.get("check").asText().equals(check)) {
        return finding;
      }
    }
    throw new AssertionError("no finding for " + check + " in " + result);
  }

  @Test
  void anInvalidVariableBreaksTheConfigurationAndSkipsOnlyTheChecksThatNeedIt() throws Exception {
    Map<String, String> variables = defaults();
    variables.put("ICEBERG_CATALOG_TYPE", "nessie");

    JsonNode result = json(doctor(variables, "--json"));

    assertThat(finding(result, "configuration").get("status").asText()).isEqualTo("BROKEN");
    assertThat(finding(result, "configuration").get("found").asText())
        .contains("ICEBERG_CATALOG_TYPE");
    for (String check : new String[] {"catalog", "storage", "features"}) {
      assertThat(finding(result, check).get("status").asText()).as(check).isEqualTo("SKIPPED");
      assertThat(finding(result, check).get("found").asText())
          .as(check)
          .isEqualTo("not checked: ICEBERG_CATALOG_TYPE is invalid (see the configuration check)");
    }
    // The parts that parsed are still checked.
    assertThat(finding(result, "mongodb").get("status").asText()).isEqualTo("OK");
    assertThat(finding(result, "kafka").get("status").asText()).isEqualTo("OK");
  }

  @Test
  void theEmbeddedDefaultsAreAllOkAndNothingIsCreated() throws Exception {
    PipelineRunner.Run text = doctor(defaults());

    assertThat(text.exitCode()).as("%s", text).isZero();
    assertThat(text.out().lines().findFirst().orElseThrow()).matches("CHECK +STATUS +FINDING +FIX");
    assertThat(text.out())
        .contains(
            "embedded SQLite catalog " + home.resolve("catalog.db") + " is created on first write",
            "warehouse folder " + home.resolve("warehouse") + " is created on first write",
            "local checkpoint folder "
                + home.resolve("checkpoints")
                + " is created on first run ("
                + home
                + " is writable)",
            "embedded broker (data in " + home.resolve("kafka") + ") starts on demand",
            "embedded MongoDB (data in " + home.resolve("mongo/serving.mv") + ") starts on demand",
            "built-in simulator (nothing reaches the internet)",
            "no " + home.resolve(".env") + ": variables from the environment only");
    assertThat(text.out()).endsWith("9 ok, 0 warnings, 0 broken" + System.lineSeparator());
    assertThat(text.err()).contains("checking catalog ...", "checking tmdb ...");

    JsonNode result = json(doctor(defaults(), "--json"));
    assertThat(result.get("status").asText()).isEqualTo("OK");
    assertThat(result.get("broken").isNumber()).isTrue();
    assertThat(result.get("broken").asInt()).isZero();
    assertThat(result.get("ok").asInt()).isEqualTo(9);
    assertThat(result.get("findings").findValuesAsText("check"))
        .containsExactly(
            "configuration",
            "catalog",
            "storage",
            "checkpoints",
            "features",
            "tables",
            "kafka",
            "mongodb",
            "tmdb");
    assertThat(result.get("findings").findValuesAsText("status")).containsOnly("OK");
    assertThat(result.get("findings").get(0).get("elapsedMillis").isNumber()).isTrue();
    try (Stream<Path> created = Files.list(home)) {
      assertThat(created).as("the doctor creates nothing").isEmpty();
    }
  }

  @Test
  void anS3BucketThatAnswersIsOkAndAWrongSecretIsNamedWithoutTheSecret() throws Exception {
    ObjectStorageCheck.run(
        LakehouseConfig.from(onS3("doctor-bucket", SECRET_KEY))); // creates the bucket

    JsonNode healthy = json(doctor(onS3("doctor-bucket", SECRET_KEY), "--json"));
    assertThat(finding(healthy, "storage").get("found").asText())
        .isEqualTo("bucket doctor-bucket at " + s3.endpoint() + " answers and accepts the keys");

    // Checkpoints on S3 are checked with the warehouse's S3 settings: scheme, bucket, answer.
    Map<String, String> checkpointsOnS3 = onS3("doctor-bucket", SECRET_KEY);
    checkpointsOnS3.put("STREAM_CHECKPOINT_DIR", "s3a://doctor-bucket/checkpoints");
    assertThat(
            finding(json(doctor(checkpointsOnS3, "--json")), "checkpoints").get("found").asText())
        .isEqualTo(
            "s3a checkpoints at s3a://doctor-bucket/checkpoints: bucket doctor-bucket at "
                + s3.endpoint()
                + " answers and accepts the keys");
    checkpointsOnS3.put("STREAM_CHECKPOINT_DIR", "s3a://no-checkpoint-bucket/checkpoints");
    JsonNode missing = finding(json(doctor(checkpointsOnS3, "--json")), "checkpoints");
    assertThat(missing.get("status").asText()).isEqualTo("BROKEN");
    assertThat(missing.get("found").asText())
        .contains("the bucket no-checkpoint-bucket does not exist at " + s3.endpoint());
    assertThat(missing.get("fix").asText()).contains("STREAM_CHECKPOINT_DIR");

    PipelineRunner.Run wrong = doctor(onS3("doctor-bucket", "not-the-secret-key"), "--json");
    assertThat(wrong.exitCode()).as("%s", wrong).isEqualTo(1);
    JsonNode storage = finding(json(wrong), "storage");
    assertThat(storage.get("status").asText()).isEqualTo("BROKEN");
    assertThat(storage.get("found").asText())
        .startsWith(
            "S3 rejected the credentials for bucket doctor-bucket at "
                + s3.endpoint()
                + " (HTTP 403");
    assertThat(storage.get("fix").asText())
        .startsWith("check ICEBERG_S3_ACCESS_KEY and ICEBERG_S3_SECRET_KEY");
    assertThat(wrong.out() + wrong.err())
        .doesNotContain("not-the-secret-key")
        .doesNotContain(SECRET_KEY);
  }

  @Test
  void aMissingBucketIsReportedAndNotCreated() throws Exception {
    PipelineRunner.Run run = doctor(onS3("missing-bucket", SECRET_KEY));

    assertThat(run.exitCode())
        .as("a bucket the first write creates is a warning: %s", run)
        .isZero();
    assertThat(run.out())
        .containsPattern(
            "storage +WARNING +the bucket missing-bucket does not exist at "
                + s3.endpoint()
                + " +create it \\(mc mb / aws s3 mb s3://missing-bucket\\)");
    assertThat(run.out()).contains("or fix the bucket in ICEBERG_WAREHOUSE_PATH");
    assertThat(s3.dataDirectory().resolve("missing-bucket")).doesNotExist();
  }

  /** Last: the S3 server stays stopped (restarting it would cost seconds). */
  @Test
  @Order(Integer.MAX_VALUE)
  void aStoppedS3EndpointIsBrokenWithTheEndpointVariable() throws Exception {
    ObjectStorageCheck.run(LakehouseConfig.from(onS3("stopped-bucket", SECRET_KEY)));
    s3.stop();

    long started = System.nanoTime();
    PipelineRunner.Run run = doctor(onS3("stopped-bucket", SECRET_KEY), "--json");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));

    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    JsonNode result = json(run);
    JsonNode storage = finding(result, "storage");
    assertThat(storage.get("status").asText()).isEqualTo("BROKEN");
    assertThat(storage.get("found").asText())
        .isEqualTo(
            "cannot reach the S3 endpoint "
                + s3.endpoint()
                + " (connection refused) for bucket stopped-bucket");
    assertThat(storage.get("fix").asText())
        .isEqualTo("is MinIO/the S3 server running? check ICEBERG_S3_ENDPOINT");
    assertThat(finding(result, "tables").get("status").asText())
        .isEqualTo("OK"); // no catalog yet: no tables
    assertThat(result.get("broken").asInt()).isEqualTo(1);
  }

  @Test
  void aHiveMetastoreWhereNothingListensIsBrokenWithTheMetastoreFix() throws Exception {
    Map<String, String> variables = defaults();
    variables.put("ICEBERG_CATALOG_TYPE", "hive");
    String uri = "thrift://127.0.0.1:" + FreePort.find();
    variables.put("HIVE_METASTORE_URI", uri);

    long started = System.nanoTime();
    PipelineRunner.Run run = doctor(variables);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));

    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    assertThat(run.out())
        .containsPattern(
            "catalog +BROKEN +cannot connect to the Hive Metastore at "
                + uri.replace(".", "\\.")
                + " \\(connection refused\\) +is it running\\? start it \\(pipeline stack up /"
                + " docker compose up hive-metastore\\) or fix HIVE_METASTORE_URI");
    assertThat(run.out())
        .containsPattern("tables +SKIPPED +not checked: the catalog is not available");
    assertThat(run.out()).contains("7 ok, 0 warnings, 1 broken, 1 skipped");
  }

  @Test
  void aPostgresCatalogWhereNothingListensIsBrokenWithoutThePassword() throws Exception {
    Map<String, String> variables = defaults();
    String uri = "jdbc:postgresql://127.0.0.1:" + FreePort.find() + "/catalog";
    variables.put("ICEBERG_JDBC_URI", uri);
    variables.put("ICEBERG_JDBC_USER", "iceberg");
    variables.put("ICEBERG_JDBC_PASSWORD", "catalog-password-5521");

    PipelineRunner.Run run = doctor(variables, "--json");

    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    JsonNode catalog = finding(json(run), "catalog");
    assertThat(catalog.get("found").asText())
        .isEqualTo("cannot connect to the catalog database at " + uri + " (connection refused)");
    assertThat(catalog.get("fix").asText())
        .isEqualTo(
            "is PostgreSQL running? start it (pipeline stack up / docker compose up"
                + " postgres-metastore) or fix ICEBERG_JDBC_URI");
    assertThat(run.out() + run.err()).doesNotContain("catalog-password-5521");
  }

  @Test
  void kafkaTopicsMissingAreAWarningAndABrokerWhereNothingListensIsBrokenInTime() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(home.resolve("broker"))) {
      Map<String, String> variables = defaults();
      variables.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());

      PipelineRunner.Run missing = doctor(variables);
      assertThat(missing.exitCode()).as("%s", missing).isZero();
      assertThat(missing.out())
          .containsPattern(
              "kafka +WARNING +Kafka at "
                  + kafka.bootstrapServers()
                  + " answers \\(1 broker\\(s\\)\\); missing topics: movies, people, credits,"
                  + " reviews, ratings +run pipeline ingest \\(it creates them\\), or leave them:"
                  + " they are created on the first publish");

      createTopics(
          kafka.bootstrapServers(), TopicSettings.of(IngestConfig.from(variables).kafka()));
      JsonNode present = finding(json(doctor(variables, "--json")), "kafka");
      assertThat(present.get("status").asText()).isEqualTo("OK");
      assertThat(present.get("found").asText())
          .endsWith("topics present: movies, people, credits, reviews, ratings");
    }

    Map<String, String> closed = defaults();
    String servers = "127.0.0.1:" + FreePort.find();
    closed.put("KAFKA_BOOTSTRAP_SERVERS", servers);
    long started = System.nanoTime();
    PipelineRunner.Run run = doctor(closed, "--json");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    JsonNode kafka = finding(json(run), "kafka");
    assertThat(kafka.get("found").asText())
        .isEqualTo("no Kafka broker answers at " + servers + " (no answer within 5 s)");
    assertThat(kafka.get("fix").asText())
        .isEqualTo(
            "start Kafka (pipeline stack up / docker compose up kafka), fix"
                + " KAFKA_BOOTSTRAP_SERVERS, or unset it to use the embedded broker");
  }

  /**
   * The pipeline's topics with one partition each: quicker to create than ingestion's partition
   * counts.
   */
  private static void createTopics(String bootstrapServers, List<TopicSettings> topics)
      throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(
              topics.stream().map(topic -> new NewTopic(topic.name(), 1, (short) 1)).toList())
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void mongoAnswersOrIsBrokenWithoutItsPassword() throws Exception {
    try (EmbeddedMongo mongo = EmbeddedMongo.startInMemory()) {
      Map<String, String> variables = defaults();
      variables.put("MONGODB_URI", mongo.connectionString());
      JsonNode answering = finding(json(doctor(variables, "--json")), "mongodb");
      assertThat(answering.get("found").asText())
          .isEqualTo(
              "MongoDB at "
                  + mongo.connectionString().substring("mongodb://".length())
                  + " answers (database moviedb)");
    }

    Map<String, String> variables = defaults();
    String host = "127.0.0.1:" + FreePort.find();
    variables.put(
        "MONGODB_URI",
        "mongodb://serving:mongo-password-7731@" + host + "/moviedb?authSource=admin");
    PipelineRunner.Run run = doctor(variables);

    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    assertThat(run.out())
        .containsPattern(
            "mongodb +BROKEN +no MongoDB answers at "
                + host.replace(".", "\\.")
                + " \\(no answer within 3 s\\) +start it \\(pipeline stack up / docker compose up"
                + " mongodb\\), fix MONGODB_URI, or unset it to use the embedded server");
    assertThat(run.out() + run.err()).doesNotContain("mongo-password-7731");
  }

  @Test
  void aServerThatAcceptsButNeverAnswersCostsOnlyTheTimeout() throws Exception {
    // The kernel completes connections to a listening socket nobody accepts on: a hung server.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Map<String, String> variables = defaults();
      String host = "127.0.0.1:" + silent.getLocalPort();
      variables.put("MONGODB_URI", "mongodb://" + host + "/moviedb");

      long started = System.nanoTime();
      PipelineRunner.Run run = doctor(variables, "--timeout", "1", "--json");
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

      assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
      JsonNode mongo = finding(json(run), "mongodb");
      assertThat(mongo.get("found").asText())
          .isEqualTo("no MongoDB answers at " + host + " (no answer within 1 s)");
      assertThat(mongo.get("elapsedMillis").asLong()).isBetween(1_000L, 2_900L);
      assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void theRealTmdbApiNeedsAKeyThatItAccepts() throws Exception {
    SimulatorOptions options =
        SimulatorOptions.defaults().withMovies(10).withApiKey("tmdb-key-4410");
    try (TmdbSimulator simulator = TmdbSimulator.start(options)) {
      Map<String, String> withoutKey = defaults();
      withoutKey.put("TMDB_BASE_URL", simulator.baseUrl());
      PipelineRunner.Run missing = doctor(withoutKey, "--json");
      assertThat(missing.exitCode()).as("%s", missing).isEqualTo(1);
      JsonNode noKey = finding(json(missing), "tmdb");
      assertThat(noKey.get("found").asText())
          .isEqualTo(
              "the TMDB API at "
                  + simulator.baseUrl()
                  + " is selected (TMDB_BASE_URL) but no key is set");
      assertThat(noKey.get("fix").asText())
          .startsWith("set TMDB_API_KEY (v3 key) or TMDB_READ_TOKEN (read access token)");
      assertThat(finding(json(missing), "configuration").get("status").asText()).isEqualTo("OK");

      Map<String, String> wrongKey = defaults();
      wrongKey.put("TMDB_BASE_URL", simulator.baseUrl());
      wrongKey.put("TMDB_API_KEY", "wrong-tmdb-key-9902");
      PipelineRunner.Run rejected = doctor(wrongKey, "--json");
      assertThat(rejected.exitCode()).isEqualTo(1);
      assertThat(finding(json(rejected), "tmdb").get("found").asText())
          .isEqualTo(
              "TMDB at "
                  + simulator.baseUrl()
                  + " rejected the key TMDB_API_KEY (HTTP 401: Invalid API key: You must be granted"
                  + " a valid key.)");
      assertThat(rejected.out() + rejected.err()).doesNotContain("wrong-tmdb-key-9902");

      Map<String, String> rightKey = defaults();
      rightKey.put("TMDB_BASE_URL", simulator.baseUrl());
      rightKey.put("TMDB_API_KEY", "tmdb-key-4410");
      PipelineRunner.Run accepted = doctor(rightKey, "--json");
      assertThat(accepted.exitCode()).as("%s", accepted).isZero();
      assertThat(finding(json(accepted), "tmdb").get("found").asText())
          .isEqualTo("TMDB at " + simulator.baseUrl() + " accepts TMDB_API_KEY");
      assertThat(accepted.out()).doesNotContain("tmdb-key-4410");
    }
  }

  @Test
  void tablesWithFormatVersionOneOrManySmallFilesGetTheFixingCommands() throws Exception {
    Map<String, String> variables = defaults();
    variables.put("ICEBERG_ENABLE_SCHEMA_EVOLUTION", "false");
    LakehouseConfig config = LakehouseConfig.from(variables);
    Schema schema = new Schema(Types.NestedField.required(1, "movie_id", Types.LongType.get()));
    String metadataBefore;
    Catalog catalog = LakehouseCatalog.open(config).iceberg();
    try {
      ((SupportsNamespaces) catalog).createNamespace(Namespace.of("bronze"));
      catalog.createTable(
          TableIdentifier.of("bronze", "legacy"),
          schema,
          PartitionSpec.unpartitioned(),
          Map.of("format-version", "1"));
      // A silver table from before the change feeds, when silver could be merge-on-read.
      ((SupportsNamespaces) catalog).createNamespace(Namespace.of("silver"));
      catalog.createTable(
          TableIdentifier.of("silver", "merge_on_read"),
          schema,
          PartitionSpec.unpartitioned(),
          Map.of("write.merge.mode", "merge-on-read", "write.delete.mode", "merge-on-read"));
      Table fragmented = catalog.createTable(TableIdentifier.of("bronze", "fragmented"), schema);
      for (int file = 0; file < 6; file++) {
        // Metadata is all the doctor reads: six appends of one small file each.
        fragmented
            .newAppend()
            .appendFile(
                DataFiles.builder(PartitionSpec.unpartitioned())
                    .withPath(fragmented.location() + "/data/part-" + file + ".parquet")
                    .withFormat(FileFormat.PARQUET)
                    .withFileSizeInBytes(100 * 1024)
                    .withRecordCount(10)
                    .build())
            .commit();
      }
      metadataBefore = metadataFiles();
    } finally {
      ((Closeable) catalog).close();
    }

    PipelineRunner.Run run = doctor(variables);

    assertThat(run.exitCode()).as("warnings only: %s", run).isZero();
    assertThat(run.out())
        .containsPattern(
            "table bronze\\.legacy +WARNING +format-version 1: row-level deletes"
                + " \\(merge-on-read\\) and safe schema evolution need version 2 +upgrade in Spark"
                + " SQL: ALTER TABLE movie_catalog\\.bronze\\.legacy SET TBLPROPERTIES"
                + " \\('format-version'='2'\\)");
    assertThat(run.out())
        .containsPattern(
            "table bronze\\.fragmented +WARNING +6 small files \\(avg 0\\.1 MB, under 96\\.0 MB\\)"
                + " in 1 partition\\(s\\): slow queries +run pipeline maintain compact bronze"
                + " fragmented, or raise ICEBERG_TARGET_FILE_SIZE_BYTES");
    assertThat(run.out())
        .containsPattern(
            "table silver\\.merge_on_read +WARNING +merge-on-read \\(write\\.delete\\.mode,"
                + " write\\.merge\\.mode\\): its change feed cannot be read, so gold and publishing"
                + " read the whole table +in Spark SQL: ALTER TABLE"
                + " movie_catalog\\.silver\\.merge_on_read SET TBLPROPERTIES"
                + " \\('write\\.delete\\.mode'='copy-on-write',");
    assertThat(run.out())
        .containsPattern(
            "features +WARNING +ICEBERG_ENABLE_SCHEMA_EVOLUTION=false: schema changes \\(pipeline"
                + " schema, writes with new columns\\) are refused +set"
                + " ICEBERG_ENABLE_SCHEMA_EVOLUTION=true to allow them");
    assertThat(run.out())
        .containsPattern(
            "catalog +OK +embedded SQLite catalog .* answers: 2 namespace\\(s\\); "
                + "created on first write: gold");
    assertThat(run.out()).contains("7 ok, 4 warnings, 0 broken");
    assertThat(metadataFiles()).as("the doctor changed no table").isEqualTo(metadataBefore);
  }

  /** Every metadata file under the warehouse: a commit or an upgrade would add one. */
  private String metadataFiles() throws Exception {
    try (Stream<Path> files = Files.walk(home.resolve("warehouse"))) {
      List<String> names = files.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
      return String.join("\n", names);
    }
  }
}
