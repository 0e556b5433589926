package dev.movielake.simulator;

import java.util.List;

/** One catalog person; dates are ISO strings or null, as TMDB serves them. */
record SimulatedPerson(
    long id,
    String name,
    List<String> alsoKnownAs,
    String biography,
    String birthday,
    String deathday,
    String placeOfBirth,
    int gender,
    String knownForDepartment,
    double popularity,
    String profilePath,
    String imdbId,
    String homepage,
    double trendingDayScore,
    double trendingWeekScore) {}
