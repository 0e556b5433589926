package dev.movielake.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Turns good 200 answers into bad ones as the current {@link DataFaults} ask. Whether a record is
 * hurt depends only on the seed, the fault's kind and the record (a movie's id, a list's page), not
 * on the order of requests: a concurrent ingest sees the same bad records on every run, and a movie
 * fetched twice is bad both times.
 *
 * <p>Movie details take their faults in a fixed order: out-of-range values, then the null field (so
 * a nulled field stays null), then the schema change (which renames or reshapes what the others
 * left), then the key.
 */
final class DataFaultInjector {
  /** How many movie ids a {@link DataFault#DUPLICATED_KEYS} storm crowds its records onto. */
  static final int DUPLICATED_KEY_COUNT = 3;

  static final double VOTE_AVERAGE_TOO_HIGH = 57.3;
  static final double VOTE_AVERAGE_NEGATIVE = -2.5;
  static final double NEGATIVE_POPULARITY = -13.7;
  static final int HUGE_RUNTIME = 99_999;
  static final int NEGATIVE_VOTE_COUNT = -1_000;

  /** What {@link DataFault#SCHEMA_CHANGE} renames {@code vote_average} to. */
  static final String RENAMED_VOTE_AVERAGE = "rating";

  private final long seed;
  private final List<Long> duplicatedKeys;
  private final Consumer<DataFault> injected;
  private volatile DataFaults faults;

  /**
   * @param injected told of every answer a fault changed, for the statistics
   */
  DataFaultInjector(
      long seed, SimulatedCatalog catalog, DataFaults faults, Consumer<DataFault> injected) {
    this.seed = seed;
    this.faults = faults;
    this.injected = injected;
    Set<Long> deleted = catalog.deletedMovieIds();
    this.duplicatedKeys =
        catalog.movieIds().stream()
            .filter(id -> !deleted.contains(id))
            .limit(DUPLICATED_KEY_COUNT)
            .toList();
  }

  DataFaults faults() {
    return faults;
  }

  void setFaults(DataFaults newFaults) {
    faults = newFaults;
  }

  /** The ids {@link DataFault#DUPLICATED_KEYS} gives movie details: real, live movies' ids. */
  List<Long> duplicatedKeys() {
    return duplicatedKeys;
  }

  /** {@code response} as the current faults would have the endpoint {@code template} answer it. */
  SimulatedResponse apply(String template, SimulatedResponse response) {
    DataFaults current = faults;
    if (current.isNone()
        || response.status() != 200
        || !(response.body() instanceof Map<?, ?> original)) {
      return response;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    original.forEach((key, value) -> body.put((String) key, value));
    boolean changed;
    if (template.equals("movie/{id}")) {
      changed = spoilMovieDetails(current, body);
    } else if (body.containsKey("results") && body.containsKey("total_pages")) {
      changed = emptyPage(current, template, body);
    } else {
      changed = false;
    }
    return changed ? new SimulatedResponse(response.status(), body, response.headers()) : response;
  }

  private boolean emptyPage(DataFaults current, String template, Map<String, Object> body) {
    long page = ((Number) body.get("page")).longValue();
    if (!hits(current, DataFault.EMPTY_PAGES, template.hashCode() * 1_000L + page)) {
      return false;
    }
    body.put("results", List.of());
    injected.accept(DataFault.EMPTY_PAGES);
    return true;
  }

  private boolean spoilMovieDetails(DataFaults current, Map<String, Object> details) {
    long movieId = ((Number) details.get("id")).longValue();
    boolean changed = false;
    SplittableRandom outOfRange = random(DataFault.OUT_OF_RANGE, movieId);
    if (outOfRange.nextDouble() < current.share(DataFault.OUT_OF_RANGE)) {
      details.put(
          "vote_average", outOfRange.nextBoolean() ? VOTE_AVERAGE_TOO_HIGH : VOTE_AVERAGE_NEGATIVE);
      details.put("popularity", NEGATIVE_POPULARITY);
      details.put("runtime", HUGE_RUNTIME);
      details.put("vote_count", NEGATIVE_VOTE_COUNT);
      changed = counted(DataFault.OUT_OF_RANGE);
    }
    if (hits(current, DataFault.NULL_FIELD, movieId)) {
      details.put(current.nullField(), null);
      changed = counted(DataFault.NULL_FIELD);
    }
    if (hits(current, DataFault.SCHEMA_CHANGE, movieId)) {
      changeSchema(details);
      changed = counted(DataFault.SCHEMA_CHANGE);
    }
    SplittableRandom duplicated = random(DataFault.DUPLICATED_KEYS, movieId);
    if (duplicated.nextDouble() < current.share(DataFault.DUPLICATED_KEYS)) {
      details.put("id", duplicatedKeys.get(duplicated.nextInt(duplicatedKeys.size())));
      changed = counted(DataFault.DUPLICATED_KEYS);
    }
    return changed;
  }

  /**
   * {@code vote_average} renamed in place (the other keys keep their order), genres as bare names,
   * {@code vote_count} as a string.
   */
  private static void changeSchema(Map<String, Object> details) {
    Map<String, Object> renamed = new LinkedHashMap<>();
    details.forEach(
        (key, value) ->
            renamed.put(key.equals("vote_average") ? RENAMED_VOTE_AVERAGE : key, value));
    details.clear();
    details.putAll(renamed);
    if (details.get("genres") instanceof List<?> genres) {
      List<Object> names = new ArrayList<>();
      for (Object genre : genres) {
        names.add(genre instanceof Map<?, ?> object ? object.get("name") : genre);
      }
      details.put("genres", names);
    }
    if (details.get("vote_count") instanceof Number count) {
      details.put("vote_count", count.toString());
    }
  }

  private boolean counted(DataFault fault) {
    injected.accept(fault);
    return true;
  }

  /** Never for share 0 ({@code nextDouble} is at least 0), always for share 1. */
  private boolean hits(DataFaults current, DataFault fault, long record) {
    return random(fault, record).nextDouble() < current.share(fault);
  }

  /** The same stream for the same seed, kind and record, independent of every other request. */
  private SplittableRandom random(DataFault fault, long record) {
    return new SplittableRandom(
        seed * 0x9E3779B97F4A7C15L + (fault.ordinal() + 1) * 0xC2B2AE3D27D4EB4FL + record);
  }
}
