package dev.movielake.ingest.tmdb;

/**
 * TMDB refused the credentials (HTTP 401, status 7): no later request can succeed, so the run
 * stops.
 */
public final class TmdbAuthenticationException extends TmdbException {
  public TmdbAuthenticationException(String baseUrl, String tmdbMessage) {
    super(
        "TMDB at "
            + baseUrl
            + " rejected the credentials ("
            + tmdbMessage
            + "); check TMDB_API_KEY or TMDB_READ_TOKEN (a v3 API key or a v4 read access token"
            + " from themoviedb.org/settings/api)");
  }
}
