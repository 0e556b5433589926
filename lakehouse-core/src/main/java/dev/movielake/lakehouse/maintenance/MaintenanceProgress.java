package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.TableName;

/** Told about each step of a maintenance run, so long runs can show progress. */
public interface MaintenanceProgress {
  MaintenanceProgress NONE = new MaintenanceProgress() {};

  default void started(int steps) {}

  default void step(TableName table, String action) {}
}
