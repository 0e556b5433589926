package dev.movielake.lakehouse.table;

import dev.movielake.lakehouse.TableName;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns at a table's {@code main} for the writers of one process whose commits can refuse each
 * other: a stream's upsert or audited batch (which rewrites or deletes from files) and a compaction
 * (which replaces them). Iceberg's optimistic commits would let both run and refuse the later one:
 * the stream would write its batch again (apache/iceberg#13972) or compaction would lose its work.
 * With turns the stream never collides with the maintenance service running beside it: compaction
 * waits for the batch in flight and a batch waits for the compaction group in flight.
 *
 * <p>Appends take no turn: Iceberg never refuses an append because of a compaction, or the reverse.
 * The turns are per JVM (a process elsewhere is not seen, and its collisions are retried as
 * before); fair, so a waiting compaction is not starved by a busy stream; reentrant, so a batch
 * holding its table's turn writes it through {@link TableWriter} without waiting on itself.
 */
public final class TableTurns {
  private static final ConcurrentMap<String, ReentrantLock> TURNS = new ConcurrentHashMap<>();

  private TableTurns() {}

  /** A turn held at a table; closing it lets the next writer in. */
  public static final class Turn implements AutoCloseable {
    private final ReentrantLock lock;

    private Turn(ReentrantLock lock) {
      this.lock = lock;
    }

    @Override
    public void close() {
      lock.unlock();
    }
  }

  /** Waits for the table's turn. */
  public static Turn take(TableName table) {
    ReentrantLock lock = lockOf(table);
    lock.lock();
    return new Turn(lock);
  }

  /** The table's turn if it comes within the wait; empty when another writer keeps it longer. */
  public static Optional<Turn> tryTake(TableName table, Duration wait) {
    ReentrantLock lock = lockOf(table);
    try {
      if (lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        return Optional.of(new Turn(lock));
      }
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** By catalog, database and table: two catalogs may hold tables of the same name. */
  private static ReentrantLock lockOf(TableName table) {
    return TURNS.computeIfAbsent(table.qualified(), ignored -> new ReentrantLock(true));
  }
}
