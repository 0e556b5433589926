package dev.movielake.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.app.PipelineCommand;
import dev.movielake.app.cli.LakehouseContext;
import dev.movielake.app.cli.PipelineRunner;
import dev.movielake.infra.FreePort;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/**
 * {@code pipeline catalog serve} for real: the command starts the project's REST catalog server
 * over the test's JDBC (SQLite) catalog, and Iceberg's own REST client, without Spark, lists the
 * tables and reads the rows of silver.movies_clean with Iceberg's generic reader.
 */
class CatalogServeCommandTest {
  private static final String KEY = "catalog-key-that-must-not-be-logged";

  @Test
  void servesTheCatalogReadOnlyBehindTheApiKeysToIcebergsOwnClient() throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("catalogserve");
    storage.writeToSilver(
        MovieRows.range(storage.spark(), 1, 12, 2022, 3), "movies_clean", WriteOptions.append());
    String silver = storage.config().database(Layer.SILVER);
    int port = FreePort.find();
    Serving serving = serve(storage, Map.of("API_KEYS", "other-key," + KEY), "--port", "" + port);
    String uri = "http://127.0.0.1:" + port;
    try {
      try (RESTCatalog catalog = client(uri, KEY)) {
        assertThat(catalog.listTables(Namespace.of(silver)))
            .containsExactly(TableIdentifier.of(silver, "movies_clean"));
        Table table = catalog.loadTable(TableIdentifier.of(silver, "movies_clean"));
        List<Long> ids = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
          rows.forEach(row -> ids.add((Long) row.getField("movie_id")));
          assertThat(rows).extracting(row -> row.getField("title")).contains("Movie 7");
        }
        assertThat(ids)
            .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);

        // Read-only: a write through the client is refused, naming the option that allows it.
        assertThatThrownBy(() -> catalog.createNamespace(Namespace.of("intruder")))
            .isInstanceOf(ForbiddenException.class)
            .hasMessageContaining("read-only")
            .hasMessageContaining("--writable");
        assertThatThrownBy(() -> catalog.dropTable(TableIdentifier.of(silver, "movies_clean")))
            .isInstanceOf(ForbiddenException.class);
        assertThat(catalog.tableExists(TableIdentifier.of(silver, "movies_clean"))).isTrue();
        assertThat(catalog.namespaceExists(Namespace.of("intruder"))).isFalse();
      }
      // Clients' metrics reports are POSTs that change nothing: read-only lets them through.
      HttpResponse<String> report =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              uri + "/v1/namespaces/" + silver + "/tables/movies_clean/metrics"))
                      .header("Authorization", "Bearer " + KEY)
                      .POST(HttpRequest.BodyPublishers.ofString("{}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(report.statusCode()).as(report.body()).isNotIn(401, 403);

      // Without the token, or with a wrong one, nothing is answered.
      assertThatThrownBy(() -> client(uri, null))
          .isInstanceOf(NotAuthorizedException.class)
          .hasMessageContaining("API key");
      assertThatThrownBy(() -> client(uri, "a-wrong-key"))
          .isInstanceOf(NotAuthorizedException.class);
      HttpResponse<String> anonymous =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(uri + "/v1/namespaces")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).contains("\"code\":401", "token=<key>");
    } finally {
      serving.stop();
    }
    PipelineRunner.Run run = serving.result();
    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.out())
        .contains("read-only", "uri        " + uri, "warehouse  ", "required: one of API_KEYS")
        .contains("The catalog is no longer served.")
        .doesNotContain(KEY);
    Path log = storage.config().home().resolve("logs/catalog-serve.log");
    assertThat(Files.readString(log)).contains("REST catalog stopped").doesNotContain(KEY);
    // The properties file that carried the keys to the server's JVM is gone.
    try (Stream<Path> files = Files.list(log.getParent())) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".properties"));
    }
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(URI.create(uri + "/v1/config")).build(),
                        HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void writableLetsClientsCreateTables() throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("catalogwrite");
    int port = FreePort.find();
    Serving serving = serve(storage, Map.of(), "--port", "" + port, "--writable");
    try (RESTCatalog catalog = client("http://127.0.0.1:" + port, null)) {
      Namespace namespace = Namespace.of(storage.config().database(Layer.GOLD));
      catalog.createNamespace(namespace);
      catalog.createTable(
          TableIdentifier.of(namespace, "from_another_engine"),
          new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));
    } finally {
      serving.stop();
    }
    assertThat(serving.result().exitCode()).as("%s", serving.result()).isZero();
    assertThat(serving.result().out()).contains("writable", "none (set API_KEYS");
    // The pipeline's own catalog sees what the other engine created.
    assertThat(storage.catalog().listTables(Layer.GOLD))
        .extracting(name -> name.table())
        .containsExactly("from_another_engine");
  }

  @Test
  void aRestCatalogIsAlreadyServedAndIsRefusedWithItsUri() {
    IcebergStorageManager storage = SharedSpark.storage("catalogrest");
    Map<String, String> variables = new HashMap<>();
    variables.put("ICEBERG_CATALOG_TYPE", "rest");
    variables.put("ICEBERG_REST_CATALOG_URI", "http://127.0.0.1:1");
    variables.put("LAKEHOUSE_HOME", storage.config().home().toString());
    PipelineRunner.Run run =
        new PipelineRunner(new LakehouseContext(() -> variables)).run("catalog", "serve");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("ICEBERG_CATALOG_TYPE=rest", "already served", "http://127.0.0.1:1")
        .doesNotContain("\tat ");
  }

  /** Iceberg's REST client with the token, as Trino or PyIceberg would use it. */
  private static RESTCatalog client(String uri, String token) {
    Map<String, String> properties = new HashMap<>();
    properties.put("uri", uri);
    if (token != null) {
      properties.put("token", token);
    }
    RESTCatalog catalog = new RESTCatalog();
    catalog.setConf(new Configuration());
    catalog.initialize("served", properties);
    return catalog;
  }

  /** The command on a thread of its own, as a terminal runs it, until {@link #stop()}. */
  private record Serving(
      Thread thread, AtomicInteger exitCode, StringWriter out, StringWriter err) {
    void stop() throws InterruptedException {
      thread.interrupt(); // what Ctrl-C does, through GracefulStop
      thread.join(30_000);
      assertThat(thread.isAlive()).as("catalog serve still runs after the stop").isFalse();
    }

    PipelineRunner.Run result() {
      return new PipelineRunner.Run(exitCode.get(), out.toString(), err.toString());
    }
  }

  /** Starts the command and returns once it says it serves. */
  private static Serving serve(
      IcebergStorageManager storage, Map<String, String> variables, String... options)
      throws InterruptedException {
    Map<String, String> all = new HashMap<>(variables);
    all.put("LAKEHOUSE_HOME", storage.config().home().toString());
    LakehouseContext context = new LakehouseContext(storage, all);
    List<String> arguments = new ArrayList<>(List.of("catalog", "serve"));
    arguments.addAll(List.of(options));
    // Read while the command runs (StringWriter is synchronized), so the test starts when it
    // serves.
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exitCode = new AtomicInteger(-1);
    Thread thread =
        new Thread(
            () ->
                exitCode.set(
                    PipelineCommand.commandLine(context)
                        .setOut(new PrintWriter(out, true))
                        .setErr(new PrintWriter(err, true))
                        .execute(arguments.toArray(String[]::new))),
            "catalog-serve");
    thread.start();
    Serving serving = new Serving(thread, exitCode, out, err);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!out.toString().contains("Stop with Ctrl-C.")) {
      if (!thread.isAlive()) {
        throw new AssertionError("catalog serve ended before it served: " + serving.result());
      }
      if (Instant.now().isAfter(deadline)) {
        serving.stop();
        throw new AssertionError("catalog serve did not start within 60 s: " + serving.result());
      }
      Thread.sleep(50);
    }
    return serving;
  }
}
