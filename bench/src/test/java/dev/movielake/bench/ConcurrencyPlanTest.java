package dev.movielake.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.bench.ConcurrencyPlan.KeyRange;
import dev.movielake.bench.ConcurrencyPlan.Kind;
import dev.movielake.bench.ConcurrencyPlan.StoredRow;
import dev.movielake.bench.ConcurrencyPlan.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The concurrency benchmark's plan and its comparison of a final table, without Spark: what each
 * writer writes, what the table must hold, and how lost, doubled and unexpected rows are counted.
 */
class ConcurrencyPlanTest {
  private final ConcurrencyPlan plan = new ConcurrencyPlan(10, 5);

  @Test
  void eightWritersOfFourKinds() {
    List<Writer> writers = plan.writers();

    assertThat(writers).hasSize(8);
    assertThat(writers.stream().map(Writer::name))
        .containsExactly(
            "appender-1",
            "appender-2",
            "appender-3",
            "upserter-1",
            "upserter-2",
            "upserter-3",
            "overwriter-1",
            "compactor-1");
    assertThat(plan.writer("upserter-2").kind()).isEqualTo(Kind.UPSERT);
    assertThatThrownBy(() -> plan.writer("reader-1")).hasMessageContaining("upserter-1");
    assertThatThrownBy(() -> plan.keys(plan.writer("compactor-1"), 1))
        .hasMessageContaining("writes no rows");
  }

  @Test
  void upsertersUpdateHalfOfTheirPreviousRoundAndInsertAsMany() {
    Writer upserter = plan.writer("upserter-1");
    KeyRange first = plan.keys(upserter, 1);
    KeyRange second = plan.keys(upserter, 2);

    assertThat(second.first()).isEqualTo(first.first() + 5);
    assertThat(second.count()).isEqualTo(10);
    assertThat(second.version()).isEqualTo(2);
    Map<Long, Integer> expected = plan.expected();
    // Keys of round 1 that round 2 did not cover keep version 1; the last round's new half has 5.
    assertThat(expected.get(first.first())).isEqualTo(1);
    assertThat(expected.get(second.first())).isEqualTo(2);
    assertThat(expected.get(plan.keys(upserter, 5).first() + 9)).isEqualTo(5);
  }

  @Test
  void expectsEveryAppendedRowTheUpsertersKeysAndOnlyTheOverwritersLastRound() {
    Map<Long, Integer> expected = plan.expected();

    long appended = 3 * 5 * 10;
    long upserted = 3 * (10 + 4 * 5);
    long overwritten = 10;
    assertThat(expected).hasSize((int) (appended + upserted + overwritten));
    KeyRange overwrite = plan.keys(plan.writer("overwriter-1"), 3);
    assertThat(expected.get(overwrite.first())).isEqualTo(5);
    // No two writers share a key.
    assertThat(plan.keys(plan.writer("appender-2"), 1).first())
        .isGreaterThan(plan.keys(plan.writer("appender-1"), 5).first() + 9);
  }

  @Test
  void theTableAsPlannedHasNothingLostOrDoubled() {
    ConcurrencyPlan.Check check = plan.check(asStored(plan.expected()));

    assertThat(check.lost()).isZero();
    assertThat(check.duplicated()).isZero();
    assertThat(check.unexpected()).isZero();
    assertThat(check.tableRows()).isEqualTo(check.expectedRows());
    assertThat(check.lostByWriter()).isEmpty();
  }

  @Test
  void aFailedUpsertRoundLosesItsNewKeysAndLeavesItsUpdatesStale() {
    Writer upserter = plan.writer("upserter-3");
    KeyRange failed = plan.keys(upserter, 5);
    List<StoredRow> table = new ArrayList<>();
    for (Map.Entry<Long, Integer> key : plan.expected().entrySet()) {
      boolean inFailedRound =
          key.getKey() >= failed.first() && key.getKey() < failed.first() + failed.count();
      if (!inFailedRound) {
        table.add(new StoredRow(key.getKey(), key.getValue()));
      } else if (key.getKey() < failed.first() + 5) {
        table.add(new StoredRow(key.getKey(), 4)); // round 4's version, not updated
      }
    }

    ConcurrencyPlan.Check check = plan.check(table);

    assertThat(check.lost()).isEqualTo(10);
    assertThat(check.lostByWriter()).containsExactly(Map.entry("upserter-3", 10L));
    assertThat(check.duplicated()).isZero();
  }

  @Test
  void countsRowsBeyondOnePerKeyAndKeysNoWriterWrites() {
    List<StoredRow> table = asStored(plan.expected());
    KeyRange overwrite = plan.keys(plan.writer("overwriter-1"), 1);
    // An overwrite that left the old partition beside the new one: every key twice.
    for (long id = overwrite.first(); id < overwrite.first() + overwrite.count(); id++) {
      table.add(new StoredRow(id, 4));
    }
    table.add(new StoredRow(42, 1));

    ConcurrencyPlan.Check check = plan.check(table);

    assertThat(check.duplicated()).isEqualTo(10);
    assertThat(check.unexpected()).isEqualTo(1);
    assertThat(check.lost()).isZero();
  }

  @Test
  void refusesPlansWhoseKeyRangesWouldMeet() {
    assertThatThrownBy(() -> new ConcurrencyPlan(500_000_000, 2))
        .hasMessageContaining("key ranges");
    assertThatThrownBy(() -> new ConcurrencyPlan(10, 0)).hasMessageContaining("at least 1 round");
  }

  @Test
  void aWritersOutcomeIsFoundAmongItsLogLines() {
    WriterOutcome outcome =
        new WriterOutcome(
            "upserter-1",
            3,
            2,
            List.of("round 2: Found conflicting files", "round 4: \"quoted\""),
            1,
            0,
            12.5,
            30.25);
    List<String> log =
        List.of(
            "10:00:00 WARN some Spark line",
            WriterOutcome.PROGRESS + "round 1 of 5 committed in 1.0 s",
            outcome.jsonLine(),
            "10:00:01 INFO shutdown hook");

    assertThat(WriterOutcome.find(log)).contains(outcome);
    assertThat(WriterOutcome.find(List.of("no outcome here"))).isEmpty();
  }

  private static List<StoredRow> asStored(Map<Long, Integer> keys) {
    List<StoredRow> rows = new ArrayList<>();
    keys.forEach((id, version) -> rows.add(new StoredRow(id, version)));
    return rows;
  }
}
