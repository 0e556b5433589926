package dev.movielake.simulator;

/** A user review; rating is null when the author gave none. */
record SimulatedReview(
    String id,
    long movieId,
    String author,
    String authorName,
    String username,
    String avatarPath,
    Double rating,
    String content,
    String createdAt,
    String updatedAt) {}
