package dev.movielake.simulator;

import java.util.List;

/**
 * One catalog movie with the raw values TMDB would serve. Nullable fields are served as JSON null,
 * except {@code tagline}: null means the key is left out entirely, as TMDB does for some movies.
 */
record SimulatedMovie(
    long id,
    String title,
    String originalTitle,
    String originalLanguage,
    String overview,
    String releaseDate /* "" when unknown, as TMDB */,
    List<Integer> genreIds,
    boolean adult,
    String posterPath,
    String backdropPath,
    double popularity,
    double voteAverage,
    int voteCount,
    boolean video,
    long budget,
    long revenue,
    Integer runtime,
    String homepage,
    String imdbId,
    String tagline,
    String status,
    Collection collection,
    List<Company> companies,
    List<String> countryCodes,
    List<String> languageCodes,
    List<Keyword> keywords,
    boolean deleted,
    double trendingDayScore,
    double trendingWeekScore) {

  record Collection(long id, String name, String posterPath, String backdropPath) {}

  record Company(long id, String name, String logoPath, String originCountry) {}

  record Keyword(long id, String name) {}

  /** The movie after a change on TMDB: more votes, a popularity swing. */
  SimulatedMovie touched(int touchNumber) {
    double swing = 1.0 + ((touchNumber * 37L) % 21 - 7) / 100.0;
    double newPopularity = Math.round(Math.max(0.1, popularity * swing + 0.5) * 1000) / 1000.0;
    return new SimulatedMovie(
        id,
        title,
        originalTitle,
        originalLanguage,
        overview,
        releaseDate,
        genreIds,
        adult,
        posterPath,
        backdropPath,
        newPopularity,
        voteAverage,
        voteCount + 1 + touchNumber % 5,
        video,
        budget,
        revenue,
        runtime,
        homepage,
        imdbId,
        tagline,
        status,
        collection,
        companies,
        countryCodes,
        languageCodes,
        keywords,
        deleted,
        trendingDayScore * swing,
        trendingWeekScore);
  }
}
