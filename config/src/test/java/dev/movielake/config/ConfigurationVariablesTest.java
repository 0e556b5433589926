package dev.movielake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConfigurationVariables#names()} is what deployment files and the doctor are checked
 * against, so it must be exactly what the pipeline reads: a variable read but not listed is refused
 * by {@link VariableReader} the first time a configuration reads it, and a variable listed but read
 * nowhere fails here.
 */
class ConfigurationVariablesTest {
  /**
   * Read without a {@link VariableReader}, so no reader reports them. The {@code .env} file's
   * location is read by {@link EnvironmentSource#load()} before there is a configuration to read;
   * the debug switch by the command line's {@code PipelineCommand} and the stack's folder by {@code
   * StackCommand}'s picocli default, both in module app. Those three name the constants of {@link
   * ConfigurationVariables}, so the compiler links them to the list. The launcher script's JVM
   * options are not read by Java at all: the test below reads the script.
   */
  private static final Set<String> READ_WITHOUT_A_READER =
      Set.of(
          ConfigurationVariables.ENV_FILE,
          ConfigurationVariables.DEBUG,
          ConfigurationVariables.STACK_HOME,
          ConfigurationVariables.JAVA_OPTIONS);

  @TempDir Path home;

  /**
   * Between them, these environments take every branch of the configuration classes that reads a
   * variable.
   */
  private List<Map<String, String>> environments() {
    return List.of(
        // Nothing set: the embedded defaults, a JDBC catalog on SQLite, the simulator and the
        // embedded broker.
        Map.of(),
        // A JDBC catalog on PostgreSQL with a user and a password.
        Map.of(
            LakehouseConfig.HOME, home.toString(),
            LakehouseConfig.JDBC_URI, "jdbc:postgresql://postgres:5432/iceberg",
            LakehouseConfig.JDBC_USER, "iceberg",
            LakehouseConfig.JDBC_PASSWORD, "secret"),
        // A Hive Metastore over a warehouse on S3, with the S3 variables.
        Map.of(
            LakehouseConfig.CATALOG_TYPE, "hive",
            LakehouseConfig.HIVE_METASTORE_URI, "thrift://hive-metastore:9083",
            LakehouseConfig.WAREHOUSE_PATH, "s3a://warehouse/lakehouse",
            LakehouseConfig.S3_ENDPOINT, "http://minio:9000",
            LakehouseConfig.S3_ACCESS_KEY, "access",
            LakehouseConfig.S3_SECRET_KEY, "secret",
            LakehouseConfig.S3_REGION, "eu-west-1"),
        // A REST catalog.
        Map.of(
            LakehouseConfig.CATALOG_TYPE, "rest",
            LakehouseConfig.REST_CATALOG_URI, "http://iceberg-rest:8181"),
        // A Hadoop catalog in a local folder.
        Map.of(
            LakehouseConfig.CATALOG_TYPE,
            "hadoop",
            LakehouseConfig.WAREHOUSE_PATH,
            home.resolve("warehouse").toString()),
        // A configured Kafka cluster and the real TMDB API with a key.
        Map.of(
            KafkaConfig.BOOTSTRAP_SERVERS, "kafka:9092,kafka-2:9092",
            TmdbConfig.API_KEY, "key",
            ServeConfig.MONGODB_URI, "mongodb://mongo:27017"));
  }

  /** Loads every configuration class over one environment and returns the names they read. */
  private static SortedSet<String> namesReadLoading(Map<String, String> environment) {
    VariableReader reader = new VariableReader(environment);
    LakehouseConfig.from(reader);
    IngestConfig.from(reader); // with its TmdbConfig and KafkaConfig
    ServeConfig.from(reader);
    QualityConfig.from(reader);
    ScheduleConfig.from(reader);
    return reader.namesRead();
  }

  @Test
  void listsExactlyTheVariablesThePipelineReads() {
    SortedSet<String> read = new TreeSet<>(READ_WITHOUT_A_READER);
    for (Map<String, String> environment : environments()) {
      read.addAll(namesReadLoading(environment));
    }

    assertThat(ConfigurationVariables.names()).containsExactlyElementsOf(read);
  }

  @Test
  void aVariableTheListDoesNotNameIsRefusedWhenRead() {
    VariableReader reader = new VariableReader(Map.of("ICEBERG_UNLISTED", "value"));

    assertThatThrownBy(() -> reader.string("ICEBERG_UNLISTED", "default"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ICEBERG_UNLISTED")
        .hasMessageContaining("add ICEBERG_UNLISTED to ConfigurationVariables");
    assertThat(reader.namesRead()).isEmpty();
  }

  @Test
  void theVariablesReadOutsideThisModuleAreReadWhereTheListSays() throws IOException {
    // The Java readers outside this module name the constants (see READ_WITHOUT_A_READER); the
    // launcher is a shell
    // script, not Java source, so only reading it shows that it still reads the variable the list
    // names.
    assertThat(Files.readString(Path.of("../pipeline")))
        .contains("${" + ConfigurationVariables.JAVA_OPTIONS + ":-");
  }
}
