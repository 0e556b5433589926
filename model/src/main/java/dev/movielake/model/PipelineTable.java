package dev.movielake.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every table the pipeline writes, in one catalogue: its layer, its name in that layer's namespace,
 * the columns that identify a row, its hidden partitioning (Iceberg transform expressions) and the
 * tables it is computed from. The lineage is what lets a layer know which upstream commits it
 * depends on (the gold refresh reads the silver snapshots of its sources) and which tables a change
 * in one table reaches.
 *
 * <p>Declared in the data's order, bronze first, so that each table's sources are declared before
 * it.
 */
public enum PipelineTable {
  MOVIES_RAW(Layer.BRONZE, "movies_raw", Role.RECORDS, Bronze.KEY, Bronze.PARTITIONING),
  PEOPLE_RAW(Layer.BRONZE, "people_raw", Role.RECORDS, Bronze.KEY, Bronze.PARTITIONING),
  CREDITS_RAW(Layer.BRONZE, "credits_raw", Role.RECORDS, Bronze.KEY, Bronze.PARTITIONING),
  REVIEWS_RAW(Layer.BRONZE, "reviews_raw", Role.RECORDS, Bronze.KEY, Bronze.PARTITIONING),
  RATINGS_RAW(Layer.BRONZE, "ratings_raw", Role.RECORDS, Bronze.KEY, Bronze.PARTITIONING),
  /** Kafka records bronze could not parse, with the reason: kept so that nothing read is lost. */
  DEAD_LETTER(Layer.BRONZE, "dead_letter", Role.REJECTS, Bronze.KEY, Bronze.PARTITIONING),

  // Movies by release year and reviews by month suit the questions asked of them (per-year
  // analytics, recent reviews); people and credits are looked up by id, so they are bucketed by
  // it, which keeps each MERGE's file rewrites within a few buckets. Days would make one small
  // file per review day: months keep files few while pruning by date.
  MOVIES_CLEAN(
      Layer.SILVER,
      "movies_clean",
      Role.RECORDS,
      List.of(Columns.MOVIE_ID),
      List.of("years(release_date)"),
      MOVIES_RAW),
  PEOPLE_CLEAN(
      Layer.SILVER,
      "people_clean",
      Role.RECORDS,
      List.of(Columns.PERSON_ID),
      List.of("bucket(4, person_id)"),
      PEOPLE_RAW),
  CREDITS_CLEAN(
      Layer.SILVER,
      "credits_clean",
      Role.RECORDS,
      List.of(Columns.CREDIT_KEY),
      List.of("bucket(8, movie_id)"),
      CREDITS_RAW),
  REVIEWS_WITH_SENTIMENT(
      Layer.SILVER,
      "reviews_with_sentiment",
      Role.RECORDS,
      List.of(Columns.REVIEW_ID),
      List.of("months(review_date)"),
      REVIEWS_RAW),
  /** Rows a blocking quality rule kept out of silver, with the rules they failed. */
  QUARANTINE(
      Layer.SILVER,
      "quarantine",
      Role.REJECTS,
      List.of(),
      List.of("record_type", "months(quarantined_at)"),
      MOVIES_RAW,
      PEOPLE_RAW,
      CREDITS_RAW,
      REVIEWS_RAW),
  /** The outcome of every rule on every silver batch and gold refresh. */
  DATA_QUALITY(Layer.SILVER, "data_quality", Role.CHECKS, List.of(), List.of("months(checked_at)")),
  /** The whole-table quality monitor's scores, one row per table and dimension per run. */
  QUALITY_SCORES(
      Layer.SILVER, "quality_scores", Role.CHECKS, List.of(), List.of("months(checked_at)")),
  /**
   * Write-audit-publish's log: one row per audited batch of a silver or gold table (passed or held)
   * and per operator decision on a held one (released, discarded).
   */
  AUDITS(Layer.SILVER, "audits", Role.CHECKS, List.of(), List.of("months(audited_at)")),
  /**
   * The maintenance service's log: one row per action on a table, with what triggered it, the
   * benefit predicted from metadata and the effect realised (files and bytes before and after).
   */
  MAINTENANCE_LOG(
      Layer.SILVER, "maintenance_log", Role.OPERATIONS, List.of(), List.of("months(started_at)")),
  /**
   * Orphan removal's first phase: files in a table's location that no snapshot referenced when they
   * were marked, one row per mark and per later decision (deleted after the grace period, or
   * referenced again and kept).
   */
  ORPHAN_FILES(
      Layer.SILVER, "orphan_files", Role.OPERATIONS, List.of(), List.of("months(marked_at)")),

  MOVIES_BY_YEAR_GENRE(
      Layer.GOLD,
      "movies_by_year_genre",
      Role.RECORDS,
      List.of("year", "genre"),
      List.of("year"),
      MOVIES_CLEAN),
  GENRE_SUMMARY_BY_YEAR(
      Layer.GOLD,
      "genre_summary_by_year",
      Role.RECORDS,
      List.of("release_year", "genre"),
      List.of(),
      MOVIES_CLEAN),
  MOVIE_SUMMARY_BY_YEAR_LANGUAGE(
      Layer.GOLD,
      "movie_summary_by_year_language",
      Role.RECORDS,
      List.of("release_year", "language", "popularity_tier"),
      List.of(),
      MOVIES_CLEAN),
  DIRECTOR_FILMOGRAPHY(
      Layer.GOLD,
      "director_filmography",
      Role.RECORDS,
      List.of(Columns.PERSON_ID),
      List.of(),
      MOVIES_CLEAN,
      CREDITS_CLEAN),
  ACTOR_FILMOGRAPHY(
      Layer.GOLD,
      "actor_filmography",
      Role.RECORDS,
      List.of(Columns.PERSON_ID),
      List.of(),
      MOVIES_CLEAN,
      CREDITS_CLEAN),
  // Windows count every observation, not only the latest version of a record: they read bronze.
  TRENDING_MOVIES(
      Layer.GOLD,
      "trending_movies",
      Role.RECORDS,
      List.of(Columns.WINDOW_START, Columns.MOVIE_ID),
      List.of("days(window_start)"),
      MOVIES_RAW),
  SENTIMENT_TRENDS(
      Layer.GOLD,
      "sentiment_trends",
      Role.RECORDS,
      List.of(Columns.WINDOW_START, Columns.MOVIE_ID),
      List.of("days(window_start)"),
      REVIEWS_RAW);

  /** What a table holds, which decides whether the quality monitor judges it by rules. */
  public enum Role {
    /** Records of the pipeline's data. */
    RECORDS,
    /** What a layer refused, kept for inspection and replay. */
    REJECTS,
    /** The pipeline's own quality checks. */
    CHECKS,
    /** What the pipeline's operations did to its tables (maintenance). */
    OPERATIONS
  }

  /** What every bronze table shares: rows are Kafka records. */
  private static final class Bronze {
    /** A Kafka record is written once: its coordinates identify its row. */
    static final List<String> KEY = List.of("kafka_topic", "kafka_partition", "kafka_offset");

    /** By the day Kafka received the record, which is when it was produced. */
    static final List<String> PARTITIONING = List.of("days(kafka_timestamp)");
  }

  private final Layer layer;
  private final String tableName;
  private final Role role;
  private final List<String> key;
  private final List<String> partitioning;
  private final List<PipelineTable> sources;

  PipelineTable(
      Layer layer,
      String tableName,
      Role role,
      List<String> key,
      List<String> partitioning,
      PipelineTable... sources) {
    this.layer = layer;
    this.tableName = tableName;
    this.role = role;
    this.key = key;
    this.partitioning = partitioning;
    this.sources = List.of(sources);
  }

  public Layer layer() {
    return layer;
  }

  /**
   * The name within the layer's namespace, as users write it after {@code bronze.}, {@code
   * silver.}, {@code gold.}.
   */
  public String tableName() {
    return tableName;
  }

  public Role role() {
    return role;
  }

  /** The columns that identify a row; empty for logs, which only append. */
  public List<String> key() {
    return key;
  }

  /**
   * The key of a table keyed by one column (every silver table of a record type), which becomes a
   * quarantined row's {@code record_key} and a serving document's {@code _id}.
   */
  public String keyColumn() {
    if (key.size() != 1) {
      throw new IllegalStateException(this + " is keyed by " + key + ", not by one column");
    }
    return key.get(0);
  }

  /**
   * Partition fields as Iceberg transform expressions, e.g. {@code years(release_date)}; empty when
   * unpartitioned.
   */
  public List<String> partitioning() {
    return partitioning;
  }

  /**
   * The tables this one is computed from; empty for tables fed from outside the lakehouse (Kafka).
   */
  public List<PipelineTable> sources() {
    return sources;
  }

  /** The tables computed from this one, directly. */
  public List<PipelineTable> consumers() {
    return Arrays.stream(values()).filter(table -> table.sources.contains(this)).toList();
  }

  /**
   * The pipeline's table of that name in that layer; empty for a table the pipeline does not write.
   */
  public static Optional<PipelineTable> find(Layer layer, String tableName) {
    return Arrays.stream(values())
        .filter(table -> table.layer == layer && table.tableName.equals(tableName))
        .findFirst();
  }

  /** {@code layer.table}, as in SQL and the command line. */
  @Override
  public String toString() {
    return layer.id() + "." + tableName;
  }
}
