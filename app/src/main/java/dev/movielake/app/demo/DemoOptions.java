package dev.movielake.app.demo;

/**
 * @param movies how many movies to generate
 * @param people how many people
 * @param batches bronze micro-batches per table (each one a commit, as a stream would make)
 * @param seed the same seed always gives the same data
 */
public record DemoOptions(int movies, int people, int batches, long seed) {
  public DemoOptions {
    if (movies < 10 || people < 10 || batches < 1) {
      throw new IllegalArgumentException("the demo needs at least 10 movies, 10 people and 1 batch");
    }
  }

  public static DemoOptions defaults() {
    return new DemoOptions(5000, 3000, 6, 42);
  }
}
