package dev.movielake.app.demo;

/**
 * @param pages pages of each TMDB list to ingest (20 movies a page)
 * @param changedMovies movies TMDB changes between the two runs (the simulator changes them on
 *     request; the real API has its own changes)
 */
public record DemoOptions(int pages, int changedMovies) {
  public DemoOptions {
    if (pages < 1 || changedMovies < 1) {
      throw new IllegalArgumentException("the demo needs at least 1 page and 1 changed movie");
    }
  }

  public static DemoOptions defaults() {
    return new DemoOptions(1, 3);
  }
}
