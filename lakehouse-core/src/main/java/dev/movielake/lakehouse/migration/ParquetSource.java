package dev.movielake.lakehouse.migration;

import dev.movielake.lakehouse.Identifiers;
import dev.movielake.lakehouse.LakehouseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A local folder of Parquet files to migrate: its visible Parquet files, their total size and the
 * Hive-style partition columns of its sub-folders ({@code year=2020/month=1/}). Hidden entries
 * (names starting with {@code .} or {@code _}, unless a {@code _} name holds {@code =}) are skipped
 * as Spark and Iceberg skip them, so a {@code _SUCCESS} file or a {@link #MARKER} is no data.
 *
 * @param location the folder as a {@code file:} URI, what Spark and Iceberg are given
 * @param migratedTo the table a former {@code migrate} handed the files to, from the marker file
 */
public record ParquetSource(
    String location,
    Path folder,
    List<Path> files,
    long bytes,
    List<String> partitionColumns,
    Optional<String> migratedTo) {

  /**
   * Left in a folder by {@code migrate}: the table owns the files now, the folder is no longer the
   * data.
   */
  public static final String MARKER = "_MIGRATED_TO_ICEBERG";

  public ParquetSource {
    files = List.copyOf(files);
    partitionColumns = List.copyOf(partitionColumns);
  }

  public boolean partitioned() {
    return !partitionColumns.isEmpty();
  }

  /** Reads the folder's layout; every problem is an error that names the fix. */
  public static ParquetSource inspect(String path) {
    Path folder = localFolder(path);
    List<Path> files = new ArrayList<>();
    List<String> columns = null;
    long bytes = 0;
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        Path relative = folder.relativize(file);
        if (hidden(relative)) {
          continue;
        }
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
          throw new LakehouseException(
              "the Parquet source "
                  + folder
                  + " holds a file that is not Parquet: "
                  + relative
                  + "; move it out of the folder (Spark and Iceberg read every visible file as"
                  + " Parquet)");
        }
        List<String> fileColumns = partitionColumns(folder, relative);
        if (columns == null) {
          columns = fileColumns;
        } else if (!columns.equals(fileColumns)) {
          throw new LakehouseException(
              "the Parquet source "
                  + folder
                  + " mixes folder layouts: "
                  + describe(columns)
                  + " and "
                  + describe(fileColumns)
                  + " (at "
                  + relative
                  + "); every file must sit at the same depth "
                  + "of column=value folders");
        }
        files.add(file);
        bytes += Files.size(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the Parquet source " + folder, e);
    }
    if (files.isEmpty()) {
      throw new LakehouseException(
          "no Parquet files in "
              + folder
              + " (hidden files starting with '.' or '_' do not count); "
              + "pass --from the folder that holds the .parquet files");
    }
    files.sort(null);
    return new ParquetSource(
        folder.toUri().toString(), folder, files, bytes, columns, readMarker(folder));
  }

  private static Path localFolder(String path) {
    if (path == null || path.isBlank()) {
      throw new LakehouseException(
          "no Parquet source given; pass --from <folder of Parquet files>");
    }
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.startsWith("s3a://") || lower.startsWith("s3://") || lower.startsWith("s3n://")) {
      throw new LakehouseException(
          "cannot read the Parquet source "
              + path
              + ": reading Parquet from S3 is not possible yet, the pipeline's class path lacks"
              + " hadoop-aws (Spark's s3a:// file system); copy the folder to a local path first"
              + " (e.g. 'aws s3 sync "
              + path.replaceFirst("^[sS]3[aAnN]?://", "s3://")
              + " ./parquet') "
              + "and pass --from ./parquet");
    }
    Path folder;
    if (lower.startsWith("file:")) {
      try {
        folder = Path.of(URI.create(path));
      } catch (IllegalArgumentException e) {
        throw new LakehouseException(
            "'" + path + "' is not a valid file: URI; use file:///absolute/path or a plain path",
            e);
      }
    } else if (path.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      throw new LakehouseException(
          "cannot read the Parquet source "
              + path
              + ": only local folders (a path or a file: URI) can be migrated");
    } else {
      folder = Path.of(path);
    }
    folder = folder.toAbsolutePath().normalize();
    if (!Files.exists(folder)) {
      throw new LakehouseException(
          "the Parquet source "
              + folder
              + " does not exist; pass --from an existing folder of Parquet files");
    }
    if (!Files.isDirectory(folder)) {
      throw new LakehouseException(
          "the Parquet source "
              + folder
              + " is a file, not a folder; pass --from the folder that holds it");
    }
    return folder;
  }

  /**
   * Spark's rule: names starting with '.' are hidden, and with '_' unless they hold '=' (a
   * partition).
   */
  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || (name.startsWith("_") && !name.contains("="))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> partitionColumns(Path folder, Path relative) {
    List<String> columns = new ArrayList<>();
    Path parent = relative.getParent();
    if (parent == null) {
      return columns;
    }
    for (Path part : parent) {
      String name = part.toString();
      int equals = name.indexOf('=');
      if (equals <= 0) {
        throw new LakehouseException(
            "the Parquet source "
                + folder
                + " has a sub-folder that is not a partition: "
                + parent
                + "; sub-folders must be named column=value (Hive style), or pass --from the folder"
                + " that holds the files");
      }
      try {
        columns.add(Identifiers.requireColumn(name.substring(0, equals)));
      } catch (IllegalArgumentException e) {
        throw new LakehouseException(
            "the Parquet source "
                + folder
                + " has a partition folder '"
                + name
                + "' whose column name is not usable: "
                + e.getMessage(),
            e);
      }
    }
    return columns;
  }

  private static String describe(List<String> columns) {
    return columns.isEmpty() ? "files at the top" : "folders by " + String.join(", ", columns);
  }

  private static Optional<String> readMarker(Path folder) {
    Path marker = folder.resolve(MARKER);
    if (!Files.isRegularFile(marker)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(marker).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + marker, e);
    }
  }
}
