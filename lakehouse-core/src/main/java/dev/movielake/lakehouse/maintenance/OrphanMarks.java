package dev.movielake.lakehouse.maintenance;

import dev.movielake.config.LayerTableProperties;
import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.RecordAppender;
import dev.movielake.model.Layer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The orphan marks table (the pipeline's {@code silver.orphan_files}; its name comes from the
 * caller, since this module does not know the pipeline's tables): appended, never updated, one row
 * per mark and one per later decision, so a file's story stays readable and concurrent writers
 * never collide. Read with Iceberg's generic reader and written with its Parquet writer, no Spark
 * job: marking runs beside the stream. Each mark run's commit names the table it scanned in its
 * snapshot summary, also when it found nothing, which is what says when a table was last scanned.
 */
public final class OrphanMarks {
  /** Snapshot summary key of a mark run's commit: {@code layer.table} of the table scanned. */
  public static final String SCANNED = "movielake.orphans.scanned";

  /** Snapshot summary key of a mark run's commit: how many unreferenced files it listed. */
  public static final String FOUND = "movielake.orphans.found";

  /** The table's partitioning, as the contract declares it for {@code silver.orphan_files}. */
  public static final String PARTITIONING = "months(marked_at)";

  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "marked_at", Types.TimestampType.withZone()),
          Types.NestedField.optional(2, "layer", Types.StringType.get()),
          Types.NestedField.optional(3, "table_name", Types.StringType.get()),
          Types.NestedField.optional(4, "file_path", Types.StringType.get()),
          Types.NestedField.optional(5, "state", Types.StringType.get()),
          Types.NestedField.optional(6, "decided_at", Types.TimestampType.withZone()),
          Types.NestedField.optional(7, "file_size_bytes", Types.LongType.get()),
          Types.NestedField.optional(8, "note", Types.StringType.get()));

  private final LakehouseCatalog catalog;
  private final TableName table;

  /**
   * @param table where the marks are kept (created on the first mark)
   */
  public OrphanMarks(LakehouseCatalog catalog, TableName table) {
    this.catalog = catalog;
    this.table = table;
  }

  public TableName table() {
    return table;
  }

  /** How a scanned table is named in the marks: {@code layer.table}, whatever its database. */
  static String key(TableName scanned) {
    return key(scanned.layer(), scanned.table());
  }

  private static String key(Layer layer, String tableName) {
    return layer.id() + "." + tableName;
  }

  /** Each file of the scanned table at its latest state, oldest mark first. */
  public List<OrphanMark> latest(TableName scanned) {
    return latest(
        Optional.of(
            Expressions.and(
                Expressions.equal("layer", scanned.layer().id()),
                Expressions.equal("table_name", scanned.table()))));
  }

  /** Each file of every scanned table at its latest state, oldest mark first. */
  public List<OrphanMark> latest() {
    return latest(Optional.empty());
  }

  private List<OrphanMark> latest(Optional<Expression> filter) {
    if (!catalog.tableExists(table)) {
      return List.of();
    }
    Map<String, OrphanMark> latest = new LinkedHashMap<>();
    IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(catalog.loadTable(table));
    filter.ifPresent(scan::where);
    try (CloseableIterable<Record> rows = scan.build()) {
      for (Record row : rows) {
        OrphanMark mark = mark(row);
        latest.merge(
            key(mark.layer(), mark.tableName()) + "/" + mark.filePath(),
            mark,
            (known, other) -> later(known, other) ? known : other);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the orphan marks of " + table, e);
    }
    return latest.values().stream().sorted(Comparator.comparing(OrphanMark::markedAt)).toList();
  }

  /**
   * Whether {@code first} is the file's later row: the later one written, and at the same instant
   * the decision, which always follows its mark.
   */
  private static boolean later(OrphanMark first, OrphanMark second) {
    int order = first.recordedAt().compareTo(second.recordedAt());
    if (order != 0) {
      return order > 0;
    }
    return first.state() != OrphanMark.State.MARKED;
  }

  /** When the table was last scanned for orphan files, as far as the marks' history goes back. */
  public Optional<Instant> lastScan(TableName scanned) {
    return Optional.ofNullable(lastScans().get(key(scanned)));
  }

  /**
   * When each table ({@code layer.table}) was last scanned. Read from the snapshots the marks table
   * still has: a scan older than its retention is forgotten, and the table is simply scanned again.
   */
  public Map<String, Instant> lastScans() {
    Map<String, Instant> scans = new LinkedHashMap<>();
    if (!catalog.tableExists(table)) {
      return scans;
    }
    Table marks = catalog.loadTable(table);
    if (marks.currentSnapshot() == null) {
      return scans;
    }
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(marks)) {
      String scanned = snapshot.summary().get(SCANNED);
      if (scanned != null) {
        scans.putIfAbsent(scanned, Instant.ofEpochMilli(snapshot.timestampMillis()));
      }
    }
    return scans;
  }

  /**
   * Appends the new marks of one scan of {@code scanned}, and records the scan itself in the same
   * commit: an empty commit when it found nothing new.
   *
   * @param found how many unreferenced files the scan listed, marked before or now
   */
  void recordScan(TableName scanned, List<OrphanMark> marks, int found) {
    Table loaded = createIfMissing();
    Map<String, String> summary = Map.of(SCANNED, key(scanned), FOUND, Integer.toString(found));
    if (marks.isEmpty()) {
      AppendFiles append = loaded.newAppend();
      summary.forEach(append::set);
      append.commit();
      return;
    }
    RecordAppender.append(loaded, records(loaded, marks), "orphan-marks", summary);
  }

  /** Appends decisions about marked files (deleted, kept, gone). */
  void recordDecisions(List<OrphanMark> decisions) {
    if (decisions.isEmpty()) {
      return;
    }
    Table loaded = createIfMissing();
    RecordAppender.append(loaded, records(loaded, decisions), "orphan-decisions", Map.of());
  }

  private Table createIfMissing() {
    if (!catalog.tableExists(table)) {
      catalog.ensureNamespace(table.layer());
      try {
        catalog
            .iceberg()
            .createTable(
                table.identifier(),
                SCHEMA,
                Partitioning.of(PARTITIONING).toSpec(SCHEMA),
                LayerTableProperties.forLayer(catalog.config(), table.layer()));
      } catch (AlreadyExistsException e) {
        // created by another process marking at the same time: what we wanted
      } catch (RuntimeException e) {
        // A JDBC catalog reports a concurrent create as a failed INSERT, not as AlreadyExists.
        if (!catalog.tableExists(table)) {
          throw e;
        }
      }
    }
    return catalog.loadTable(table);
  }

  private static List<Record> records(Table table, List<OrphanMark> marks) {
    Schema schema = table.schema();
    List<Record> records = new ArrayList<>();
    for (OrphanMark mark : marks) {
      GenericRecord row = GenericRecord.create(schema);
      row.setField("marked_at", mark.markedAt().atOffset(ZoneOffset.UTC));
      row.setField("layer", mark.layer().id());
      row.setField("table_name", mark.tableName());
      row.setField("file_path", mark.filePath());
      row.setField("state", mark.state().id());
      row.setField(
          "decided_at", mark.decidedAt().map(at -> at.atOffset(ZoneOffset.UTC)).orElse(null));
      row.setField(
          "file_size_bytes",
          mark.fileSizeBytes().isPresent() ? mark.fileSizeBytes().getAsLong() : null);
      row.setField("note", mark.note());
      records.add(row);
    }
    return records;
  }

  private static OrphanMark mark(Record row) {
    Object size = row.getField("file_size_bytes");
    Object decided = row.getField("decided_at");
    Object note = row.getField("note");
    return new OrphanMark(
        ((OffsetDateTime) row.getField("marked_at")).toInstant(),
        Layer.parse((String) row.getField("layer")),
        (String) row.getField("table_name"),
        (String) row.getField("file_path"),
        OrphanMark.State.of((String) row.getField("state")),
        Optional.ofNullable(decided).map(at -> ((OffsetDateTime) at).toInstant()),
        size == null ? OptionalLong.empty() : OptionalLong.of((Long) size),
        note == null ? "" : (String) note);
  }
}
