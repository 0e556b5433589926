package dev.movielake.lakehouse.migration;

import dev.movielake.config.LayerTableProperties;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.Identifiers;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.SqlLiteral;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.table.PartitionTransform;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.table.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Brings a folder of Parquet files (local, or {@code s3a://bucket/prefix}) into an Iceberg table of
 * a layer, in one of four modes:
 *
 * <ul>
 *   <li>{@link Mode#SNAPSHOT}: Iceberg's {@code snapshot} procedure. A new table references the
 *       files where they are; the folder stays usable and untouched, and the table never deletes
 *       them ({@code gc.enabled=false}). The procedure only reads tables of Spark's session
 *       catalog, so the folder is registered there as a temporary Parquet table for the call and
 *       dropped afterwards (an external table: dropping it leaves the files).
 *   <li>{@link Mode#MIGRATE}: the table takes the files over, no copy. Iceberg's {@code migrate}
 *       procedure replaces a session-catalog table in place and needs {@code spark_catalog} to be
 *       Iceberg's {@code SparkSessionCatalog}; our layers live in their own Iceberg catalog and
 *       {@code spark_catalog} is Spark's plain one, so migrate is a new table with {@code
 *       gc.enabled=true} plus {@code add_files}: the table owns the files (compaction, expiry and
 *       {@code DROP TABLE ... PURGE} may delete them) and a {@link ParquetSource#MARKER} file in
 *       the folder says so; Spark and Iceberg skip it, and a later migration of the folder is
 *       refused.
 *   <li>{@link Mode#ADD_FILES}: Iceberg's {@code add_files} into the table, created when missing;
 *       appending to an existing table with a compatible schema works too. Duplicate files are
 *       refused, so running it twice fails instead of counting every row twice.
 *   <li>{@link Mode#REWRITE} (default): read the Parquet files, create the table with the
 *       partitioning, append through the storage manager. The rows are copied into the table's own
 *       files, so the table may have any partitioning and never depends on the folder.
 * </ul>
 *
 * <p>The in-place modes keep the folder's Hive-style layout ({@code year=2020/month=1/}), so the
 * table is partitioned by exactly those columns. A dry run reads the folder and asks the catalog
 * whether namespace and table exist, and changes nothing. Validation compares the row count and an
 * order-independent checksum ({@link RowChecksum}) of the folder and of the rows the migration
 * added, and throws {@link MigrationValidationException} on a mismatch.
 */
public final class ParquetMigration {

  public enum Mode {
    SNAPSHOT("snapshot"),
    MIGRATE("migrate"),
    ADD_FILES("add-files"),
    REWRITE("rewrite");

    private final String text;

    Mode(String text) {
      this.text = text;
    }

    /**
     * Reads {@code snapshot}, {@code migrate}, {@code add-files} (or {@code add_files}), {@code
     * rewrite}.
     */
    public static Mode parse(String value) {
      String normalized =
          value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
      for (Mode mode : values()) {
        if (mode.text.equals(normalized)) {
          return mode;
        }
      }
      throw new IllegalArgumentException(
          "unknown migration mode '"
              + value
              + "'; accepted: snapshot, migrate, add-files, rewrite");
    }

    /** The Parquet files become the table's data files where they are; nothing is copied. */
    public boolean inPlace() {
      return this != REWRITE;
    }

    /** The mode creates its table and refuses an existing one. */
    public boolean needsNewTable() {
      return this == SNAPSHOT || this == MIGRATE;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** Row counts and checksums of the source folder and of the rows the table got from it. */
  public record Validation(
      long sourceCount,
      long targetCount,
      String sourceChecksum,
      String targetChecksum,
      boolean matched) {}

  /**
   * What a run would do, from a dry run.
   *
   * @param schema the table's columns as Spark DDL
   * @param actions what would be created, added or copied, in order
   */
  public record Plan(
      boolean namespaceExists,
      boolean tableExists,
      String schema,
      String partitioning,
      long files,
      long bytes,
      long rows,
      List<String> actions) {
    public Plan {
      actions = List.copyOf(actions);
    }
  }

  /**
   * @param migratedFiles data files the table got: referenced in place, or written by a rewrite
   * @param snapshotId the snapshot that added them; empty for a dry run
   * @param note who owns the files now and what the folder is afterwards
   */
  public record Result(
      Mode mode,
      String sourcePath,
      TableName table,
      String partitioning,
      long sourceFiles,
      long sourceRows,
      long migratedFiles,
      long tableRowsAfter,
      Optional<Long> snapshotId,
      boolean dryRun,
      Optional<Validation> validation,
      Optional<Plan> plan,
      String note,
      Duration duration) {}

  private final IcebergStorageManager storage;
  private final SparkLakehouseCatalog catalog;
  private final String sourcePath;
  private final TableName table;
  private Mode mode = Mode.REWRITE;
  private List<String> partitionBy = List.of();
  private boolean dryRun;
  private boolean validate;
  private Consumer<String> progress = message -> {};

  public ParquetMigration(IcebergStorageManager storage, String sourcePath, TableName targetTable) {
    this.storage = storage;
    this.catalog = storage.catalog();
    this.sourcePath = sourcePath;
    this.table = targetTable;
  }

  public ParquetMigration mode(Mode mode) {
    this.mode = mode;
    return this;
  }

  /**
   * Partition fields as in {@link Partitioning#of}: columns or transforms such as {@code
   * years(release_date)}.
   */
  public ParquetMigration partitionBy(String... fields) {
    this.partitionBy =
        Arrays.stream(fields).map(String::strip).filter(field -> !field.isEmpty()).toList();
    Partitioning.of(partitionBy); // refuse a malformed field before any work
    return this;
  }

  public ParquetMigration dryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  public ParquetMigration validate(boolean validate) {
    this.validate = validate;
    return this;
  }

  /** Receives a line per step of a long run, e.g. to print on stderr. */
  public ParquetMigration progress(Consumer<String> progress) {
    this.progress = progress;
    return this;
  }

  public Result execute() {
    long started = System.nanoTime();
    ParquetSource source = ParquetSource.inspect(sourcePath, hadoop());
    source
        .migratedTo()
        .ifPresent(
            owner -> {
              throw new LakehouseException(
                  "the Parquet source "
                      + source.folder()
                      + " was migrated to "
                      + owner
                      + " (see its "
                      + ParquetSource.MARKER
                      + " file): that table owns the files and the folder is no longer the data;"
                      + " read the table instead, or delete the marker file if you really mean to"
                      + " migrate the folder again");
            });
    progress.accept(
        "reading the Parquet source "
            + source.folder()
            + " ("
            + source.files().size()
            + " file(s))");
    Dataset<Row> rows = read(source);
    StructType schema = rows.schema();
    Schema icebergSchema = SparkSchemaUtil.convert(schema.asNullable());
    boolean namespaceExists = namespaceExists();
    boolean tableExists = namespaceExists && catalog.tableExists(table);
    if (tableExists && mode.needsNewTable()) {
      throw new LakehouseException(
          "table "
              + table
              + " already exists and --mode "
              + mode
              + " creates a new table; pass another --table, "
              + "drop the table first, or use --mode add-files or rewrite to append to it");
    }
    Optional<Table> existing =
        tableExists ? Optional.of(catalog.loadTable(table)) : Optional.empty();
    existing.ifPresent(current -> requireCompatible(current, icebergSchema));
    Partitioning partitioning = partitioning(source, icebergSchema, existing);
    String partitioningText =
        existing
            .map(current -> Partitioning.describe(current.spec()))
            .orElse(partitioning.toString());
    long sourceRows = rows.count();

    if (dryRun) {
      Plan plan =
          new Plan(
              namespaceExists,
              tableExists,
              schema.toDDL(),
              partitioningText,
              source.files().size(),
              source.bytes(),
              sourceRows,
              plannedActions(source, sourceRows, namespaceExists, tableExists, partitioningText));
      return new Result(
          mode,
          source.location(),
          table,
          partitioningText,
          source.files().size(),
          sourceRows,
          0,
          existing.map(ParquetMigration::totalRecords).orElse(0L),
          Optional.empty(),
          true,
          Optional.empty(),
          Optional.of(plan),
          "dry run: nothing was changed",
          Duration.ofNanos(System.nanoTime() - started));
    }

    Optional<Long> before = existing.map(Table::currentSnapshot).map(Snapshot::snapshotId);
    long migratedFiles;
    try {
      migratedFiles =
          switch (mode) {
            case SNAPSHOT -> snapshot(source);
            case MIGRATE -> {
              createInPlaceTable(
                  icebergSchema, partitioning, Map.of(TableProperties.GC_ENABLED, "true"));
              yield addFiles(source);
            }
            case ADD_FILES -> {
              if (!tableExists) {
                createInPlaceTable(icebergSchema, partitioning, Map.of());
              }
              yield addFiles(source);
            }
            case REWRITE -> rewrite(rows, partitioning);
          };
    } catch (RuntimeException e) {
      if (!tableExists) {
        dropIfEmpty();
      }
      throw e;
    }
    Table migrated = catalog.loadTable(table);
    Snapshot current = migrated.currentSnapshot();
    Optional<Long> snapshotId = Optional.ofNullable(current).map(Snapshot::snapshotId);
    Optional<Validation> validation = Optional.empty();
    if (validate) {
      progress.accept(
          "validating: row counts and checksums of " + source.folder() + " and " + table);
      Dataset<Row> added =
          before.isEmpty() || current == null
              ? catalog.spark().table(table.qualified())
              : addedRows(before.get(), current.snapshotId());
      validation = Optional.of(compare(rows, added, schema));
    }
    if (mode == Mode.MIGRATE) {
      mark(source, snapshotId);
    }
    return new Result(
        mode,
        source.location(),
        table,
        partitioningText,
        source.files().size(),
        sourceRows,
        migratedFiles,
        totalRecords(migrated),
        snapshotId,
        false,
        validation,
        Optional.empty(),
        note(source),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * Compares the folder with the whole table as they are now, e.g. long after a snapshot: files
   * added to the folder since are not in the table. Throws {@link MigrationValidationException} on
   * a mismatch.
   */
  public Validation verify() {
    ParquetSource source = ParquetSource.inspect(sourcePath, hadoop());
    Dataset<Row> rows = read(source);
    catalog.loadTable(table); // a missing table fails clearly
    return compare(rows, catalog.spark().table(table.qualified()), rows.schema());
  }

  private Validation compare(Dataset<Row> source, Dataset<Row> target, StructType columns) {
    RowChecksum expected = RowChecksum.of(source, columns);
    RowChecksum actual = RowChecksum.of(target, columns);
    Validation validation =
        new Validation(
            expected.rows(),
            actual.rows(),
            expected.checksum(),
            actual.checksum(),
            expected.equals(actual));
    if (!validation.matched()) {
      throw new MigrationValidationException(
          "validation failed: the Parquet source has "
              + expected.rows()
              + " row(s) with checksum "
              + expected.checksum()
              + " but "
              + table
              + " has "
              + actual.rows()
              + " row(s) with checksum "
              + actual.checksum()
              + "; the table was left as it is for inspection: compare both sides, then roll back"
              + " or drop the table",
          validation);
    }
    return validation;
  }

  private Dataset<Row> read(ParquetSource source) {
    Dataset<Row> rows;
    try {
      // Every file's columns: without merging, Spark takes one file's schema and silently drops the
      // columns that only other files have (folders written over years often gained columns).
      rows = catalog.spark().read().option("mergeSchema", "true").parquet(source.location());
    } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes
      String message = rootMessage(e);
      throw new LakehouseException(
          "cannot read the Parquet files of "
              + source.folder()
              + ": "
              + message
              + (message.contains("merge")
                  ? "; the files disagree on a column's type: rewrite the odd files with one type "
                      + "(or migrate them as separate folders) first"
                  : ""),
          e);
    }
    for (StructField field : rows.schema().fields()) {
      try {
        Identifiers.require("column", field.name());
      } catch (IllegalArgumentException e) {
        throw new LakehouseException(
            "the Parquet files of "
                + source.folder()
                + " have a column that is not a plain name: "
                + e.getMessage()
                + "; rename it (e.g. rewrite the files with Spark's withColumnRenamed) before"
                + " migrating",
            e);
      }
    }
    return rows;
  }

  private boolean namespaceExists() {
    return !(catalog.iceberg() instanceof SupportsNamespaces namespaces)
        || namespaces.namespaceExists(Namespace.of(table.database()));
  }

  /**
   * Every Parquet column must exist in the table with the same type or one it can be promoted to.
   */
  private void requireCompatible(Table existing, Schema source) {
    List<String> problems = new ArrayList<>();
    for (Types.NestedField column : source.columns()) {
      Types.NestedField target = existing.schema().findField(column.name());
      if (target == null) {
        problems.add(column.name() + " is not a column of the table");
      } else if (!fits(column.type(), target.type())) {
        problems.add(
            column.name()
                + " is "
                + column.type()
                + " in the Parquet files but "
                + target.type()
                + " in the table");
      }
    }
    for (Types.NestedField target : existing.schema().columns()) {
      if (target.isRequired() && source.findField(target.name()) == null) {
        problems.add(
            target.name() + " is required by the table but missing from the Parquet files");
      }
    }
    if (!problems.isEmpty()) {
      throw new LakehouseException(
          "the Parquet files do not fit the existing table "
              + table
              + ": "
              + String.join("; ", problems)
              + ". Evolve the table's schema first ('./pipeline schema add|widen ...') or migrate"
              + " into a new table");
    }
  }

  private static boolean fits(Type from, Type to) {
    return from.equals(to)
        || (from.isPrimitiveType()
            && to.isPrimitiveType()
            && TypeUtil.isPromotionAllowed(from, to.asPrimitiveType()));
  }

  /**
   * The partitioning to create the table with. In-place modes keep the files where they are, so it
   * must be the folder's own: identity on its partition columns, in folder order.
   */
  private Partitioning partitioning(ParquetSource source, Schema schema, Optional<Table> existing) {
    Partitioning requested = Partitioning.of(partitionBy);
    Partitioning folders =
        new Partitioning(
            source.partitionColumns().stream().map(PartitionTransform::identity).toList());
    if (existing.isPresent()) {
      String current = Partitioning.describe(existing.get().spec());
      if (!requested.fields().isEmpty() && !requested.toString().equals(current)) {
        throw new LakehouseException(
            "table "
                + table
                + " exists, partitioned by "
                + current
                + "; --partition "
                + requested
                + " applies only when the migration creates the table: leave it out (or change the"
                + " table's partitioning with './pipeline partitions ...' first)");
      }
      if (mode.inPlace() && !current.equals(folders.toString())) {
        throw new LakehouseException(
            "table "
                + table
                + " is partitioned by "
                + current
                + " but the Parquet folder "
                + source.folder()
                + " is "
                + layout(source)
                + "; --mode "
                + mode
                + " keeps the files where they are, so the table's partitioning must match the"
                + " folders: use --mode rewrite to copy the rows into the table's partitioning");
      }
      return requested.fields().isEmpty() ? folders : requested;
    }
    Partitioning chosen = requested.fields().isEmpty() ? folders : requested;
    if (mode.inPlace() && !requested.fields().isEmpty() && !requested.equals(folders)) {
      throw new LakehouseException(
          "--partition "
              + requested
              + " does not match the Parquet folder "
              + source.folder()
              + ", which is "
              + layout(source)
              + "; --mode "
              + mode
              + " keeps the files where they are, so the table is partitioned "
              + "by the folders' columns: "
              + (source.partitioned()
                  ? "pass --partition "
                      + String.join(",", source.partitionColumns())
                      + " or leave it out"
                  : "leave --partition out")
              + ", or use --mode rewrite to copy the rows into another partitioning");
    }
    try {
      chosen.toSpec(schema);
    } catch (
        RuntimeException
            e) { // Iceberg reports an unknown column or unfitting type as argument or validation
      // errors
      throw new LakehouseException(
          "cannot partition by "
              + chosen
              + ": "
              + e.getMessage()
              + "; partition fields must name columns of the Parquet "
              + "files with a fitting type: "
              + schema.columns().stream()
                  .map(Types.NestedField::name)
                  .collect(Collectors.joining(", ")),
          e);
    }
    return chosen;
  }

  private static String layout(ParquetSource source) {
    return source.partitioned()
        ? "partitioned by "
            + String.join(", ", source.partitionColumns())
            + " (folders "
            + source.partitionColumns().stream()
                .map(column -> column + "=...")
                .collect(Collectors.joining("/"))
            + ")"
        : "not partitioned (no column=value folders)";
  }

  private List<String> plannedActions(
      ParquetSource source,
      long rows,
      boolean namespaceExists,
      boolean tableExists,
      String partitioning) {
    List<String> actions = new ArrayList<>();
    if (!namespaceExists) {
      actions.add("create namespace " + table.database());
    }
    if (!tableExists) {
      actions.add(
          "create table "
              + table
              + " ("
              + partitioning
              + ")"
              + (mode == Mode.SNAPSHOT
                  ? " with gc.enabled=false, so it never deletes the source's files"
                  : ""));
    } else {
      actions.add("append to the existing table " + table + " (" + partitioning + ")");
    }
    if (mode.inPlace()) {
      actions.add(
          "reference "
              + source.files().size()
              + " Parquet file(s) ("
              + rows
              + " row(s), "
              + source.bytes()
              + " bytes) in place under "
              + source.folder()
              + ": nothing is copied");
    } else {
      actions.add(
          "copy "
              + rows
              + " row(s) from "
              + source.files().size()
              + " Parquet file(s) into the table's own files");
    }
    if (mode == Mode.SNAPSHOT) {
      actions.add(
          "register the folder as a temporary Parquet table in spark_catalog for the snapshot"
              + " procedure, and drop it after");
    }
    if (mode == Mode.MIGRATE) {
      actions.add(
          "hand the files over to the table and write "
              + ParquetSource.MARKER
              + " into "
              + source.folder());
    }
    if (validate) {
      actions.add("compare row counts and checksums of the folder and the table");
    }
    return actions;
  }

  private String note(ParquetSource source) {
    return switch (mode) {
      case SNAPSHOT ->
          "the table references the files under "
              + source.folder()
              + " in place and never deletes them (gc.enabled=false); the folder stays usable and"
              + " unchanged, and files added to it later are not in the table";
      case MIGRATE ->
          "the table owns the files under "
              + source.folder()
              + " now (compaction, snapshot expiry and DROP "
              + "TABLE PURGE may delete them); the folder is marked with "
              + ParquetSource.MARKER
              + " and is no longer the "
              + "source of truth: read and write "
              + table
              + " instead";
      case ADD_FILES ->
          "the table references the files under "
              + source.folder()
              + " in place as its own data files: "
              + "leave them where they are, and change the data through the table";
      case REWRITE ->
          "the rows were copied into the table's own files; the folder is unchanged and no longer"
              + " needed by the table";
    };
  }

  // ---- the modes ----

  /** Iceberg's snapshot procedure over a temporary session-catalog table of the folder. */
  private long snapshot(ParquetSource source) {
    SparkSession spark = catalog.spark();
    catalog.ensureNamespace(table.layer());
    String temporary =
        "`spark_catalog`.`default`.`movielake_migration_"
            + UUID.randomUUID().toString().replace("-", "")
            + "`";
    try {
      progress.accept(
          "registering " + source.folder() + " as a temporary Parquet table in spark_catalog");
      spark.sql(
          "CREATE TABLE "
              + temporary
              + " USING parquet OPTIONS ('mergeSchema' 'true') LOCATION "
              + SqlLiteral.of(source.location()));
      if (source.partitioned()) {
        // External tables do not discover their partitions on creation.
        spark.sql("MSCK REPAIR TABLE " + temporary);
      }
      progress.accept("snapshotting into " + table + " (the files stay where they are)");
      Map<String, String> properties =
          new LinkedHashMap<>(LayerTableProperties.forLayer(catalog.config(), table.layer()));
      properties.put(
          TableProperties.GC_ENABLED,
          "false"); // Iceberg sets it too; stated so it cannot be overridden
      List<Row> result =
          spark
              .sql(
                  "CALL `"
                      + table.catalog()
                      + "`.system.snapshot(source_table => "
                      + SqlLiteral.of(temporary.replace("`", ""))
                      + ", table => "
                      + SqlLiteral.of(table.qualified())
                      + ", properties => "
                      + map(properties)
                      + ")")
              .collectAsList();
      return result.isEmpty() ? 0 : ((Number) result.get(0).get(0)).longValue();
    } catch (LakehouseException e) {
      throw e;
    } catch (Exception e) {
      throw new LakehouseException(
          "snapshot of "
              + source.folder()
              + " into "
              + table
              + " failed; nothing was created: "
              + rootMessage(e),
          e);
    } finally {
      spark.sql("DROP TABLE IF EXISTS " + temporary); // external: the files stay
    }
  }

  private void createInPlaceTable(
      Schema schema, Partitioning partitioning, Map<String, String> extraProperties) {
    catalog.ensureNamespace(table.layer());
    Map<String, String> properties =
        new LinkedHashMap<>(LayerTableProperties.forLayer(catalog.config(), table.layer()));
    properties.putAll(extraProperties);
    progress.accept("creating " + table + " (" + partitioning + ")");
    catalog
        .iceberg()
        .createTable(table.identifier(), schema, partitioning.toSpec(schema), properties);
  }

  /** Iceberg's add_files of the folder; files already in the table are refused, not added twice. */
  private long addFiles(ParquetSource source) {
    progress.accept("adding the files of " + source.folder() + " to " + table + " in place");
    String sourceTable = "`parquet`.`" + source.location().replace("`", "``") + "`";
    try {
      List<Row> result =
          catalog
              .spark()
              .sql(
                  "CALL `"
                      + table.catalog()
                      + "`.system.add_files(table => "
                      + SqlLiteral.of(table.qualified())
                      + ", source_table => "
                      + SqlLiteral.of(sourceTable)
                      + ", check_duplicate_files => true)")
              .collectAsList();
      return result.isEmpty() ? 0 : ((Number) result.get(0).getAs("added_files_count")).longValue();
    } catch (Exception e) {
      String message = rootMessage(e);
      if (message.contains("already exist within the target table")) {
        throw new LakehouseException(
            "the files of "
                + source.folder()
                + " are already in "
                + table
                + " (added by an earlier migration): adding "
                + "them again would count every row twice; the table was not changed",
            e);
      }
      throw new LakehouseException(
          "adding the files of "
              + source.folder()
              + " to "
              + table
              + " failed; the table "
              + "stays at its last snapshot: "
              + message,
          e);
    }
  }

  private long rewrite(Dataset<Row> rows, Partitioning partitioning) {
    progress.accept("copying the rows into " + table + " (" + partitioning + ")");
    storage.createTable(table.layer(), table.table(), rows, partitioning, false);
    WriteResult result =
        storage.writeToLayer(
            table.layer(), table.table(), rows, WriteOptions.append().partitionedBy(partitioning));
    return result.addedDataFiles();
  }

  /**
   * The rows appended after {@code before} up to {@code after}: what this run added to an existing
   * table.
   */
  private Dataset<Row> addedRows(long before, long after) {
    return catalog
        .spark()
        .read()
        .format("iceberg")
        .option("start-snapshot-id", Long.toString(before))
        .option("end-snapshot-id", Long.toString(after))
        .load(table.qualified());
  }

  private void mark(ParquetSource source, Optional<Long> snapshotId) {
    String text =
        table.qualified()
            + System.lineSeparator()
            + "Migrated at "
            + Instant.now()
            + snapshotId.map(id -> " in snapshot " + id).orElse("")
            + "."
            + System.lineSeparator()
            + "The Iceberg table owns the Parquet files of this folder: read and write the table,"
            + " not the folder; moving or deleting these files breaks the table."
            + System.lineSeparator();
    try {
      source.writeMarker(text, hadoop());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "migrated "
              + source.folder()
              + " into "
              + table
              + " but cannot write the marker file "
              + ParquetSource.MARKER,
          e);
    }
  }

  /** The session's Hadoop settings: an s3a:// folder is read with the warehouse's S3 settings. */
  private Configuration hadoop() {
    return catalog.spark().sparkContext().hadoopConfiguration();
  }

  /**
   * A table this run created and could not fill is removed again; its metadata only, never data
   * files.
   */
  private void dropIfEmpty() {
    try {
      if (catalog.tableExists(table) && catalog.loadTable(table).currentSnapshot() == null) {
        catalog.iceberg().dropTable(table.identifier(), false);
      }
    } catch (RuntimeException cleanup) {
      // the original failure is what the user needs to see
    }
  }

  private static long totalRecords(Table table) {
    Snapshot current = table.currentSnapshot();
    String value = current == null ? null : current.summary().get("total-records");
    return value == null ? 0 : Long.parseLong(value);
  }

  private static String map(Map<String, String> entries) {
    return "map("
        + entries.entrySet().stream()
            .map(entry -> SqlLiteral.of(entry.getKey()) + ", " + SqlLiteral.of(entry.getValue()))
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
