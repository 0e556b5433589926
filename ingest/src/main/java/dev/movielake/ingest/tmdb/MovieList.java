package dev.movielake.ingest.tmdb;

/** TMDB's movie lists, by their API path. */
public enum MovieList {
  POPULAR("movie/popular"),
  TOP_RATED("movie/top_rated"),
  NOW_PLAYING("movie/now_playing"),
  UPCOMING("movie/upcoming"),
  TRENDING_DAY("trending/movie/day"),
  TRENDING_WEEK("trending/movie/week");

  private final String path;

  MovieList(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }
}
