package dev.movielake.app.doctor;

import ch.qos.logback.classic.Level;
import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.SecretMasker;
import dev.movielake.cli.TextTable;
import dev.movielake.ops.doctor.Doctor;
import dev.movielake.ops.doctor.Finding;
import dev.movielake.ops.doctor.Settings;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pipeline doctor}: checks every configured dependency and the tables' metadata, and prints
 * for each what is wrong and the fix. Read-only and without Spark, so it is safe to run at any
 * time, also against production.
 */
@Command(
    name = "doctor",
    description = {
      "Check the configuration, catalog, storage, tables, Kafka, MongoDB and TMDB key; print each"
          + " problem and its fix.",
      "Changes nothing and starts no service. Exit code 0 when nothing is broken (warnings"
          + " allowed), 1 otherwise."
    })
public final class DoctorCommand extends LakehouseCommand {
  @Mixin JsonOption json;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description =
          "How long one dependency may take to answer (default: ${DEFAULT-VALUE}; the tables get"
              + " three times as long).")
  int timeoutSeconds;

  @Override
  protected int run() {
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "--timeout must be at least 1 second, got " + timeoutSeconds);
    }
    quietClientLogs();
    Settings settings = Settings.of(context().variables());
    SecretMasker secrets = context().secrets();
    Doctor.Result result =
        Doctor.of(settings, Duration.ofSeconds(timeoutSeconds), secrets::mask)
            .run(
                check -> {
                  err().println("checking " + check + " ...");
                  err().flush();
                });
    if (json.enabled()) {
      Json.print(out(), result);
    } else {
      TextTable table = new TextTable("CHECK", "STATUS", "FINDING", "FIX");
      for (Finding finding : result.findings()) {
        table.row(finding.check(), finding.status(), finding.found(), finding.fix());
      }
      table.print(out());
      println(result.summary());
    }
    return result.anyBroken() ? 1 : 0;
  }

  /**
   * Kafka's and Hive's clients log a warning for every retry against a dead server; the finding
   * says it once, with the fix, so their warnings would only bury it.
   */
  private static void quietClientLogs() {
    for (String name : List.of("org.apache.kafka", "hive.metastore", "org.apache.hadoop.hive")) {
      if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
        logger.setLevel(Level.ERROR);
      }
    }
  }
}
