package dev.movielake.simulator;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Bad data served in well-formed 200 answers, so the pipeline's write-audit-publish quality gates
 * can be tested against batches that are wrong rather than missing. The transport faults ({@link
 * Faults}) make requests fail; these make them succeed with data no gate should publish.
 *
 * @param shares each switched-on kind with the share (above 0, at most 1) of the records or pages
 *     it affects; a kind that is absent, or given share 0, is off
 * @param nullField the movie details field {@link DataFault#NULL_FIELD} nulls, one of {@link
 *     #NULLABLE_FIELDS}
 */
public record DataFaults(Map<DataFault, Double> shares, String nullField) {

  /** The field {@link DataFault#NULL_FIELD} nulls unless another is chosen. */
  public static final String DEFAULT_NULL_FIELD = "vote_average";

  /**
   * The top-level fields of movie details {@link DataFault#NULL_FIELD} may null: all of them but
   * {@code id}, which is the record's key ({@link DataFault#DUPLICATED_KEYS} is the key's fault).
   */
  public static final List<String> NULLABLE_FIELDS =
      List.of(
          "adult",
          "backdrop_path",
          "belongs_to_collection",
          "budget",
          "genres",
          "homepage",
          "imdb_id",
          "origin_country",
          "original_language",
          "original_title",
          "overview",
          "popularity",
          "poster_path",
          "production_companies",
          "production_countries",
          "release_date",
          "revenue",
          "runtime",
          "spoken_languages",
          "status",
          "tagline",
          "title",
          "video",
          "vote_average",
          "vote_count");

  public DataFaults {
    Objects.requireNonNull(shares, "shares");
    Objects.requireNonNull(nullField, "nullField");
    Map<DataFault, Double> switchedOn = new EnumMap<>(DataFault.class);
    shares.forEach(
        (fault, share) -> {
          Objects.requireNonNull(fault, "a data fault's kind");
          requireShare(fault, Objects.requireNonNull(share, "the share of " + fault));
          if (share > 0) {
            switchedOn.put(fault, share);
          }
        });
    shares = Map.copyOf(switchedOn);
    requireNullable(nullField);
  }

  /** No data faults: every answer carries the catalog's good data. */
  public static DataFaults none() {
    return new DataFaults(Map.of(), DEFAULT_NULL_FIELD);
  }

  /** {@code fault} switched on for every record or page it can affect. */
  public DataFaults withFault(DataFault fault) {
    return withFault(fault, 1.0);
  }

  /** {@code fault} switched on for {@code share} (0..1) of the records or pages; 0 switches off. */
  public DataFaults withFault(DataFault fault, double share) {
    Map<DataFault, Double> changed = new EnumMap<>(DataFault.class);
    changed.putAll(shares);
    changed.put(Objects.requireNonNull(fault, "fault"), share);
    return new DataFaults(changed, nullField);
  }

  public DataFaults withoutFault(DataFault fault) {
    return withFault(fault, 0);
  }

  /** The field {@link DataFault#NULL_FIELD} nulls; does not switch it on. */
  public DataFaults withNullField(String field) {
    return new DataFaults(shares, field);
  }

  /** The share of records or pages {@code fault} affects; 0 when it is off. */
  public double share(DataFault fault) {
    return shares.getOrDefault(fault, 0.0);
  }

  public boolean isOn(DataFault fault) {
    return shares.containsKey(fault);
  }

  /** True when every answer is good. */
  public boolean isNone() {
    return shares.isEmpty();
  }

  /** E.g. {@code empty-pages=0.5, null-field=1.0 (runtime)}, or {@code none}. */
  @Override
  public String toString() {
    if (shares.isEmpty()) {
      return "none";
    }
    return new EnumMap<>(shares)
        .entrySet().stream()
            .map(
                entry ->
                    entry.getKey().optionName()
                        + "="
                        + entry.getValue()
                        + (entry.getKey() == DataFault.NULL_FIELD ? " (" + nullField + ")" : ""))
            .collect(Collectors.joining(", "));
  }

  private static void requireShare(DataFault fault, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "the share of data fault "
              + fault.optionName()
              + " must be within 0..1, got "
              + share
              + ": give 1 to affect every record, 0.25 for a quarter, 0 to switch it off");
    }
  }

  private static void requireNullable(String field) {
    if (field.equals("id")) {
      throw new IllegalArgumentException(
          "null-field cannot null 'id', the movie's key: choose another field, or use data fault"
              + " duplicated-keys to break keys");
    }
    if (!NULLABLE_FIELDS.contains(field)) {
      throw new IllegalArgumentException(
          "null-field cannot null '"
              + field
              + "': movie details have no such field; choose one of "
              + String.join(", ", NULLABLE_FIELDS));
    }
  }
}
