package dev.movielake.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.movielake.app.PipelineCommand;
import dev.movielake.app.cli.LakehouseContext;
import dev.movielake.config.CatalogType;
import dev.movielake.config.ConfigurationVariables;
import dev.movielake.config.EnvironmentSource;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.ScheduleConfig;
import dev.movielake.config.ServeConfig;
import dev.movielake.ingest.run.ContinuousIngestion;
import dev.movielake.ops.schedule.ScheduledJob;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/**
 * Keeps the deployment files (deploy/pipeline.env, deploy/docker-compose.yml, deploy/kubernetes/)
 * consistent with the configuration the pipeline reads and the command line it parses: a renamed
 * variable or option breaks this test instead of a deployment.
 */
class DeploymentFilesTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path DEPLOY = ROOT.resolve("deploy");
  private static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
  private static final String PIPELINE_IMAGE = "movielake/pipeline:";
  private static final Set<String> PIPELINE_JOBS = Set.of("ingest", "stream", "api", "maintenance");

  /**
   * Services of the pipeline's image that Compose has and the Kubernetes manifests do not (yet):
   * the catalog served to other engines, for the Trino service beside it.
   */
  private static final Set<String> COMPOSE_ONLY_JOBS = Set.of("catalog");

  /**
   * Kubernetes CronJobs whose work Compose's scheduler service (maintenance) does: the built-in
   * scheduler runs it there, so the CronJob runs the scheduler job's command and has its settings.
   */
  private static final Map<String, ScheduleConfig.Job> SCHEDULED_ON_KUBERNETES_ONLY =
      Map.of("quality", ScheduleConfig.Job.QUALITY);

  /**
   * Names that hold keys, passwords or credentials: they belong in the Secret, never the ConfigMap.
   */
  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(KEY|KEYS|SECRET|PASSWORD|TOKEN)$|MONGODB_URI");

  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void thePipelineEnvFileIsAValidProductionConfiguration() throws IOException {
    Map<String, String> variables = pipelineEnv();

    LakehouseConfig lakehouse = LakehouseConfig.from(variables);
    assertThat(lakehouse.catalog().type()).isEqualTo(CatalogType.HIVE);
    assertThat(lakehouse.catalog().uri()).isEqualTo("thrift://hive-metastore:9083");
    assertThat(lakehouse.warehousePath()).isEqualTo("s3a://iceberg-warehouse/warehouse");
    assertThat(lakehouse.warehouseOnS3()).isTrue();
    assertThat(lakehouse.s3().endpoint()).contains("http://minio:9000");
    assertThat(lakehouse.s3().accessKey()).isPresent();
    assertThat(lakehouse.s3().secretKey()).isPresent();

    IngestConfig ingest = IngestConfig.from(variables);
    assertThat(ingest.kafka().bootstrapServers()).contains("kafka:9092");
    assertThat(ingest.tmdb().simulated()).as("no TMDB key in the template: the simulator").isTrue();
    assertThat(ingest.checkpoints().localFolder()).contains(Path.of("/data/lakehouse/checkpoints"));

    ServeConfig serve = ServeConfig.from(variables);
    assertThat(serve.mongoUri()).isPresent();
    assertThat(serve.host())
        .as("a container's API must listen beyond loopback")
        .isEqualTo("0.0.0.0");
    assertThat(serve.port()).isEqualTo(8000);
  }

  @Test
  void everyVariableTheDeploymentSetsIsOneThePipelineReadsAndTheReferenceDocuments()
      throws IOException {
    Set<String> set = new TreeSet<>(pipelineEnv().keySet());
    for (JsonNode service : composePipelineServices().values()) {
      set.addAll(composeEnvironment(service).keySet());
    }
    set.addAll(fields(kubernetes("ConfigMap", "pipeline-config").path("data")).keySet());
    set.addAll(fields(kubernetes("Secret", "pipeline-secrets").path("stringData")).keySet());
    for (JsonNode container : kubernetesPipelineContainers().values()) {
      set.addAll(containerEnvironment(container).keySet());
    }
    set.addAll(dockerfileEnvironment());

    assertThat(set).hasSizeGreaterThan(30);
    assertThat(ConfigurationVariables.names()).containsAll(set);
    assertThat(referenceVariables()).as("README.md's Configuration section").containsAll(set);
  }

  @Test
  void kubernetesCarriesTheComposeVariablesWithTheSameValues() throws IOException {
    Map<String, String> env = pipelineEnv();
    Map<String, String> config = fields(kubernetes("ConfigMap", "pipeline-config").path("data"));
    Map<String, String> secrets =
        fields(kubernetes("Secret", "pipeline-secrets").path("stringData"));

    assertThat(config.keySet()).doesNotContainAnyElementsOf(secrets.keySet());
    Map<String, String> both = new TreeMap<>(config);
    both.putAll(secrets);
    assertThat(both).isEqualTo(new TreeMap<>(env));
    assertThat(config.keySet()).noneMatch(name -> SECRET_NAME.matcher(name).matches());
    assertThat(secrets.keySet()).allMatch(name -> SECRET_NAME.matcher(name).matches());

    Map<String, JsonNode> compose = composePipelineServices();
    Map<String, JsonNode> containers = kubernetesPipelineContainers();
    Set<String> composeJobs = new TreeSet<>(PIPELINE_JOBS);
    composeJobs.addAll(COMPOSE_ONLY_JOBS);
    assertThat(compose.keySet()).isEqualTo(composeJobs);
    Set<String> kubernetesJobs = new TreeSet<>(PIPELINE_JOBS);
    kubernetesJobs.addAll(SCHEDULED_ON_KUBERNETES_ONLY.keySet());
    assertThat(containers.keySet()).isEqualTo(kubernetesJobs);
    for (String only : SCHEDULED_ON_KUBERNETES_ONLY.keySet()) {
      assertThat(containerEnvironment(containers.get(only)))
          .as(only + ": the scheduler service's variables")
          .isEqualTo(composeEnvironment(compose.get("maintenance")));
    }
    for (String job : PIPELINE_JOBS) {
      assertThat(texts(compose.get(job).path("env_file"))).as(job).containsExactly("pipeline.env");
      assertThat(containers.get(job).path("envFrom").toString())
          .as(job)
          .isEqualTo(
              "[{\"configMapRef\":{\"name\":\"pipeline-config\"}},{\"secretRef\":{\"name\":\"pipeline-secrets\"}}]");
      assertThat(containerEnvironment(containers.get(job)))
          .as(job + ": its own variables")
          .isEqualTo(composeEnvironment(compose.get(job)));
      assertThat(containers.get(job).path("image").asText()).startsWith(PIPELINE_IMAGE);
    }
  }

  @Test
  void theInfrastructureCredentialsAgreeWithThePipelines() throws IOException {
    Map<String, String> mongo = envFile(DEPLOY.resolve("mongodb.env"));
    Map<String, String> metastore = envFile(DEPLOY.resolve("metastore-db.env"));
    assertThat(fields(kubernetes("Secret", "mongodb-credentials").path("stringData")))
        .isEqualTo(mongo);
    assertThat(fields(kubernetes("Secret", "metastore-db").path("stringData")))
        .isEqualTo(metastore);

    String userInfo = URI.create(pipelineEnv().get(ServeConfig.MONGODB_URI)).getUserInfo();
    assertThat(userInfo)
        .isEqualTo(
            mongo.get("MONGO_INITDB_ROOT_USERNAME")
                + ":"
                + mongo.get("MONGO_INITDB_ROOT_PASSWORD"));

    JsonNode services = compose().path("services");
    assertThat(texts(services.path("postgres-metastore").path("env_file")))
        .containsExactly("metastore-db.env");
    assertThat(texts(services.path("hive-metastore").path("env_file")))
        .containsExactly("pipeline.env", "metastore-db.env");
    assertThat(texts(services.path("mongodb").path("env_file"))).containsExactly("mongodb.env");
  }

  @Test
  void everyPipelineCommandParsesWithTheRealCommandLine() throws IOException {
    Map<String, JsonNode> compose = composePipelineServices();
    Map<String, JsonNode> containers = kubernetesPipelineContainers();
    List<List<String>> commands = new ArrayList<>();
    for (String job : PIPELINE_JOBS) {
      List<String> composeCommand = texts(compose.get(job).path("command"));
      if (job.equals("maintenance")) {
        // Compose has no cron: its maintenance service is the built-in scheduler, whose maintenance
        // job runs what the Kubernetes CronJob runs.
        assertThat(texts(containers.get(job).path("args")))
            .isEqualTo(ScheduledJob.commandsOf(ScheduleConfig.Job.MAINTENANCE).get(0));
        commands.add(texts(containers.get(job).path("args")));
      } else {
        assertThat(texts(containers.get(job).path("args"))).as(job).isEqualTo(composeCommand);
      }
      commands.add(composeCommand);
    }
    for (String job : COMPOSE_ONLY_JOBS) {
      assertThat(texts(compose.get(job).path("env_file"))).as(job).containsExactly("pipeline.env");
      commands.add(texts(compose.get(job).path("command")));
    }
    SCHEDULED_ON_KUBERNETES_ONLY.forEach(
        (name, job) -> {
          assertThat(texts(containers.get(name).path("args")))
              .as(name)
              .isEqualTo(ScheduledJob.commandsOf(job).get(0));
          commands.add(texts(containers.get(name).path("args")));
        });
    JsonNode spark =
        kubernetesFile(KUBERNETES.resolve("optional/spark-maintenance.yaml")).stream()
            .filter(document -> document.path("kind").asText().equals("ScheduledSparkApplication"))
            .findFirst()
            .orElseThrow()
            .path("spec");
    assertThat(spark.path("template").path("mainClass").asText())
        .isEqualTo(PipelineCommand.class.getName());
    commands.add(texts(spark.path("template").path("arguments")));

    for (List<String> command : commands) {
      ParseResult parsed =
          PipelineCommand.commandLine(new LakehouseContext(Map::of))
              .parseArgs(command.toArray(String[]::new));
      while (parsed.hasSubcommand()) {
        parsed = parsed.subcommand();
      }
      assertThat(parsed.commandSpec().userObject())
          .as("%s runs a command", command)
          .isInstanceOf(Callable.class);
      // Values the options keep as text are read when the command runs: check them now.
      option(parsed, "--interval")
          .ifPresent(
              interval ->
                  assertThatCode(() -> ContinuousIngestion.parseInterval(interval))
                      .doesNotThrowAnyException());
      option(parsed, "--trigger")
          .ifPresent(
              trigger ->
                  assertThatCode(() -> Trigger.ProcessingTime(trigger)).doesNotThrowAnyException());
    }
  }

  @Test
  void maintenanceRunsWeeklyAsTheOriginalsSchedule() throws IOException {
    String weekly =
        ScheduleConfig.from(pipelineEnv())
            .jobs()
            .get(ScheduleConfig.Job.MAINTENANCE)
            .cron()
            .orElseThrow();
    assertThat(weekly).isEqualTo("0 2 * * 0");
    JsonNode cronJob = kubernetes("CronJob", "maintenance");
    assertThat(cronJob.path("spec").path("schedule").asText()).isEqualTo(weekly);
    assertThat(cronJob.path("spec").path("concurrencyPolicy").asText()).isEqualTo("Forbid");

    ScheduleConfig schedule = ScheduleConfig.from(pipelineEnv());
    for (Map.Entry<String, ScheduleConfig.Job> job : SCHEDULED_ON_KUBERNETES_ONLY.entrySet()) {
      JsonNode cron = kubernetes("CronJob", job.getKey());
      assertThat(cron.path("spec").path("schedule").asText())
          .as(job.getKey())
          .isEqualTo(schedule.jobs().get(job.getValue()).cron().orElseThrow());
      assertThat(cron.path("spec").path("concurrencyPolicy").asText())
          .as(job.getKey())
          .isEqualTo("Forbid");
    }

    JsonNode service = compose().path("services").path("maintenance");
    assertThat(texts(service.path("command")))
        .containsExactly("schedule", "--jobs", "maintenance,quality");
    assertThat(texts(service.path("volumes")))
        .anyMatch(volume -> volume.endsWith(":/data/lakehouse"));
  }

  @Test
  void composeServicesWaitForHealthyDependenciesAndPublishOnLoopbackOnly() throws IOException {
    JsonNode services = compose().path("services");
    List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode service = services.path(name);
      for (String port : texts(service.path("ports"))) {
        assertThat(port).as(name).startsWith("127.0.0.1:");
      }
      JsonNode dependencies = service.path("depends_on");
      dependencies
          .fieldNames()
          .forEachRemaining(
              dependency -> {
                assertThat(names).as(name).contains(dependency);
                String condition = dependencies.path(dependency).path("condition").asText();
                assertThat(condition)
                    .as(name + " -> " + dependency)
                    .isIn("service_healthy", "service_completed_successfully");
                if (condition.equals("service_healthy")) {
                  assertThat(services.path(dependency).has("healthcheck"))
                      .as(dependency + " has a health check")
                      .isTrue();
                }
              });
    }
    assertThat(names)
        .contains(
            "postgres-metastore", "hive-metastore", "minio", "minio-bucket", "kafka", "mongodb");
    assertThat(services.path("api").path("healthcheck").path("test").toString())
        .contains("/health");
    assertThat(texts(services.path("api").path("ports")))
        .containsExactly(
            "127.0.0.1:"
                + pipelineEnv().get(ServeConfig.API_PORT)
                + ":"
                + pipelineEnv().get(ServeConfig.API_PORT));
    for (String job : PIPELINE_JOBS) {
      assertThat(services.path(job).path("build").path("target").asText()).isEqualTo("pipeline");
      assertThat(
              services
                  .path(job)
                  .path("deploy")
                  .path("resources")
                  .path("limits")
                  .path("memory")
                  .isMissingNode())
          .as(job)
          .isFalse();
    }
  }

  /**
   * Trino reads the tables through the catalog service: its Iceberg catalog file names the
   * service's port, the catalog is named as the pipeline's, and its S3 settings are pipeline.env's.
   */
  @Test
  void trinoReadsTheLakehouseThroughTheCatalogService() throws IOException {
    JsonNode services = compose().path("services");
    List<String> command = texts(services.path("catalog").path("command"));
    assertThat(command).startsWith("catalog", "serve").doesNotContain("--writable");
    String port = command.get(command.indexOf("--port") + 1);
    assertThat(texts(services.path("catalog").path("ports")))
        .containsExactly("127.0.0.1:" + port + ":" + port);

    JsonNode trino = services.path("trino");
    assertThat(trino.path("image").asText()).matches("trinodb/trino:\\d+");
    assertThat(trino.path("depends_on").path("catalog").path("condition").asText())
        .isEqualTo("service_healthy");
    String catalogName = pipelineEnv().get(LakehouseConfig.CATALOG_NAME);
    Path catalogFile = DEPLOY.resolve("trino/catalog/" + catalogName + ".properties");
    assertThat(texts(trino.path("volumes")))
        .containsExactly("./trino/catalog:/etc/trino/catalog:ro");
    Properties catalog = new Properties();
    try (Reader reader = Files.newBufferedReader(catalogFile, StandardCharsets.UTF_8)) {
      catalog.load(reader);
    }
    assertThat(catalog)
        .containsEntry("connector.name", "iceberg")
        .containsEntry("iceberg.catalog.type", "rest")
        .containsEntry("iceberg.rest-catalog.uri", "http://catalog:" + port);
    // Every variable it reads is in the env file Trino gets.
    assertThat(texts(trino.path("env_file"))).containsExactly("pipeline.env");
    Pattern variable = Pattern.compile("\\$\\{ENV:([A-Z_0-9]+)}");
    for (Object value : catalog.values()) {
      Matcher variables = variable.matcher(value.toString());
      while (variables.find()) {
        assertThat(pipelineEnv()).containsKey(variables.group(1));
      }
    }
  }

  @Test
  void kubernetesPodsHaveResourcesAndNoServiceLinksAndTheApiIsProbed() throws IOException {
    List<JsonNode> documents = kubernetesDocuments();
    int pods = 0;
    for (JsonNode document : documents) {
      JsonNode pod = podSpec(document);
      if (pod == null) {
        continue;
      }
      pods++;
      String what =
          document.path("kind").asText() + " " + document.path("metadata").path("name").asText();
      // Service links would inject API_PORT=tcp://... (Service api) and KAFKA_* (Service kafka).
      assertThat(pod.path("enableServiceLinks").asBoolean(true)).as(what).isFalse();
      for (JsonNode container : pod.path("containers")) {
        assertThat(container.path("resources").path("requests").size()).as(what).isPositive();
        assertThat(container.path("resources").path("limits").path("memory").isMissingNode())
            .as(what)
            .isFalse();
      }
    }
    assertThat(pods).isGreaterThanOrEqualTo(10);

    JsonNode api = kubernetesPipelineContainers().get("api");
    assertThat(api.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/health");
    assertThat(api.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/health");
    assertThat(api.path("ports").get(0).path("containerPort").asText())
        .isEqualTo(pipelineEnv().get(ServeConfig.API_PORT));
  }

  @Test
  void kustomizationListsEveryManifest() throws IOException {
    JsonNode kustomization = YAML.readTree(KUBERNETES.resolve("kustomization.yaml").toFile());
    Set<String> manifests = new TreeSet<>();
    try (Stream<Path> files = Files.list(KUBERNETES)) {
      files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
          .forEach(manifests::add);
    }
    assertThat(new TreeSet<>(texts(kustomization.path("resources")))).isEqualTo(manifests);
    assertThat(kustomization.path("namespace").asText()).isEqualTo("movielake");
  }

  @Test
  void theImageRunsThePipelineCommandLineAsTheLauncherDoes() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    assertThat(dockerfile)
        .contains("FROM maven:3.9-eclipse-temurin-17 AS build")
        .contains("mvn -B -Dstyle.color=never -DskipTests package")
        .contains("FROM eclipse-temurin:17-jre AS pipeline")
        .contains("ENTRYPOINT [\"pipeline\"]");
    assertThat(dockerfile.lastIndexOf("FROM "))
        .as("the pipeline image is the default (last) stage")
        .isEqualTo(dockerfile.indexOf("FROM eclipse-temurin:17-jre AS pipeline"));
    String launcher = Files.readString(DEPLOY.resolve("image/pipeline"));
    String repositoryLauncher = Files.readString(ROOT.resolve("pipeline"));
    for (String part :
        List.of(
            PipelineCommand.class.getName(),
            "jvm-flags",
            "app.jar",
            "lib/*",
            "\"$@\"",
            ConfigurationVariables.JAVA_OPTIONS)) {
      assertThat(launcher).contains(part);
      assertThat(repositoryLauncher).contains(part);
    }
    assertThat(Files.readAllLines(ROOT.resolve(".dockerignore")))
        .contains(".git", "lakehouse/", "target/", "**/target/");
  }

  // --- reading the files -------------------------------------------------------------------------

  private static Map<String, String> pipelineEnv() throws IOException {
    return envFile(DEPLOY.resolve("pipeline.env"));
  }

  private static Map<String, String> envFile(Path file) throws IOException {
    return EnvironmentSource.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  private static JsonNode compose() throws IOException {
    return YAML.readTree(DEPLOY.resolve("docker-compose.yml").toFile());
  }

  /** The services that run the pipeline's image, by name. */
  private static Map<String, JsonNode> composePipelineServices() throws IOException {
    Map<String, JsonNode> services = new TreeMap<>();
    compose()
        .path("services")
        .fields()
        .forEachRemaining(
            service -> {
              if (service.getValue().path("image").asText().startsWith(PIPELINE_IMAGE)) {
                services.put(service.getKey(), service.getValue());
              }
            });
    return services;
  }

  private static Map<String, String> composeEnvironment(JsonNode service) {
    JsonNode environment = service.path("environment");
    assertThat(environment.isMissingNode() || environment.isObject())
        .as("environment as a map of name: value")
        .isTrue();
    return fields(environment);
  }

  private static List<JsonNode> kubernetesDocuments() throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(KUBERNETES)) {
      for (Path file : files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList()) {
        documents.addAll(kubernetesFile(file));
      }
    }
    return documents;
  }

  private static List<JsonNode> kubernetesFile(Path file) throws IOException {
    try (MappingIterator<JsonNode> iterator =
        YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      return iterator.readAll().stream()
          .filter(document -> document != null && document.isObject())
          .toList();
    }
  }

  private static JsonNode kubernetes(String kind, String name) throws IOException {
    return kubernetesDocuments().stream()
        .filter(
            document ->
                document.path("kind").asText().equals(kind)
                    && document.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + KUBERNETES));
  }

  private static JsonNode podSpec(JsonNode document) {
    return switch (document.path("kind").asText()) {
      case "Deployment", "StatefulSet", "Job" ->
          document.path("spec").path("template").path("spec");
      case "CronJob" ->
          document.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
      default -> null;
    };
  }

  /** The containers that run the pipeline's image, by workload name. */
  private static Map<String, JsonNode> kubernetesPipelineContainers() throws IOException {
    Map<String, JsonNode> containers = new TreeMap<>();
    for (JsonNode document : kubernetesDocuments()) {
      JsonNode pod = podSpec(document);
      if (pod == null) {
        continue;
      }
      for (JsonNode container : pod.path("containers")) {
        if (container.path("image").asText().startsWith(PIPELINE_IMAGE)) {
          containers.put(document.path("metadata").path("name").asText(), container);
        }
      }
    }
    return containers;
  }

  private static Map<String, String> containerEnvironment(JsonNode container) {
    Map<String, String> environment = new TreeMap<>();
    for (JsonNode variable : container.path("env")) {
      environment.put(variable.path("name").asText(), variable.path("value").asText());
    }
    return environment;
  }

  private static Set<String> dockerfileEnvironment() throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher matcher =
        Pattern.compile("(?m)^ENV\\s+([A-Z][A-Z0-9_]*)=")
            .matcher(Files.readString(ROOT.resolve("Dockerfile")));
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** The variable names README.md's Configuration section documents. */
  private static Set<String> referenceVariables() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("\n## Configuration");
    assertThat(start).as("README.md has a Configuration section").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    Matcher matcher =
        Pattern.compile("`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`")
            .matcher(readme.substring(start, end < 0 ? readme.length() : end));
    Set<String> names = new TreeSet<>();
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static Map<String, String> fields(JsonNode node) {
    Map<String, String> values = new LinkedHashMap<>();
    node.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
    return values;
  }

  private static List<String> texts(JsonNode node) {
    List<String> values = new ArrayList<>();
    node.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static Optional<String> option(ParseResult parsed, String name) {
    return parsed.hasMatchedOption(name)
        ? Optional.of(parsed.matchedOption(name).getValue().toString())
        : Optional.empty();
  }
}
