package dev.movielake.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The record types that flow through the pipeline, each defined once: its name (the default topic,
 * the {@code KAFKA_TOPIC_*} variable, checkpoint folders), its topic's policy, the fields a record
 * cannot lack, the JSON shape bronze parses (TMDB's, as ingestion publishes it; dates stay text in
 * bronze, since TMDB sends "" for unknown), its bronze and silver tables and the collection serving
 * it. Adding a record type means adding it here, then its cleaner and its expectations.
 */
public enum RecordType {
  MOVIES(
      "movies",
      TopicPolicy.compacted(6, 1_048_576),
      List.of("id"),
      "id BIGINT, title STRING, original_title STRING, overview STRING, release_date STRING, adult"
          + " BOOLEAN, popularity DOUBLE, vote_average DOUBLE, vote_count INT, poster_path STRING,"
          + " backdrop_path STRING, original_language STRING, budget BIGINT, revenue BIGINT,"
          + " runtime INT, status STRING, tagline STRING, homepage STRING, imdb_id STRING, genres"
          + " ARRAY<STRUCT<id: INT, name: STRING>>, genre_ids ARRAY<INT>, production_companies"
          + " ARRAY<STRUCT<id: INT, name: STRING, logo_path: STRING, origin_country: STRING>>,"
          + " keywords STRUCT<keywords: ARRAY<STRUCT<id: INT, name: STRING>>>, ingestion_timestamp"
          + " DOUBLE, data_source STRING",
      PipelineTable.MOVIES_RAW,
      PipelineTable.MOVIES_CLEAN,
      ServingCollection.MOVIES),
  PEOPLE(
      "people",
      TopicPolicy.compacted(4, 1_048_576),
      List.of("id"),
      "id BIGINT, name STRING, biography STRING, birthday STRING, deathday STRING, place_of_birth"
          + " STRING, profile_path STRING, adult BOOLEAN, popularity DOUBLE, gender INT,"
          + " known_for_department STRING, homepage STRING, imdb_id STRING, also_known_as"
          + " ARRAY<STRING>, ingestion_timestamp DOUBLE, data_source STRING",
      PipelineTable.PEOPLE_RAW,
      PipelineTable.PEOPLE_CLEAN,
      ServingCollection.PEOPLE),
  CREDITS(
      "credits",
      TopicPolicy.eventLog(8, 512_000),
      List.of("movie_id", "person_id", "credit_type"),
      "movie_id BIGINT, person_id BIGINT, credit_type STRING, credit_id STRING, name STRING,"
          + " `character` STRING, `order` INT, job STRING, department STRING, profile_path STRING,"
          + " gender INT, adult BOOLEAN, known_for_department STRING, popularity DOUBLE,"
          + " ingestion_timestamp DOUBLE, data_source STRING",
      PipelineTable.CREDITS_RAW,
      PipelineTable.CREDITS_CLEAN,
      ServingCollection.CREDITS),
  REVIEWS(
      "reviews",
      TopicPolicy.eventLog(6, 2_097_152),
      List.of("id", "movie_id"),
      "id STRING, movie_id BIGINT, author STRING, content STRING, created_at STRING, updated_at"
          + " STRING, url STRING, author_details STRUCT<name: STRING, username: STRING,"
          + " avatar_path: STRING, rating: DOUBLE>, ingestion_timestamp DOUBLE, data_source STRING",
      PipelineTable.REVIEWS_RAW,
      PipelineTable.REVIEWS_WITH_SENTIMENT,
      ServingCollection.REVIEWS),
  /** User ratings stay in bronze: nothing downstream reads them yet. */
  RATINGS(
      "ratings",
      TopicPolicy.eventLog(4, 256_000),
      List.of("movie_id", "user_id"),
      "id STRING, movie_id BIGINT, user_id STRING, rating DOUBLE, `timestamp` DOUBLE, source"
          + " STRING, ingestion_timestamp DOUBLE, data_source STRING",
      PipelineTable.RATINGS_RAW,
      null,
      null);

  private final String recordType;
  private final TopicPolicy topicPolicy;
  private final List<String> requiredFields;
  private final String schemaDdl;
  private final PipelineTable bronzeTable;
  private final PipelineTable silverTable;
  private final ServingCollection collection;

  RecordType(
      String recordType,
      TopicPolicy topicPolicy,
      List<String> requiredFields,
      String schemaDdl,
      PipelineTable bronzeTable,
      PipelineTable silverTable,
      ServingCollection collection) {
    this.recordType = recordType;
    this.topicPolicy = topicPolicy;
    this.requiredFields = requiredFields;
    this.schemaDdl = schemaDdl;
    this.bronzeTable = bronzeTable;
    this.silverTable = silverTable;
    this.collection = collection;
  }

  /** The name ingestion and the configuration use (the default topic, KAFKA_TOPIC_MOVIES, ...). */
  public String recordType() {
    return recordType;
  }

  public TopicPolicy topicPolicy() {
    return topicPolicy;
  }

  /**
   * The fields without which a record cannot be placed (its key): bronze dead-letters a record
   * lacking them.
   */
  public List<String> requiredFields() {
    return requiredFields;
  }

  /** The record's JSON shape as Spark SQL DDL, which bronze parses the Kafka value with. */
  public String schemaDdl() {
    return schemaDdl;
  }

  public PipelineTable bronzeTable() {
    return bronzeTable;
  }

  /** Empty for a record type that stays in bronze. */
  public Optional<PipelineTable> silverTable() {
    return Optional.ofNullable(silverTable);
  }

  /** The silver table, for code that only runs for record types that have one. */
  public PipelineTable requireSilverTable() {
    if (silverTable == null) {
      throw new IllegalArgumentException(
          this + " records stay in bronze: there is no silver table for them");
    }
    return silverTable;
  }

  /** The collection serving the record type's silver rows; empty for one that stays in bronze. */
  public Optional<ServingCollection> collection() {
    return Optional.ofNullable(collection);
  }

  /** The record types that have a silver table, in declaration order. */
  public static List<RecordType> withSilverTable() {
    return Arrays.stream(values()).filter(type -> type.silverTable != null).toList();
  }

  /** The record type whose bronze table this is. */
  public static Optional<RecordType> ofBronzeTable(PipelineTable table) {
    return Arrays.stream(values()).filter(type -> type.bronzeTable == table).findFirst();
  }

  /** The record type whose silver table this is. */
  public static Optional<RecordType> ofSilverTable(PipelineTable table) {
    return Arrays.stream(values()).filter(type -> type.silverTable == table).findFirst();
  }

  public static RecordType parse(String value) {
    for (RecordType type : values()) {
      if (type.recordType.equalsIgnoreCase(value.strip())) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown record type '" + value + "'; accepted values: " + accepted());
  }

  public static String accepted() {
    return Arrays.stream(values()).map(RecordType::recordType).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
