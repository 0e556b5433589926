package dev.movielake.stream.silver;

import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.stream.records.RecordType;

/**
 * The silver table of each record type: its name, the natural key upserts match on, and its hidden
 * partitioning. Movies by release year and reviews by month suit the questions asked of them
 * (per-year analytics, recent reviews); people and credits are looked up by id, so they are
 * bucketed by it, which keeps each MERGE's file rewrites within a few buckets.
 */
public enum SilverTable {
  MOVIES(RecordType.MOVIES, "movies_clean", "movie_id", Partitioning.of("years(release_date)")),
  PEOPLE(RecordType.PEOPLE, "people_clean", "person_id", Partitioning.of("bucket(4, person_id)")),
  CREDITS(RecordType.CREDITS, "credits_clean", "credit_key", Partitioning.of("bucket(8, movie_id)")),
  // Days would make one small file per review day: months keep files few while pruning by date.
  REVIEWS(RecordType.REVIEWS, "reviews_with_sentiment", "review_id", Partitioning.of("months(review_date)"));

  /** The column that orders versions of one record: the time TMDB was asked. */
  public static final String VERSION_COLUMN = "observed_at";

  private final RecordType recordType;
  private final String table;
  private final String key;
  private final Partitioning partitioning;

  SilverTable(RecordType recordType, String table, String key, Partitioning partitioning) {
    this.recordType = recordType;
    this.table = table;
    this.key = key;
    this.partitioning = partitioning;
  }

  public RecordType recordType() {
    return recordType;
  }

  public String table() {
    return table;
  }

  public String key() {
    return key;
  }

  public Partitioning partitioning() {
    return partitioning;
  }

  public static SilverTable of(RecordType type) {
    for (SilverTable table : values()) {
      if (table.recordType == type) {
        return table;
      }
    }
    throw new IllegalArgumentException(type + " records stay in bronze: there is no silver table for them");
  }
}
