package dev.movielake.lakehouse.readers;

import dev.movielake.lakehouse.LakehouseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readers of a table, registered in its properties: {@code movielake.reader.<name>.snapshot}
 * holds the oldest snapshot the reader still needs, {@code movielake.reader.<name>.registered-at}
 * when it set it. Properties rather than a file of our own, so that every engine sees them and a
 * property commit that races a data commit is retried by Iceberg itself.
 *
 * <p>A reader needs its floor snapshot and every snapshot after it (Iceberg's streaming source
 * walks them one by one), so expiry clamps its {@code older_than} to {@link #floorTimestampMillis}.
 * A floor whose snapshot no longer exists protects nothing: it is left out of the floor and shown
 * by {@link #readers} as lost.
 */
public final class TableReaders {
  private static final Logger LOG = LoggerFactory.getLogger(TableReaders.class);

  public static final String PROPERTY_PREFIX = "movielake.reader.";
  private static final String SNAPSHOT_SUFFIX = ".snapshot";
  private static final String REGISTERED_AT_SUFFIX = ".registered-at";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  private final Clock clock;

  public TableReaders() {
    this(Clock.systemUTC());
  }

  /**
   * @param clock when a registration happens, and what "behind" is measured against in tests
   */
  public TableReaders(Clock clock) {
    this.clock = clock;
  }

  /**
   * Records that {@code reader} still needs {@code snapshotId} and every snapshot after it. Moves
   * the reader's floor forward or back; commits nothing when the floor is already there (streams
   * register after every micro-batch).
   *
   * @return whether a property commit was made
   * @throws IllegalArgumentException for a name that is not letters, digits, '-', '_' or '.'
   * @throws LakehouseException when the table has no such snapshot (expired or never committed)
   */
  public boolean register(Table table, String reader, long snapshotId) {
    String name = requireName(reader);
    if (table.snapshot(snapshotId) == null) {
      table.refresh();
      if (table.snapshot(snapshotId) == null) {
        throw new LakehouseException(
            "reader '"
                + name
                + "' cannot register snapshot "
                + snapshotId
                + " of "
                + table.name()
                + ": the table has no such snapshot (expired or never committed); register a"
                + " snapshot the table still has, or unregister the reader and start it afresh");
      }
    }
    String value = Long.toString(snapshotId);
    if (value.equals(table.properties().get(snapshotKey(name)))) {
      return false;
    }
    table
        .updateProperties()
        .set(snapshotKey(name), value)
        .set(registeredAtKey(name), clock.instant().toString())
        .commit();
    return true;
  }

  /**
   * Forgets a reader gone for good, so expiry no longer keeps snapshots for it.
   *
   * @return false when no such reader was registered (nothing was committed)
   */
  public boolean unregister(Table table, String reader) {
    String name = requireName(reader);
    table.refresh();
    Map<String, String> properties = table.properties();
    if (!properties.containsKey(snapshotKey(name))
        && !properties.containsKey(registeredAtKey(name))) {
      return false;
    }
    table.updateProperties().remove(snapshotKey(name)).remove(registeredAtKey(name)).commit();
    return true;
  }

  /** Every registered reader, by name, with how far behind the current snapshot it is. */
  public List<TableReader> readers(Table table) {
    Map<String, String> properties = table.properties();
    Snapshot current = table.currentSnapshot();
    List<TableReader> readers = new ArrayList<>();
    for (Map.Entry<String, String> property : properties.entrySet()) {
      String key = property.getKey();
      if (!key.startsWith(PROPERTY_PREFIX) || !key.endsWith(SNAPSHOT_SUFFIX)) {
        continue;
      }
      String name =
          key.substring(PROPERTY_PREFIX.length(), key.length() - SNAPSHOT_SUFFIX.length());
      long snapshotId;
      try {
        snapshotId = Long.parseLong(property.getValue().strip());
      } catch (NumberFormatException e) {
        LOG.warn(
            "table {}: reader property {} holds '{}', not a snapshot id; ignored",
            table.name(),
            key,
            property.getValue());
        continue;
      }
      Instant registeredAt = instant(properties.get(registeredAtKey(name)));
      Snapshot floor = table.snapshot(snapshotId);
      if (floor == null) {
        readers.add(new TableReader(name, snapshotId, registeredAt, false, null, null, null));
        continue;
      }
      long behind = current == null ? 0 : snapshotsAfter(table, current, floor);
      Duration age =
          current == null
              ? Duration.ZERO
              : Duration.ofMillis(Math.max(0, current.timestampMillis() - floor.timestampMillis()));
      readers.add(
          new TableReader(
              name,
              snapshotId,
              registeredAt,
              true,
              Instant.ofEpochMilli(floor.timestampMillis()),
              behind,
              age));
    }
    readers.sort(Comparator.comparing(TableReader::name));
    return readers;
  }

  /**
   * The commit time of the oldest snapshot a registered reader still needs: expiry must keep it and
   * everything after it. Empty when no reader is registered, or none of their snapshots exists any
   * more (each such reader is logged: it has lost its position).
   */
  public Optional<Long> floorTimestampMillis(Table table) {
    Optional<Long> floor = Optional.empty();
    for (TableReader reader : readers(table)) {
      if (!reader.snapshotExists()) {
        LOG.warn(
            "table {}: reader {} needs snapshot {}, which no longer exists; it holds nothing back"
                + " (unregister it with 'pipeline maintain readers --unregister' if it is gone)",
            table.name(),
            reader.name(),
            reader.snapshotId());
        continue;
      }
      long at = reader.snapshotAt().toEpochMilli();
      if (floor.isEmpty() || at < floor.get()) {
        floor = Optional.of(at);
      }
    }
    return floor;
  }

  /**
   * Returns the name when readers may use it: it becomes part of a table property's key.
   *
   * @throws IllegalArgumentException naming what is allowed
   */
  public static String requireName(String reader) {
    if (reader == null || !NAME.matcher(reader).matches()) {
      throw new IllegalArgumentException(
          "invalid reader name '"
              + reader
              + "': use letters, digits, '-', '_' and '.' (at most 128 characters),"
              + " e.g. stream.silver_movies");
    }
    return reader;
  }

  /** The property holding the reader's floor snapshot id. */
  public static String snapshotKey(String reader) {
    return PROPERTY_PREFIX + reader + SNAPSHOT_SUFFIX;
  }

  /** The property holding when the reader last moved its floor (ISO-8601). */
  public static String registeredAtKey(String reader) {
    return PROPERTY_PREFIX + reader + REGISTERED_AT_SUFFIX;
  }

  /**
   * Snapshots after the floor on the current snapshot's line of ancestors; when the floor is not an
   * ancestor (a rollback, or a snapshot of another branch), the snapshots committed after it.
   */
  private static long snapshotsAfter(Table table, Snapshot current, Snapshot floor) {
    long count = 0;
    Snapshot snapshot = current;
    while (snapshot != null) {
      if (snapshot.snapshotId() == floor.snapshotId()) {
        return count;
      }
      count++;
      snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId());
    }
    long after = 0;
    for (Snapshot candidate : table.snapshots()) {
      if (candidate.sequenceNumber() > floor.sequenceNumber()) {
        after++;
      }
    }
    return after;
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
