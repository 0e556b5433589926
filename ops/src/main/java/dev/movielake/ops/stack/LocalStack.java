package dev.movielake.ops.stack;

import dev.movielake.config.KafkaConfig;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.ServeConfig;
import dev.movielake.infra.hive.HiveMetastoreServer;
import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.infra.mongo.EmbeddedMongo;
import dev.movielake.infra.postgres.PostgresServer;
import dev.movielake.infra.s3.S3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The services of a production deployment on this machine, without Docker: PostgreSQL, a Hive
 * Metastore on it, an S3 server holding the warehouse bucket, a Kafka broker and a
 * MongoDB-compatible server. Everything lives under one folder and survives a restart; ports are
 * picked afresh on each start, and {@link #environment()} gives the variables that point the
 * pipeline at them.
 */
public final class LocalStack implements AutoCloseable {
  /** The warehouse bucket, named as in the deployment files ({@code deploy/pipeline.env}). */
  public static final String BUCKET = "iceberg-warehouse";

  public static final String WAREHOUSE = "s3a://" + BUCKET + "/warehouse";

  /**
   * One running service: what it is, where it answers, and its process (this one when embedded).
   */
  public record Service(String name, String address, long pid) {}

  private final List<AutoCloseable> started = new ArrayList<>();
  private final List<Service> services = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();

  private LocalStack() {}

  /**
   * Starts every service, reporting each step to {@code progress}; on a failure stops what did
   * start.
   */
  public static LocalStack start(Path folder, Consumer<String> progress) {
    LocalStack stack = new LocalStack();
    try {
      stack.startAll(folder.toAbsolutePath().normalize(), progress);
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startAll(Path folder, Consumer<String> progress) {
    StackCredentials credentials = StackCredentials.loadOrCreate(folder.resolve("credentials"));
    Path logs = folder.resolve("logs");
    long self = ProcessHandle.current().pid();

    progress.accept("starting PostgreSQL (the metastore's database)");
    PostgresServer postgres = track(PostgresServer.start(folder.resolve("postgres"), 0));
    postgres.createDatabase("metastore");
    services.add(new Service("postgresql", postgres.jdbcUrl("metastore"), postgres.pid()));

    progress.accept("starting the S3 server (bucket " + BUCKET + ")");
    S3Server s3 =
        track(
            S3Server.start(
                folder.resolve("s3"),
                0,
                credentials.accessKey(),
                credentials.secretKey(),
                logs.resolve("s3.log")));
    createBucket(s3);
    services.add(new Service("s3", s3.endpoint(), s3.pid()));

    progress.accept("starting the Hive Metastore");
    Map<String, String> s3a = new LinkedHashMap<>();
    s3a.put("fs.s3a.endpoint", s3.endpoint());
    s3a.put("fs.s3a.access.key", credentials.accessKey());
    s3a.put("fs.s3a.secret.key", credentials.secretKey());
    s3a.put("fs.s3a.path.style.access", "true");
    s3a.put("fs.s3a.connection.ssl.enabled", "false");
    s3a.put("fs.s3a.endpoint.region", "us-east-1");
    HiveMetastoreServer hive =
        track(
            HiveMetastoreServer.start(
                new HiveMetastoreServer.Settings(
                    postgres.jdbcUrl("metastore"),
                    postgres.user(),
                    postgres.password(),
                    WAREHOUSE,
                    0,
                    s3a),
                logs.resolve("hive-metastore.log")));
    services.add(new Service("hive-metastore", hive.thriftUri(), hive.pid()));

    progress.accept("starting Kafka");
    EmbeddedKafka kafka = track(EmbeddedKafka.start(folder.resolve("kafka")));
    services.add(new Service("kafka", kafka.bootstrapServers(), self));

    progress.accept("starting MongoDB (embedded server)");
    EmbeddedMongo mongo = track(EmbeddedMongo.start(folder.resolve("mongo").resolve("serving.mv")));
    services.add(new Service("mongodb", mongo.connectionString(), self));

    environment.put(LakehouseConfig.HOME, folder.resolve("pipeline").toString());
    environment.put(LakehouseConfig.CATALOG_TYPE, "hive");
    environment.put(LakehouseConfig.HIVE_METASTORE_URI, hive.thriftUri());
    environment.put(LakehouseConfig.WAREHOUSE_PATH, WAREHOUSE);
    environment.put(LakehouseConfig.S3_ENDPOINT, s3.endpoint());
    environment.put(LakehouseConfig.S3_ACCESS_KEY, credentials.accessKey());
    environment.put(LakehouseConfig.S3_SECRET_KEY, credentials.secretKey());
    environment.put(LakehouseConfig.S3_PATH_STYLE_ACCESS, "true");
    environment.put(KafkaConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    environment.put(ServeConfig.MONGODB_URI, mongo.connectionString());
  }

  /**
   * The bucket must exist before the metastore writes to it: S3 creates no bucket on a first write
   * (the deployment's MinIO gets it from its set-up service).
   */
  private static void createBucket(S3Server s3) {
    try {
      Files.createDirectories(s3.dataDirectory().resolve(BUCKET));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the bucket folder in " + s3.dataDirectory(), e);
    }
  }

  private <T extends AutoCloseable> T track(T service) {
    started.add(service);
    return service;
  }

  public List<Service> services() {
    return Collections.unmodifiableList(services);
  }

  /**
   * The variables that point the pipeline at this stack (secrets included: keep them out of logs).
   */
  public Map<String, String> environment() {
    return Collections.unmodifiableMap(environment);
  }

  /** Stops the services in the reverse order of their start. */
  @Override
  public synchronized void close() {
    List<AutoCloseable> reverse = new ArrayList<>(started);
    Collections.reverse(reverse);
    RuntimeException failure = null;
    for (AutoCloseable service : reverse) {
      try {
        service.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("a service of the stack did not stop cleanly", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    started.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
