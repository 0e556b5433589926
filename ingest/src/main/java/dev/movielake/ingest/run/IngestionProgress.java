package dev.movielake.ingest.run;

/** Told how far a run is, so long runs show progress (the command line draws a bar). */
public interface IngestionProgress {
  IngestionProgress NONE = new IngestionProgress() {};

  /** A stage begins, with how many items it has (0 when unknown). */
  default void stage(String name, long items) {}

  default void advance() {}
}
