package dev.movielake.app.cli;

import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.LayerConverter;
import dev.movielake.cli.TextTable;
import dev.movielake.config.QualityConfig;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.stream.quality.QualityAlert;
import dev.movielake.stream.quality.QualityMonitor;
import dev.movielake.stream.quality.QualityReport;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code pipeline quality}: the quality monitor over whole tables, its scores stored in {@code
 * silver.quality_scores} and an alert to the webhook when a score is below the threshold. Low
 * scores are a result, not a failure: the exit code is 0 unless {@code --fail-below} says
 * otherwise.
 */
@Command(
    name = "quality",
    description = {
      "Score every table's data quality; store the scores and alert below a threshold.",
      "Checks every table (or one layer's) on schema, freshness, volume change, completeness and"
          + " validity;",
      "scores each table and the whole (>= 0.9 excellent, >= 0.8 good, >= 0.6 warning, else"
          + " critical), stores",
      "the scores in silver.quality_scores (published by `pipeline publish`) and posts an alert to",
      "QUALITY_ALERT_WEBHOOK_URL when a score is below QUALITY_ALERT_THRESHOLD.",
      "Exit codes: 0 the run completed (whatever the scores), 1 it could not run, 2 overall score"
          + " below --fail-below."
    })
public final class QualityCommand extends LakehouseCommand {
  /** The exit code of a completed run whose overall score is below {@code --fail-below}. */
  static final int BELOW_GATE = 2;

  @Option(
      names = "--layer",
      paramLabel = "LAYER",
      converter = LayerConverter.class,
      description =
          "Only the tables of this layer (bronze, silver or gold); all layers when omitted.")
  Layer layer;

  @Option(names = "--no-alert", description = "Do not post the alert, whatever the scores.")
  boolean noAlert;

  @Option(
      names = "--fail-below",
      paramLabel = "SCORE",
      description =
          "Exit with code 2 when the overall score is below SCORE (0 to 1), for schedulers and CI"
              + " gates.")
  Double failBelow;

  @Mixin JsonOption json;

  @Override
  protected int run() {
    if (failBelow != null && (failBelow < 0 || failBelow > 1 || failBelow.isNaN())) {
      throw new ParameterException(
          spec.commandLine(), "--fail-below takes a score from 0 to 1, e.g. 0.8");
    }
    QualityConfig config = context().qualityConfig(); // a bad variable fails before Spark starts
    List<Layer> layers = layer == null ? List.of(Layer.values()) : List.of(layer);
    progress(
        "Checking data quality of "
            + String.join(", ", layers.stream().map(Layer::id).toList())
            + " ...");
    QualityReport report =
        new QualityMonitor(storage(), config, Clock.systemUTC())
            .run(layers, line -> progress("  " + line));
    QualityAlert.Delivery delivery =
        noAlert ? QualityAlert.Delivery.disabled() : new QualityAlert(config).send(report);
    report = report.withAlert(delivery);
    if (delivery.outcome() == QualityAlert.Outcome.FAILED) {
      progress("warning: " + delivery.message());
    }
    if (json.enabled()) {
      Json.print(out(), report);
    } else {
      print(report, config);
    }
    return failBelow != null && report.overallScore() < failBelow ? BELOW_GATE : 0;
  }

  private void progress(String line) {
    err().println(line);
    err().flush();
  }

  private void print(QualityReport report, QualityConfig config) {
    TextTable table = new TextTable("TABLE", "LAYER", "ROWS", "SCORE", "LEVEL", "FAILED CHECKS");
    for (QualityReport.TableScore score : report.tables()) {
      table.row(
          score.table(),
          score.layer().id(),
          score.rows(),
          score.score(),
          score.level().toString(),
          score.failures().isEmpty() ? null : String.join("; ", score.failures()));
    }
    if (table.isEmpty()) {
      println(
          "(no tables in "
              + String.join(", ", report.layers().stream().map(Layer::id).toList())
              + ")");
    } else {
      table.print(out());
    }
    long below =
        report.tables().stream().filter(score -> score.score() < config.alertThreshold()).count();
    println(
        String.format(
            Locale.ROOT,
            "overall: %.2f %s (%d table(s), %d below %.2f); run %s stored in silver.%s",
            report.overallScore(),
            report.overallLevel(),
            report.tables().size(),
            below,
            config.alertThreshold(),
            report.runId(),
            PipelineTable.QUALITY_SCORES.tableName()));
    report
        .alert()
        .ifPresent(alert -> println("alert: " + alert.outcome() + ", " + alert.message()));
  }
}
