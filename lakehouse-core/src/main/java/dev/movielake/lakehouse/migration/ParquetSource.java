package dev.movielake.lakehouse.migration;

import dev.movielake.lakehouse.Identifiers;
import dev.movielake.lakehouse.LakehouseException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A folder of Parquet files to migrate, local or on S3 ({@code s3a://bucket/prefix}, read through
 * Hadoop's S3A file system with the warehouse's S3 settings): its visible Parquet files, their
 * total size and the Hive-style partition columns of its sub-folders ({@code year=2020/month=1/}).
 * Hidden entries (names starting with {@code .} or {@code _}, unless a {@code _} name holds {@code
 * =}) are skipped as Spark and Iceberg skip them, so a {@code _SUCCESS} file or a {@link #MARKER}
 * is no data.
 *
 * @param location the folder as Spark and Iceberg are given it: a {@code file:} or {@code s3a:} URI
 * @param folder the folder as the user reads it: an absolute local path or the {@code s3a:} URI
 * @param files the Parquet files, relative to the folder
 * @param migratedTo the table a former {@code migrate} handed the files to, from the marker file
 */
public record ParquetSource(
    String location,
    String folder,
    List<String> files,
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

  /**
   * Reads the folder's layout; every problem is an error that names the fix.
   *
   * @param hadoop the Hadoop settings an {@code s3a://} folder is read with (the Spark session's,
   *     or {@code LakehouseCatalog.nativeSettings} before Spark starts)
   */
  public static ParquetSource inspect(String path, Configuration hadoop) {
    Folder source = Folder.of(path, hadoop);
    List<String> files = new ArrayList<>();
    List<String> columns = null;
    long bytes = 0;
    try {
      FileStatus root = source.status();
      if (!root.isDirectory()) {
        throw new LakehouseException(
            "the Parquet source "
                + source.display()
                + " is a file, not a folder; pass --from the folder that holds it");
      }
      RemoteIterator<LocatedFileStatus> listing =
          source.fileSystem().listFiles(source.root(), true);
      while (listing.hasNext()) {
        LocatedFileStatus file = listing.next();
        if (!file.isFile()) {
          continue;
        }
        String relative = source.relative(file.getPath());
        if (hidden(relative)) {
          continue;
        }
        if (!relative.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
          throw new LakehouseException(
              "the Parquet source "
                  + source.display()
                  + " holds a file that is not Parquet: "
                  + relative
                  + "; move it out of the folder (Spark and Iceberg read every visible file as"
                  + " Parquet)");
        }
        List<String> fileColumns = partitionColumns(source.display(), relative);
        if (columns == null) {
          columns = fileColumns;
        } else if (!columns.equals(fileColumns)) {
          throw new LakehouseException(
              "the Parquet source "
                  + source.display()
                  + " mixes folder layouts: "
                  + describe(columns)
                  + " and "
                  + describe(fileColumns)
                  + " (at "
                  + relative
                  + "); every file must sit at the same depth "
                  + "of column=value folders");
        }
        files.add(relative);
        bytes += file.getLen();
      }
    } catch (FileNotFoundException e) {
      throw new LakehouseException(
          "the Parquet source "
              + source.display()
              + " does not exist; pass --from an existing folder of Parquet files",
          e);
    } catch (IOException e) {
      throw new LakehouseException(
          "cannot list the Parquet source " + source.display() + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new LakehouseException(
          "no Parquet files in "
              + source.display()
              + " (hidden files starting with '.' or '_' do not count); "
              + "pass --from the folder that holds the .parquet files");
    }
    files.sort(null);
    return new ParquetSource(
        source.location(), source.display(), files, bytes, columns, readMarker(source));
  }

  /**
   * Writes the {@link #MARKER} file into the folder.
   *
   * @throws IOException when the folder cannot be written
   */
  void writeMarker(String text, Configuration hadoop) throws IOException {
    Folder source = Folder.of(location, hadoop);
    try (FSDataOutputStream out =
        source.fileSystem().create(new Path(source.root(), MARKER), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * The folder on its file system. Local folders use Hadoop's raw local file system, which writes
   * no {@code .crc} file beside the marker.
   */
  private record Folder(FileSystem fileSystem, Path root, String location, String display) {
    static Folder of(String path, Configuration hadoop) {
      if (path == null || path.isBlank()) {
        throw new LakehouseException(
            "no Parquet source given; pass --from <folder of Parquet files>");
      }
      String lower = path.toLowerCase(Locale.ROOT);
      if (lower.startsWith("s3://") || lower.startsWith("s3n://")) {
        throw new LakehouseException(
            "cannot read the Parquet source "
                + path
                + ": Hadoop's S3 file system answers to s3a:// only; pass --from "
                + "s3a://"
                + path.substring(path.indexOf("://") + 3));
      }
      URI uri;
      if (lower.startsWith("s3a://")) {
        try {
          uri = new URI(path.replaceAll("/+$", ""));
        } catch (URISyntaxException e) {
          throw new LakehouseException(
              "'" + path + "' is not a valid URI; use s3a://bucket/prefix", e);
        }
        if (uri.getAuthority() == null) {
          throw new LakehouseException("'" + path + "' names no bucket; use s3a://bucket/prefix");
        }
      } else if (lower.startsWith("file:")) {
        try {
          uri = Paths.get(URI.create(path)).toAbsolutePath().normalize().toUri();
        } catch (IllegalArgumentException e) {
          throw new LakehouseException(
              "'" + path + "' is not a valid file: URI; use file:///absolute/path or a plain path",
              e);
        }
      } else if (path.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
        throw new LakehouseException(
            "cannot read the Parquet source "
                + path
                + ": only local folders (a path or a file: URI) and s3a://bucket/prefix can be"
                + " migrated");
      } else {
        uri = Paths.get(path).toAbsolutePath().normalize().toUri();
      }
      try {
        FileSystem fileSystem = FileSystem.get(uri, hadoop);
        if (fileSystem instanceof LocalFileSystem local) {
          fileSystem = local.getRawFileSystem();
        }
        boolean onS3 = "s3a".equals(uri.getScheme());
        String display = onS3 ? uri.toString() : Paths.get(uri).toString();
        return new Folder(fileSystem, new Path(uri), uri.toString(), display);
      } catch (IOException e) {
        throw new LakehouseException(
            "cannot open the file system of the Parquet source "
                + path
                + ": "
                + e.getMessage()
                + ("s3a".equals(uri.getScheme())
                    ? "; check the S3 settings (ICEBERG_S3_ENDPOINT, ICEBERG_S3_ACCESS_KEY,"
                        + " ICEBERG_S3_SECRET_KEY)"
                    : ""),
            e);
      }
    }

    FileStatus status() throws IOException {
      return fileSystem.getFileStatus(root);
    }

    /** A file's path below the folder, with {@code /} between its parts. */
    String relative(Path file) {
      String rootPath = root.toUri().getPath().replaceAll("/+$", "");
      String filePath = file.toUri().getPath();
      return filePath.startsWith(rootPath + "/")
          ? filePath.substring(rootPath.length() + 1)
          : file.getName();
    }
  }

  /**
   * Spark's rule: names starting with '.' are hidden, and with '_' unless they hold '=' (a
   * partition).
   */
  private static boolean hidden(String relative) {
    for (String name : relative.split("/")) {
      if (name.startsWith(".") || (name.startsWith("_") && !name.contains("="))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> partitionColumns(String folder, String relative) {
    List<String> columns = new ArrayList<>();
    int last = relative.lastIndexOf('/');
    if (last < 0) {
      return columns;
    }
    String parent = relative.substring(0, last);
    for (String name : parent.split("/")) {
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

  private static Optional<String> readMarker(Folder source) {
    Path marker = new Path(source.root(), MARKER);
    try (FSDataInputStream in = source.fileSystem().open(marker)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + marker, e);
    }
  }
}
