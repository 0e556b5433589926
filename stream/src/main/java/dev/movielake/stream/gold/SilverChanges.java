package dev.movielake.stream.gold;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.change.ChangeFeedUnavailableException;
import dev.movielake.lakehouse.change.ChangeRange;
import dev.movielake.lakehouse.change.TableChanges;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silver's changes since the snapshots a gold table recorded, up to the snapshots this refresh
 * reads. The gold tables of one refresh usually recorded the same snapshots, so each table's
 * changes are read once and kept (in memory, spilling to disk) until the refresh ends.
 */
final class SilverChanges {
  private static final Logger log = LoggerFactory.getLogger(SilverChanges.class);

  private final IcebergStorageManager storage;
  private final Map<PipelineTable, Long> current;
  private final Map<String, Optional<Dataset<Row>>> images = new HashMap<>();
  private final List<Dataset<Row>> kept = new ArrayList<>();

  SilverChanges(IcebergStorageManager storage, Map<PipelineTable, Long> current) {
    this.storage = storage;
    this.current = Map.copyOf(current);
  }

  /**
   * Both images of every row changed in each source of {@code gold} since the snapshot it recorded;
   * empty when a full recompute is needed instead: a source it did not record (it appeared since),
   * a recorded source that is gone, or a change feed that cannot be read.
   */
  Optional<GoldAggregates.SourceChanges> since(
      PipelineTable gold, Map<PipelineTable, Long> recorded) {
    if (!current.keySet().containsAll(recorded.keySet())) {
      return Optional.empty();
    }
    Dataset<Row> movies = null;
    Optional<Dataset<Row>> credits = Optional.empty();
    for (PipelineTable source : gold.sources()) {
      if (!current.containsKey(source)) {
        continue;
      }
      Long from = recorded.get(source);
      if (from == null) {
        return Optional.empty();
      }
      Optional<Dataset<Row>> changed = images(gold, source, from);
      if (changed.isEmpty()) {
        return Optional.empty();
      }
      if (source == PipelineTable.MOVIES_CLEAN) {
        movies = changed.get();
      } else if (source == PipelineTable.CREDITS_CLEAN) {
        credits = changed;
      }
    }
    return movies == null
        ? Optional.empty()
        : Optional.of(new GoldAggregates.SourceChanges(movies, credits));
  }

  private Optional<Dataset<Row>> images(PipelineTable gold, PipelineTable source, long from) {
    return images.computeIfAbsent(
        source.tableName() + "@" + from,
        ignored -> {
          try {
            TableChanges changes =
                storage.changes(
                    Layer.SILVER,
                    source.tableName(),
                    ChangeRange.after(from).to(current.get(source)),
                    source.key());
            Dataset<Row> rows = changes.images();
            if (!changes.unchanged()) {
              rows = rows.persist(StorageLevel.MEMORY_AND_DISK());
              kept.add(rows);
            }
            return Optional.of(rows);
          } catch (ChangeFeedUnavailableException e) {
            log.info(
                "gold.{} is recomputed in full: silver.{}'s changes since snapshot {} cannot be"
                    + " read ({})",
                gold.tableName(),
                source.tableName(),
                from,
                e.getMessage());
            return Optional.empty();
          }
        });
  }

  /** Frees what the refresh kept. */
  void release() {
    kept.forEach(Dataset::unpersist);
    kept.clear();
  }
}
