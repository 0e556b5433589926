package dev.movielake.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A kind of bad data the simulator can serve in a well-formed 200 answer: the faults a transport
 * retry cannot fix and only the pipeline's quality gates can catch. Which records a kind affects is
 * decided per record (a movie's id, a list's page) from the seed, so every run of a seed hurts the
 * same records whatever the order and concurrency of the requests.
 */
public enum DataFault {
  /**
   * Paged answers (the movie lists, trending movies and people, discover, search, the changes feed,
   * a movie's reviews endpoint) carry {@code "results": []} while keeping {@code page}, {@code
   * total_pages} and {@code total_results}, as TMDB does in an outage: a client sees more pages to
   * read and nothing on them. The first page of reviews appended to movie details stays. Decided
   * per endpoint and page number.
   */
  EMPTY_PAGES,
  /**
   * Movie details carry JSON null in one field ({@link DataFaults#nullField()}, {@code
   * vote_average} unless chosen otherwise); the key stays, its value is null.
   */
  NULL_FIELD,
  /**
   * Movie details answer with the {@code id} of one of a few other movies (the catalog's first live
   * movies), while the rest of the body, appended credits and reviews included, stays the requested
   * movie's: many different records under a handful of keys, which the ingest publishes as they
   * come, since it keys a movie by the id in its body.
   */
  DUPLICATED_KEYS,
  /**
   * Movie details carry absurd values: {@code vote_average} 57.3 or -2.5, {@code popularity} -13.7,
   * {@code runtime} 99999 and {@code vote_count} -1000.
   */
  OUT_OF_RANGE,
  /**
   * Movie details drift from TMDB's schema: {@code vote_average} is renamed {@code rating} (the
   * known field is missing), {@code genres} become a list of names instead of {@code {id, name}}
   * objects, and {@code vote_count} is a string ({@code "1234"}).
   */
  SCHEMA_CHANGE;

  /** The name the command line uses, e.g. {@code empty-pages}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The kind named {@code name}, as the command line writes it ({@code empty-pages}) or as the enum
   * does ({@code EMPTY_PAGES}), in any case.
   */
  public static DataFault named(String name) {
    String wanted = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (DataFault fault : values()) {
      if (fault.name().equals(wanted)) {
        return fault;
      }
    }
    throw new IllegalArgumentException(
        "unknown data fault '" + name + "': choose one of " + optionNames());
  }

  /** Every kind's command-line name, comma-separated, for help and error messages. */
  public static String optionNames() {
    return Arrays.stream(values()).map(DataFault::optionName).collect(Collectors.joining(", "));
  }
}
