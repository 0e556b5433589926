package dev.movielake.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one writer process of the concurrency benchmark did, as the one JSON line it prints last:
 * rounds committed and failed, the failures' messages, and the commit retries it saw. The
 * compactor's rounds are its compactions.
 *
 * @param errors one message per failed round, {@code round N: message}
 * @param rewrittenDataFiles data files the compactor rewrote; 0 for the other writers
 * @param seconds from the start signal to the last round
 * @param cpuSeconds CPU time of the whole process, Spark's start included: on a shared machine the
 *     cost of a scenario, where wall time depends on what else runs
 */
public record WriterOutcome(
    String writer,
    int roundsCommitted,
    int roundsFailed,
    List<String> errors,
    int commitRetries,
    long rewrittenDataFiles,
    double seconds,
    double cpuSeconds) {
  /**
   * Progress lines of a writer start with this, so the benchmark can tell them from Spark's log.
   */
  public static final String PROGRESS = "[concurrency] ";

  /** The progress line a writer prints once its Spark session is up, before it waits for "go". */
  public static final String READY = "ready";

  private static final String FIRST_FIELD = "{\"writer\":";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public WriterOutcome {
    errors = List.copyOf(errors);
  }

  /**
   * A writer whose process ended without its JSON line (it could not start, was killed or ran out
   * of memory): none of its rounds is known to have committed.
   */
  static WriterOutcome withoutResult(String writer, int rounds, String reason) {
    return new WriterOutcome(writer, 0, rounds, List.of(reason), 0, 0, 0, 0);
  }

  /** The single line the writer prints on stdout when it is done. */
  public String jsonLine() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("writer", writer);
    node.put("rounds_committed", roundsCommitted);
    node.put("rounds_failed", roundsFailed);
    ArrayNode messages = node.putArray("errors");
    errors.forEach(messages::add);
    node.put("commit_retries", commitRetries);
    node.put("rewritten_data_files", rewrittenDataFiles);
    node.put("seconds", seconds);
    node.put("cpu_seconds", cpuSeconds);
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the outcome of " + writer + " as JSON", e);
    }
  }

  /** The last outcome line among a writer's output (its log also holds Spark's lines). */
  static Optional<WriterOutcome> find(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i).strip();
      if (line.startsWith(FIRST_FIELD)) {
        return Optional.of(parse(line));
      }
    }
    return Optional.empty();
  }

  static WriterOutcome parse(String line) {
    try {
      JsonNode node = MAPPER.readTree(line);
      List<String> errors = new ArrayList<>();
      node.path("errors").forEach(error -> errors.add(error.asText()));
      return new WriterOutcome(
          node.get("writer").asText(),
          node.get("rounds_committed").asInt(),
          node.get("rounds_failed").asInt(),
          errors,
          node.get("commit_retries").asInt(),
          node.path("rewritten_data_files").asLong(),
          node.path("seconds").asDouble(),
          node.path("cpu_seconds").asDouble());
    } catch (JsonProcessingException | NullPointerException e) {
      throw new IllegalArgumentException(
          "not a writer outcome line (expected the JSON a concurrency writer prints): " + line, e);
    }
  }
}
