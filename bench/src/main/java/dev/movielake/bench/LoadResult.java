package dev.movielake.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the load generator measured on one endpoint during its measured period. The generator writes
 * these as JSON, the benchmark reads them back.
 *
 * @param requests requests started in the measured period, errors included
 * @param errors responses other than 2xx, and requests that got no response
 * @param firstError the first error's status or exception, null without errors
 */
record LoadResult(
    String endpoint,
    long requests,
    long errors,
    double seconds,
    double requestsPerSecond,
    double p50Ms,
    double p99Ms,
    double maxMs,
    String firstError) {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  static void write(List<LoadResult> results, Path file) {
    try {
      MAPPER.writeValue(file.toFile(), results);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the load results to " + file, e);
    }
  }

  static List<LoadResult> read(Path file) {
    try {
      return MAPPER.readValue(file.toFile(), new TypeReference<List<LoadResult>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the load results from " + file, e);
    }
  }
}
