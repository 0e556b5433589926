package dev.movielake.lakehouse.maintenance.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.config.MaintenanceTriggers;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.MaintenancePlan.Action;
import dev.movielake.lakehouse.table.TableFiles;
import dev.movielake.model.Layer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Which action a table's condition calls for, and in which order the triggers are weighed. */
class TriggerPolicyTest {
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private static final MaintenanceTriggers TRIGGERS =
      new MaintenanceTriggers(5, 50, Duration.ofMinutes(60), 10, 0.3, 20, 1000);
  private static final TableName TABLE =
      new TableName("movie_catalog", Layer.SILVER, "silver", "movies");

  /** A condition with these small files per partition and otherwise a tidy table. */
  private static Condition table(long... smallFilesPerPartition) {
    return new Condition(smallFilesPerPartition);
  }

  private static final class Condition {
    final long[] small;
    long deleteFiles;
    long deletedRows;
    long expirable;
    int manifests = 3;
    int commits = 1;
    Instant lastCompaction = NOW.minusSeconds(60);

    Condition(long[] small) {
      this.small = small;
    }

    TableCondition build() {
      List<TableFiles.PartitionFiles> partitions =
          LongStream.range(0, small.length)
              .mapToObj(
                  index ->
                      new TableFiles.PartitionFiles(
                          0,
                          "year=" + (2000 + index),
                          small[(int) index],
                          small[(int) index],
                          1000))
              .toList();
      long files = Arrays.stream(small).sum();
      return new TableCondition(
          TABLE,
          Optional.of(42L),
          new TableFiles(partitions, files, files * 1000, 1000, 1000, files, 100_000_000),
          deleteFiles,
          deletedRows,
          1000,
          20,
          expirable,
          manifests,
          commits,
          Optional.of(lastCompaction));
    }
  }

  private static Optional<MaintenanceDecision> decide(Condition condition) {
    return new TriggerPolicy(TRIGGERS).decide(condition.build(), NOW);
  }

  @Test
  void aTidyTableNeedsNothing() {
    assertThat(decide(table(1, 1, 4))).isEmpty();
  }

  @Test
  void aCrowdedPartitionIsCompactedAndEachCrowdedPartitionPredictedAsOneFile() {
    MaintenanceDecision decision = decide(table(1, 7, 5, 3)).orElseThrow();

    assertThat(decision.action()).isEqualTo(Action.COMPACT);
    assertThat(decision.trigger()).isEqualTo(Trigger.SMALL_FILES);
    assertThat(decision.reason()).isEqualTo("7 small files in partition year=2001 (trigger: 5)");
    assertThat(decision.minInputFiles()).isEqualTo(5);
    // 16 files: the partitions of 7 and 5 become one file each, the others stay.
    assertThat(decision.predicted().dataFiles()).isEqualTo(16 - 6 - 4);
  }

  @Test
  void deleteFilesAndTheirShareOfRowsTriggerACompactionOfEveryFileWithDeletes() {
    Condition many = table(1, 1);
    many.deleteFiles = 10;
    MaintenanceDecision byCount = decide(many).orElseThrow();
    assertThat(byCount.trigger()).isEqualTo(Trigger.DELETE_FILES);
    assertThat(byCount.minInputFiles()).isEqualTo(1);
    assertThat(byCount.predicted().deleteFiles()).isZero();

    Condition share = table(1, 1);
    share.deleteFiles = 2;
    share.deletedRows = 300;
    assertThat(decide(share).orElseThrow().trigger()).isEqualTo(Trigger.DELETE_RATIO);
  }

  @Test
  void commitsAndTimeSinceTheLastCompactionMergeWhatSmallFilesThereAre() {
    Condition busy = table(1, 3);
    busy.commits = 50;
    MaintenanceDecision byCommits = decide(busy).orElseThrow();
    assertThat(byCommits.trigger()).isEqualTo(Trigger.COMMITS);
    assertThat(byCommits.minInputFiles()).isEqualTo(2);

    Condition slow = table(1, 3);
    slow.lastCompaction = NOW.minus(Duration.ofMinutes(61));
    assertThat(decide(slow).orElseThrow().trigger()).isEqualTo(Trigger.INTERVAL);

    Condition single = table(1, 1);
    single.commits = 500;
    single.lastCompaction = NOW.minus(Duration.ofDays(1));
    assertThat(decide(single)).as("one file per partition: nothing to merge").isEmpty();
  }

  @Test
  void expiryComesAfterCompactionAndManifestsAfterExpiry() {
    Condition everything = table(6);
    everything.expirable = 4;
    everything.manifests = 30;
    assertThat(decide(everything).orElseThrow().action()).isEqualTo(Action.COMPACT);

    Condition aged = table(1);
    aged.expirable = 4;
    aged.manifests = 30;
    MaintenanceDecision expiry = decide(aged).orElseThrow();
    assertThat(expiry.action()).isEqualTo(Action.EXPIRE_SNAPSHOTS);
    assertThat(expiry.predicted().snapshots()).isEqualTo(16);

    Condition manifests = table(1);
    manifests.manifests = 21;
    MaintenanceDecision rewrite = decide(manifests).orElseThrow();
    assertThat(rewrite.action()).isEqualTo(Action.REWRITE_MANIFESTS);
    assertThat(rewrite.trigger()).isEqualTo(Trigger.MANIFESTS);
  }
}
