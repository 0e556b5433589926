package dev.movielake.ops.doctor;

import dev.movielake.config.ConfigurationVariables;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The variables parse, and none of the pipeline's prefixes carries a name it does not read (a typo
 * such as {@code ICEBERG_TARGET_FILESIZE_BYTES} is otherwise silently ignored). Kafka's and TMDB's
 * errors are reported by their own checks.
 */
final class ConfigurationCheck implements Check {
  /**
   * Prefixes only the pipeline uses; other variables (PATH, SPARK_HOME, ...) are not its business.
   */
  private static final List<String> PIPELINE_PREFIXES =
      List.of("ICEBERG_", "TMDB_", "MONGODB_", "KAFKA_", "PIPELINE_");

  private final Settings settings;

  ConfigurationCheck(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "configuration";
  }

  @Override
  public List<Finding> run() {
    List<Finding> findings = new ArrayList<>();
    Set<String> reported = new LinkedHashSet<>();
    List<Settings.Parsed<?>> parts =
        new ArrayList<>(List.of(settings.lakehouse(), settings.serve()));
    if (settings.kafka().error().isEmpty() && settings.tmdb().error().isEmpty()) {
      parts.add(settings.ingest()); // its other variables: the checkpoint folder
    }
    for (Settings.Parsed<?> part : parts) {
      part.error()
          .ifPresent(
              error -> {
                String message = String.valueOf(error.getMessage());
                if (reported.add(message)) {
                  findings.add(
                      Finding.broken(
                          name(),
                          message,
                          part.variable()
                              .map(
                                  variable ->
                                      "set "
                                          + variable
                                          + " to an accepted value (environment or "
                                          + envFileName()
                                          + ")")
                              .orElse("check the configuration variables")));
                }
              });
    }
    SortedSet<String> unknown = unknownVariables();
    if (!unknown.isEmpty()) {
      findings.add(
          Finding.warning(
              name(),
              "variables the pipeline does not read: " + String.join(", ", unknown),
              "correct the names (typos are ignored silently) or remove them; README.md lists every"
                  + " variable"));
    }
    if (findings.isEmpty()) {
      findings.add(
          Finding.ok(
              name(),
              settings.envFileFound()
                  ? "variables read from the environment over " + settings.envFile()
                  : "no "
                      + settings.envFile()
                      + ": variables from the environment only (defaults: embedded services)"));
    }
    return findings;
  }

  private String envFileName() {
    return settings.envFile().getFileName().toString();
  }

  private SortedSet<String> unknownVariables() {
    SortedSet<String> known = ConfigurationVariables.names();
    SortedSet<String> unknown = new TreeSet<>();
    for (String name : settings.variables().keySet()) {
      if (PIPELINE_PREFIXES.stream().anyMatch(name::startsWith) && !known.contains(name)) {
        unknown.add(name);
      }
    }
    return unknown;
  }
}
