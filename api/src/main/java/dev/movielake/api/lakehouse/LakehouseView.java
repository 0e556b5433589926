package dev.movielake.api.lakehouse;

import dev.movielake.lakehouse.TableNotFoundException;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.model.Layer;
import java.util.List;

/**
 * What the API shows operators about the lakehouse, read from Iceberg metadata (never from data
 * files, and without Spark). The API's narrow view of the catalog; tests use a hand-written fake.
 */
public interface LakehouseView {
  /** Every table of every layer, bronze first. */
  List<TableStatistics> tables();

  /**
   * @throws TableNotFoundException for an unknown table
   */
  TableStatistics table(Layer layer, String table);

  /** The table's snapshots, oldest first. @throws TableNotFoundException for an unknown table */
  List<SnapshotEntry> snapshots(Layer layer, String table);

  /** When each snapshot became current, oldest first. @throws TableNotFoundException */
  List<HistoryEntry> history(Layer layer, String table);

  /** Files per table now, and before and after each table's latest compaction. */
  MaintenanceSummary maintenance();

  /** Null when the catalog answers; otherwise what is wrong, for the health endpoint. */
  String problem();
}
