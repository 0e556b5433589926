package dev.movielake.stream.records;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.StructType;

/**
 * The record types that flow through the pipeline, defined once: the Kafka record type (and so the
 * topic), the bronze table, the fields a record cannot lack, and the JSON shape bronze parses
 * (TMDB's, as ingestion publishes it; dates stay text in bronze, since TMDB sends "" for unknown).
 */
public enum RecordType {
  MOVIES("movies", List.of("id"),
      "id BIGINT, title STRING, original_title STRING, overview STRING, release_date STRING, adult BOOLEAN, "
          + "popularity DOUBLE, vote_average DOUBLE, vote_count INT, poster_path STRING, backdrop_path STRING, "
          + "original_language STRING, budget BIGINT, revenue BIGINT, runtime INT, status STRING, tagline STRING, "
          + "homepage STRING, imdb_id STRING, genres ARRAY<STRUCT<id: INT, name: STRING>>, genre_ids ARRAY<INT>, "
          + "production_companies ARRAY<STRUCT<id: INT, name: STRING, logo_path: STRING, origin_country: STRING>>, "
          + "keywords STRUCT<keywords: ARRAY<STRUCT<id: INT, name: STRING>>>, "
          + "ingestion_timestamp DOUBLE, data_source STRING"),
  PEOPLE("people", List.of("id"),
      "id BIGINT, name STRING, biography STRING, birthday STRING, deathday STRING, place_of_birth STRING, "
          + "profile_path STRING, adult BOOLEAN, popularity DOUBLE, gender INT, known_for_department STRING, "
          + "homepage STRING, imdb_id STRING, also_known_as ARRAY<STRING>, ingestion_timestamp DOUBLE, data_source STRING"),
  CREDITS("credits", List.of("movie_id", "person_id", "credit_type"),
      "movie_id BIGINT, person_id BIGINT, credit_type STRING, credit_id STRING, name STRING, `character` STRING, "
          + "`order` INT, job STRING, department STRING, profile_path STRING, gender INT, adult BOOLEAN, "
          + "known_for_department STRING, popularity DOUBLE, ingestion_timestamp DOUBLE, data_source STRING"),
  REVIEWS("reviews", List.of("id", "movie_id"),
      "id STRING, movie_id BIGINT, author STRING, content STRING, created_at STRING, updated_at STRING, url STRING, "
          + "author_details STRUCT<name: STRING, username: STRING, avatar_path: STRING, rating: DOUBLE>, "
          + "ingestion_timestamp DOUBLE, data_source STRING"),
  RATINGS("ratings", List.of("movie_id", "user_id"),
      "id STRING, movie_id BIGINT, user_id STRING, rating DOUBLE, `timestamp` DOUBLE, source STRING, "
          + "ingestion_timestamp DOUBLE, data_source STRING");

  private final String recordType;
  private final List<String> requiredFields;
  private final String schemaDdl;

  RecordType(String recordType, List<String> requiredFields, String schemaDdl) {
    this.recordType = recordType;
    this.requiredFields = requiredFields;
    this.schemaDdl = schemaDdl;
  }

  /** The name ingestion and the configuration use (KAFKA_TOPIC_MOVIES, ...). */
  public String recordType() {
    return recordType;
  }

  public String bronzeTable() {
    return recordType + "_raw";
  }

  public List<String> requiredFields() {
    return requiredFields;
  }

  public StructType schema() {
    return StructType.fromDDL(schemaDdl);
  }

  public static RecordType parse(String value) {
    for (RecordType type : values()) {
      if (type.recordType.equalsIgnoreCase(value.strip())) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown record type '" + value + "'; accepted values: movies, people, credits, reviews, ratings");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
