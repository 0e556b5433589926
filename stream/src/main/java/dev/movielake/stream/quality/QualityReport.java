package dev.movielake.stream.quality;

import dev.movielake.model.Layer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.DoubleStream;

/**
 * One run of the quality monitor: a score per table and overall, with what failed.
 *
 * @param layers the layers that were checked
 * @param overallScore the mean of the table scores (1.0 when there was no table to check)
 * @param alert what became of the alert; empty until {@link QualityAlert} was asked
 */
public record QualityReport(
    String runId,
    Instant checkedAt,
    List<Layer> layers,
    List<TableScore> tables,
    double overallScore,
    QualityLevel overallLevel,
    Optional<QualityAlert.Delivery> alert) {

  public QualityReport {
    layers = List.copyOf(layers);
    tables = List.copyOf(tables);
  }

  static QualityReport of(
      String runId, Instant checkedAt, List<Layer> layers, List<TableScore> tables) {
    double overall = tables.stream().mapToDouble(TableScore::score).average().orElse(1.0);
    return new QualityReport(
        runId, checkedAt, layers, tables, overall, QualityLevel.of(overall), Optional.empty());
  }

  public QualityReport withAlert(QualityAlert.Delivery delivery) {
    return new QualityReport(
        runId, checkedAt, layers, tables, overallScore, overallLevel, Optional.of(delivery));
  }

  public long rows() {
    return tables.stream().mapToLong(TableScore::rows).sum();
  }

  /**
   * The mean of each dimension over the tables it applies to: the overall row of the scores table.
   */
  public DimensionScores overallDimensions() {
    return new DimensionScores(
        mean(tables.stream().mapToDouble(table -> table.dimensions().schema())).orElse(1.0),
        mean(tables.stream().mapToDouble(table -> table.dimensions().freshness())).orElse(1.0),
        mean(tables.stream().mapToDouble(table -> table.dimensions().volume())).orElse(1.0),
        mean(
            tables.stream()
                .flatMap(table -> table.dimensions().completeness().stream())
                .mapToDouble(Double::doubleValue)),
        mean(
            tables.stream()
                .flatMap(table -> table.dimensions().validity().stream())
                .mapToDouble(Double::doubleValue)));
  }

  private static Optional<Double> mean(DoubleStream scores) {
    var average = scores.average();
    return average.isPresent() ? Optional.of(average.getAsDouble()) : Optional.empty();
  }

  /**
   * @param rows the table's row count now
   * @param score the mean of the dimension scores that apply
   * @param failures what failed, one line each, e.g. "freshness: last commit 30 h ago, limit 24 h"
   * @param notes what did not fail but is worth knowing, e.g. the first volume check
   */
  public record TableScore(
      Layer layer,
      String table,
      long rows,
      double score,
      QualityLevel level,
      DimensionScores dimensions,
      List<String> failures,
      List<String> notes) {
    public TableScore {
      failures = List.copyOf(failures);
      notes = List.copyOf(notes);
    }

    public String name() {
      return layer.id() + "." + table;
    }
  }

  /**
   * Each dimension's score, 0 to 1: schema, freshness and volume pass (1) or fail (0); completeness
   * and validity are the mean pass rate of the table's rules of that kind, empty when the table has
   * none (a table the pipeline does not know).
   */
  public record DimensionScores(
      double schema,
      double freshness,
      double volume,
      Optional<Double> completeness,
      Optional<Double> validity) {

    public double mean() {
      DoubleStream.Builder scores = DoubleStream.builder().add(schema).add(freshness).add(volume);
      completeness.ifPresent(scores::add);
      validity.ifPresent(scores::add);
      return scores.build().average().orElse(1.0);
    }
  }
}
