package dev.movielake.model;

import java.util.Optional;

/**
 * The MongoDB collections the API serves and the table each is published from. A collection's
 * documents are keyed by {@code _id}, built from the source table's key; publishing decides how
 * rows become documents, the API only reads.
 */
public enum ServingCollection {
  MOVIES("movies", PipelineTable.MOVIES_CLEAN),
  /** The latest observed popularity and rating of each movie. */
  MOVIE_METRICS("movie_metrics", PipelineTable.MOVIES_CLEAN),
  PEOPLE("people", PipelineTable.PEOPLE_CLEAN),
  CREDITS("credits", PipelineTable.CREDITS_CLEAN),
  REVIEWS("reviews", PipelineTable.REVIEWS_WITH_SENTIMENT),
  /** Sentiment and rating statistics over all of a movie's reviews. */
  REVIEW_METRICS("review_metrics", PipelineTable.REVIEWS_WITH_SENTIMENT),
  TRENDING_MOVIES("trending_movies", PipelineTable.TRENDING_MOVIES),
  SENTIMENT_TRENDS("sentiment_trends", PipelineTable.SENTIMENT_TRENDS),
  GENRE_METRICS("genre_metrics", PipelineTable.MOVIES_BY_YEAR_GENRE),
  DATA_QUALITY("data_quality", PipelineTable.DATA_QUALITY),
  QUALITY_SCORES("quality_scores", PipelineTable.QUALITY_SCORES),
  AUDITS("audits", PipelineTable.AUDITS),
  /**
   * Publishing's own bookkeeping: the snapshot of each source table a collection was last published
   * from.
   */
  PUBLISH_STATE("publish_state", null);

  private final String collectionName;
  private final PipelineTable source;

  ServingCollection(String collectionName, PipelineTable source) {
    this.collectionName = collectionName;
    this.source = source;
  }

  public String collectionName() {
    return collectionName;
  }

  /** The table the documents are computed from; empty for publishing's own state. */
  public Optional<PipelineTable> source() {
    return Optional.ofNullable(source);
  }

  @Override
  public String toString() {
    return collectionName;
  }
}
