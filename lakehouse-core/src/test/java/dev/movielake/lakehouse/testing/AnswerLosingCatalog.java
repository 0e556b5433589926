package dev.movielake.lakehouse.testing;

import java.net.SocketTimeoutException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Iceberg's JDBC catalog whose next snapshot commit loses its answer, as when the connection to the
 * catalog breaks after the request was sent: the commit reports {@link
 * CommitStateUnknownException}, having either {@linkplain Outcome#LANDED landed} or {@linkplain
 * Outcome#LOST not}. Spark loads it by name ({@code catalog-impl}), so every write path is the real
 * one.
 */
public final class AnswerLosingCatalog extends JdbcCatalog {
  /** What the commit whose answer is lost really did. */
  public enum Outcome {
    LANDED,
    LOST
  }

  private static final AtomicReference<Outcome> NEXT = new AtomicReference<>();

  /** The next commit that adds a snapshot to any table of this catalog loses its answer. */
  public static void loseTheNextAnswer(Outcome outcome) {
    NEXT.set(Objects.requireNonNull(outcome));
  }

  /** Whether the armed failure is still waiting for its commit. */
  public static boolean armed() {
    return NEXT.get() != null;
  }

  @Override
  protected TableOperations newTableOps(TableIdentifier table) {
    return new AnswerLosingOperations(super.newTableOps(table));
  }

  private record AnswerLosingOperations(TableOperations delegate) implements TableOperations {
    @Override
    public TableMetadata current() {
      return delegate.current();
    }

    @Override
    public TableMetadata refresh() {
      return delegate.refresh();
    }

    @Override
    public void commit(TableMetadata base, TableMetadata metadata) {
      boolean addsSnapshot =
          base != null
              && metadata.currentSnapshot() != null
              && !Objects.equals(base.currentSnapshot(), metadata.currentSnapshot());
      Outcome outcome = addsSnapshot ? NEXT.getAndSet(null) : null;
      if (outcome == null || outcome == Outcome.LANDED) {
        delegate.commit(base, metadata);
      }
      if (outcome != null) {
        throw new CommitStateUnknownException(
            new SocketTimeoutException(
                "injected: the catalog's answer was lost (" + outcome + ")"));
      }
    }

    @Override
    public FileIO io() {
      return delegate.io();
    }

    @Override
    public EncryptionManager encryption() {
      return delegate.encryption();
    }

    @Override
    public String metadataFileLocation(String fileName) {
      return delegate.metadataFileLocation(fileName);
    }

    @Override
    public LocationProvider locationProvider() {
      return delegate.locationProvider();
    }

    @Override
    public TableOperations temp(TableMetadata uncommittedMetadata) {
      return delegate.temp(uncommittedMetadata);
    }

    @Override
    public long newSnapshotId() {
      return delegate.newSnapshotId();
    }
  }
}
