package dev.movielake.lakehouse.table;

import dev.movielake.config.MaintenancePolicy;
import dev.movielake.config.MaintenanceTriggers;
import dev.movielake.model.Layer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How healthy a table is, as one number from 0 to 100 and the deductions that explain it, computed
 * from its statistics (metadata only) against the maintenance policy of its layer. This is the
 * contract the command line, the API, the dashboard and {@code lakehouse_table_health} publish.
 *
 * <p>Each input has an ideal value, a limit and a weight. It loses points linearly from its ideal
 * to its whole weight at twice its limit, and never more: {@code lost = weight * min(1, (value -
 * ideal) / (2 * limit - ideal))}, never negative. So an input at its limit has lost about half its
 * weight: a table whose maintenance is due shows it, well before 0. The score is {@code max(0,
 * round(100 - sum of lost))}; the weights add up to 130, so a table bad enough in several ways
 * reaches 0. The weights of small files and deletes are Apache Amoro's; the inputs:
 *
 * <table>
 *   <caption>inputs of the health score</caption>
 *   <tr><th>input</th><th>value</th><th>ideal</th><th>limit</th><th>weight</th></tr>
 *   <tr><td>small files</td><td>small files in the partition holding the most</td><td>1</td>
 *       <td>{@code minSmallFilesPerPartition}</td><td>40</td></tr>
 *   <tr><td>position deletes (deletion vectors included)</td><td>the worse of: rows removed by
 *       position deletes over rows in data files, against {@code deleteRatio}; delete files of
 *       any kind, against {@code deleteFiles} (the trigger counts them all too)</td><td>0</td>
 *       <td>as said</td><td>20</td></tr>
 *   <tr><td>equality deletes</td><td>rows removed by equality deletes over rows in data
 *       files</td><td>0</td><td>{@code deleteRatio}</td><td>40</td></tr>
 *   <tr><td>snapshots</td><td>snapshots kept</td><td>1</td><td>{@code maxSnapshots}</td>
 *       <td>10</td></tr>
 *   <tr><td>manifests</td><td>data and delete manifests of the current snapshot</td><td>1</td>
 *       <td>{@code maxManifests}</td><td>10</td></tr>
 *   <tr><td>metadata size</td><td>bytes of the current metadata file</td><td>0</td>
 *       <td>{@code maxMetadataBytes}</td><td>10</td></tr>
 * </table>
 *
 * <p>The limits are the layer's {@link MaintenanceTriggers} and the policy's {@code
 * maxMetadataBytes}. A table without a snapshot has nothing to maintain and scores 100. Only
 * deductions of at least 0.05 points are listed, most points first, each rounded to a tenth; the
 * score is computed from the unrounded points.
 *
 * @param healthScore 0 (worst) to 100 (nothing to maintain)
 * @param healthDeductions why the score is under 100, the costliest first
 */
public record TableHealth(int healthScore, List<Deduction> healthDeductions) {

  /** The score of a table with nothing to maintain. */
  public static final TableHealth PERFECT = new TableHealth(100, List.of());

  private static final double MB = 1024.0 * 1024.0;

  public TableHealth {
    if (healthScore < 0 || healthScore > 100) {
      throw new IllegalArgumentException("a health score is 0 to 100, got " + healthScore);
    }
    healthDeductions = List.copyOf(healthDeductions);
  }

  /** What the score is computed from, with its ideal value and weight. */
  public enum Input {
    SMALL_FILES(1, 40),
    POSITION_DELETES(0, 20),
    EQUALITY_DELETES(0, 40),
    SNAPSHOTS(1, 10),
    MANIFESTS(1, 10),
    METADATA_SIZE(0, 10);

    private final double ideal;
    private final double weight;

    Input(double ideal, double weight) {
      this.ideal = ideal;
      this.weight = weight;
    }

    public double ideal() {
      return ideal;
    }

    public double weight() {
      return weight;
    }

    /**
     * The points {@code value} loses against {@code limit}: none at the ideal, all of the weight
     * from twice the limit on.
     */
    public double pointsLost(double value, double limit) {
      double span = 2 * limit - ideal;
      if (span <= 0) {
        return value > ideal ? weight : 0;
      }
      return weight * Math.max(0, Math.min(1, (value - ideal) / span));
    }

    /** As JSON and metric labels name it: {@code small_files}, {@code metadata_size}, ... */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Points one input cost.
   *
   * @param value what the table has: a count, a share of rows (0 to 1) or bytes
   * @param limit the policy's limit for it
   * @param pointsLost rounded to a tenth
   * @param reason for people, e.g. "12 small files in partition release_year=2024 (limit 5)"
   */
  public record Deduction(
      Input input, double value, double limit, double pointsLost, String reason) {}

  /** The health of statistics as read, against the policy of the table's layer. */
  public static TableHealth of(TableStatistics statistics, MaintenancePolicy policy) {
    return of(
        statistics.layer(),
        statistics.records(),
        statistics.files(),
        statistics.deletes(),
        statistics.snapshots(),
        statistics.metadata(),
        policy);
  }

  /**
   * The health of a table of {@code layer} from its statistics' groups, before they make a {@link
   * TableStatistics} (which carries its health).
   */
  public static TableHealth of(
      Layer layer,
      TableStatistics.Records records,
      TableStatistics.Files files,
      TableStatistics.Deletes deletes,
      TableStatistics.Snapshots snapshots,
      TableStatistics.Metadata metadata,
      MaintenancePolicy policy) {
    if (snapshots.snapshotCount() == 0) {
      return PERFECT;
    }
    MaintenanceTriggers triggers = policy.triggers(layer);
    List<Candidate> candidates = new ArrayList<>();

    long small = files.maxSmallFilesPerPartition();
    candidates.add(
        new Candidate(
            Input.SMALL_FILES,
            small,
            triggers.minSmallFilesPerPartition(),
            small
                + " small files "
                + (files.maxSmallFilesPartition().isEmpty()
                    ? "in the table"
                    : "in partition " + files.maxSmallFilesPartition())
                + " (limit "
                + triggers.minSmallFilesPerPartition()
                + ")"));

    long rows = records.dataFileRecordCount();
    double positionShare = share(deletes.positionDeleteCount(), rows);
    Candidate byRows =
        new Candidate(
            Input.POSITION_DELETES,
            positionShare,
            triggers.deleteRatio(),
            "position deletes remove "
                + percent(positionShare)
                + " of the rows in data files (limit "
                + percent(triggers.deleteRatio())
                + ")");
    Candidate byFiles =
        new Candidate(
            Input.POSITION_DELETES,
            deletes.deleteFileCount(),
            triggers.deleteFiles(),
            deletes.deleteFileCount() + " delete files (limit " + triggers.deleteFiles() + ")");
    candidates.add(byFiles.pointsLost() > byRows.pointsLost() ? byFiles : byRows);

    double equalityShare = share(deletes.equalityDeleteCount(), rows);
    candidates.add(
        new Candidate(
            Input.EQUALITY_DELETES,
            equalityShare,
            triggers.deleteRatio(),
            "equality deletes remove "
                + percent(equalityShare)
                + " of the rows in data files (limit "
                + percent(triggers.deleteRatio())
                + ")"));

    candidates.add(
        new Candidate(
            Input.SNAPSHOTS,
            snapshots.snapshotCount(),
            triggers.maxSnapshots(),
            snapshots.snapshotCount() + " snapshots (limit " + triggers.maxSnapshots() + ")"));

    candidates.add(
        new Candidate(
            Input.MANIFESTS,
            metadata.manifestCount(),
            triggers.maxManifests(),
            metadata.manifestCount() + " manifests (limit " + triggers.maxManifests() + ")"));

    candidates.add(
        new Candidate(
            Input.METADATA_SIZE,
            metadata.metadataFileSizeBytes(),
            policy.maxMetadataBytes(),
            "metadata file of "
                + megabytes(metadata.metadataFileSizeBytes())
                + " (limit "
                + megabytes(policy.maxMetadataBytes())
                + ")"));

    double lost = candidates.stream().mapToDouble(Candidate::pointsLost).sum();
    List<Deduction> deductions =
        candidates.stream()
            .filter(candidate -> tenths(candidate.pointsLost()) > 0)
            .sorted(Comparator.comparingDouble(Candidate::pointsLost).reversed())
            .map(
                candidate ->
                    new Deduction(
                        candidate.input(),
                        candidate.value(),
                        candidate.limit(),
                        tenths(candidate.pointsLost()),
                        candidate.reason()))
            .toList();
    return new TableHealth((int) Math.max(0, Math.round(100 - lost)), deductions);
  }

  /** One input's value against its limit, before it is known to cost anything. */
  private record Candidate(Input input, double value, double limit, String reason) {
    double pointsLost() {
      return input.pointsLost(value, limit);
    }
  }

  private static double share(long part, long whole) {
    return whole <= 0 ? 0 : (double) part / whole;
  }

  private static double tenths(double points) {
    return Math.round(points * 10) / 10.0;
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / MB);
  }
}
