package dev.movielake.simulator;

/** A person's part in a movie: cast (character, order, castId) or crew (department, job). */
record SimulatedCredit(
    long movieId,
    long personId,
    String creditId,
    boolean cast,
    String character,
    int order,
    int castId,
    String department,
    String job) {}
