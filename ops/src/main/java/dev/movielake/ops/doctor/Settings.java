package dev.movielake.ops.doctor;

import dev.movielake.config.ConfigException;
import dev.movielake.config.ConfigurationVariables;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.KafkaConfig;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.ServeConfig;
import dev.movielake.config.TmdbConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The configuration as the doctor sees it: each part parsed on its own, so one bad variable breaks
 * only the checks that need it and the others still run.
 *
 * @param envFile the {@code .env} file the variables were read over, whether or not it exists
 */
public record Settings(
    Map<String, String> variables,
    Path envFile,
    Parsed<LakehouseConfig> lakehouse,
    Parsed<ServeConfig> serve,
    Parsed<KafkaConfig> kafka,
    Parsed<TmdbConfig> tmdb,
    Parsed<IngestConfig> ingest) {

  /** A configuration part, or why it could not be read. */
  public record Parsed<T>(Optional<T> value, Optional<RuntimeException> error) {
    static <T> Parsed<T> of(Supplier<T> parse) {
      try {
        return new Parsed<>(Optional.of(parse.get()), Optional.empty());
      } catch (RuntimeException e) {
        return new Parsed<>(Optional.empty(), Optional.of(e));
      }
    }

    /**
     * The findings of {@code check} on the parsed part, or one SKIPPED finding pointing at the
     * configuration check when the part did not parse.
     */
    public List<Finding> checkedBy(String check, Function<T, List<Finding>> findings) {
      if (value.isEmpty()) {
        return List.of(
            Finding.skipped(
                check,
                "not checked: "
                    + variable()
                        .map(name -> name + " is invalid")
                        .orElse("the configuration is invalid")
                    + " (see the configuration check)"));
      }
      return findings.apply(value.get());
    }

    /** The variable to fix, when the error names one. */
    public Optional<String> variable() {
      return error
          .filter(ConfigException.class::isInstance)
          .map(e -> ((ConfigException) e).variable());
    }
  }

  public static Settings of(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    Path envFile =
        Path.of(copy.getOrDefault(ConfigurationVariables.ENV_FILE, ".env"))
            .toAbsolutePath()
            .normalize();
    return new Settings(
        copy,
        envFile,
        Parsed.of(() -> LakehouseConfig.from(copy)),
        Parsed.of(() -> ServeConfig.from(copy)),
        // Kafka and TMDB are read together; each is read here without the other's variables, so a
        // TMDB error does not hide whether Kafka is reachable, and the other way round.
        Parsed.of(() -> IngestConfig.from(without(copy, "TMDB_")).kafka()),
        Parsed.of(() -> IngestConfig.from(without(copy, "KAFKA_")).tmdb()),
        Parsed.of(() -> IngestConfig.from(copy)));
  }

  public boolean envFileFound() {
    return Files.isRegularFile(envFile);
  }

  private static Map<String, String> without(Map<String, String> variables, String prefix) {
    Map<String, String> kept = new HashMap<>(variables);
    kept.keySet().removeIf(name -> name.startsWith(prefix));
    return kept;
  }
}
