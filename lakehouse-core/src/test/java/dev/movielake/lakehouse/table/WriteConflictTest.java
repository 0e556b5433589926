package dev.movielake.lakehouse.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

class WriteConflictTest {
  @Test
  void readsIcebergsExceptionsThroughSparksWrapping() {
    assertThat(
            WriteConflict.of(
                new SparkException("Writing job aborted", new CommitFailedException("moved")),
                () -> false))
        .isEqualTo(WriteConflict.CONFLICT);
    assertThat(
            WriteConflict.of(
                new RuntimeException(
                    new CommitStateUnknownException(new RuntimeException("timeout"))),
                () -> true))
        .isEqualTo(WriteConflict.UNKNOWN_STATE);
    assertThat(
            WriteConflict.of(
                new IllegalStateException("no such column"),
                () -> {
                  throw new AssertionError("the catalog is read only for a validation failure");
                }))
        .isEqualTo(WriteConflict.NONE);
  }

  @Test
  void aValidationFailureIsAConflictOnlyWhenTheTableMoved() {
    ValidationException conflicting =
        new ValidationException("Found conflicting files that can contain records matching true");

    assertThat(WriteConflict.of(conflicting, () -> true)).isEqualTo(WriteConflict.CONFLICT);
    assertThat(WriteConflict.of(conflicting, () -> false)).isEqualTo(WriteConflict.NONE);
  }

  @Test
  void backoffGrowsWithJitterUpToTenSeconds() {
    for (int i = 0; i < 50; i++) {
      assertThat(WriteConflict.backoff(1))
          .isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
      assertThat(WriteConflict.backoff(3))
          .isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
      assertThat(WriteConflict.backoff(30))
          .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
  }
}
