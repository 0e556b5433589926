package dev.movielake.app.cli;

import dev.movielake.cli.ByteSize;
import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.LayerConverter;
import dev.movielake.cli.TextTable;
import dev.movielake.lakehouse.Identifiers;
import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.migration.ParquetMigration;
import dev.movielake.lakehouse.migration.ParquetMigration.Mode;
import dev.movielake.lakehouse.migration.ParquetMigration.Plan;
import dev.movielake.lakehouse.migration.ParquetMigration.Result;
import dev.movielake.lakehouse.migration.ParquetMigration.Validation;
import dev.movielake.lakehouse.migration.ParquetSource;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.model.Layer;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code pipeline migrate --from <parquet folder or s3a://bucket/prefix> --layer L --table T}:
 * brings existing Parquet data into an Iceberg table by snapshot, migrate, add-files or rewrite
 * (see {@link ParquetMigration}). Progress goes to stderr; the summary (or {@code --json}) to
 * stdout.
 */
@Command(
    name = "migrate",
    description =
        "Bring a folder of Parquet files into an Iceberg table: snapshot, migrate, add-files or"
            + " rewrite.")
public final class MigrateCommand extends LakehouseCommand {
  @Option(
      names = "--from",
      required = true,
      paramLabel = "PATH",
      description =
          "The folder of Parquet files: a local path, a file: URI, or s3a://bucket/prefix (read"
              + " with the warehouse's ICEBERG_S3_* settings).")
  String from;

  @Option(
      names = "--layer",
      required = true,
      paramLabel = "LAYER",
      converter = LayerConverter.class,
      description = "The target table's layer: bronze, silver or gold.")
  Layer layer;

  @Option(
      names = "--table",
      required = true,
      paramLabel = "TABLE",
      description = "The target table's name within the layer.")
  String table;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      converter = ModeConverter.class,
      defaultValue = "rewrite",
      description =
          "snapshot (new table over the files, source untouched), migrate (the table takes the"
              + " files over), add-files (add the files to a new or existing table), rewrite (copy"
              + " the rows; default).")
  Mode mode;

  @Option(
      names = "--partition",
      paramLabel = "FIELDS",
      description =
          "Comma-separated columns or transforms, e.g. \"years(release_date),bucket(16,"
              + " movie_id)\"; in-place modes take the folder's column=value partitions and refuse"
              + " others.")
  String partition;

  @Option(
      names = "--dry-run",
      description = "Show what would be created and added; change nothing.")
  boolean dryRun;

  @Option(
      names = "--validate",
      description =
          "Compare row counts and checksums of the folder and the table; fail on a mismatch.")
  boolean validate;

  @Mixin JsonOption json;

  /** Reads {@code add-files} as well as the enum's names. */
  static final class ModeConverter implements ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
      try {
        return Mode.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  protected int run() {
    // Refused before Spark starts: a wrong name or folder fails in milliseconds.
    Identifiers.require("table", table);
    ParquetSource.inspect(from, LakehouseCatalog.nativeSettings(context().config()).hadoop());
    String[] partitionFields = fields(partition);
    Partitioning.of(partitionFields);
    ParquetMigration migration =
        new ParquetMigration(storage(), from, storage().table(layer, table))
            .mode(mode)
            .partitionBy(partitionFields)
            .dryRun(dryRun)
            .validate(validate)
            .progress(
                line -> {
                  err().println(line);
                  err().flush();
                });
    Result result = migration.execute();
    if (json.enabled()) {
      Json.print(out(), result);
      return 0;
    }
    if (result.plan().isPresent()) {
      printPlan(result, result.plan().get());
    } else {
      printResult(result);
    }
    return 0;
  }

  /** Splits on commas outside parentheses, so {@code bucket(16, movie_id)} stays one field. */
  static String[] fields(String text) {
    if (text == null || text.isBlank()) {
      return new String[0];
    }
    return Arrays.stream(text.split(",(?![^(]*\\))"))
        .map(String::strip)
        .filter(field -> !field.isEmpty())
        .toArray(String[]::new);
  }

  private void printPlan(Result result, Plan plan) {
    println(
        "dry run of --mode "
            + result.mode()
            + ": "
            + result.sourcePath()
            + " -> "
            + result.table());
    println(
        "  source:       "
            + plan.files()
            + " Parquet file(s), "
            + ByteSize.format(plan.bytes())
            + ", "
            + plan.rows()
            + " row(s)");
    println("  schema:       " + plan.schema());
    println("  partitioning: " + plan.partitioning());
    println(
        "  namespace "
            + result.table().database()
            + (plan.namespaceExists() ? " exists" : " does not exist")
            + ", table "
            + result.table()
            + (plan.tableExists() ? " exists" : " does not exist"));
    plan.actions().forEach(action -> println("would " + action));
    println("dry run: nothing was changed");
  }

  private void printResult(Result result) {
    String verb =
        switch (result.mode()) {
          case SNAPSHOT -> "snapshotted";
          case MIGRATE -> "migrated";
          case ADD_FILES -> "added the files of";
          case REWRITE -> "rewrote";
        };
    println(
        verb
            + " "
            + result.sourcePath()
            + " into "
            + result.table()
            + " (--mode "
            + result.mode()
            + ")");
    TextTable summary =
        new TextTable("ITEM", "VALUE")
            .row("source files", result.sourceFiles())
            .row("source rows", result.sourceRows())
            .row(
                result.mode().inPlace() ? "files referenced in place" : "files written",
                result.migratedFiles())
            .row("table rows after", result.tableRowsAfter())
            .row("partitioning", result.partitioning())
            .row("snapshot", result.snapshotId())
            .row(
                "validation",
                result
                    .validation()
                    .map(MigrateCommand::describe)
                    .orElse("not requested (--validate)"))
            .row("took", result.duration());
    summary.print(out());
    println("note: " + result.note());
  }

  private static String describe(Validation validation) {
    return (validation.matched() ? "matched: " : "MISMATCH: ")
        + validation.sourceCount()
        + " -> "
        + validation.targetCount()
        + " row(s), checksum "
        + validation.sourceChecksum()
        + " -> "
        + validation.targetChecksum();
  }
}
