package dev.movielake.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseSession;
import dev.movielake.lakehouse.maintenance.CompactTable;
import dev.movielake.lakehouse.table.WriteResult;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * One writer process of the concurrency benchmark: a JVM with its own Spark session on the
 * lakehouse the environment configures (the pipeline's usual variables), writing its rounds of the
 * {@link ConcurrencyPlan} into the shared table. A failed round is recorded and the writer goes on
 * with the next one, as a pipeline process would; the last line it prints is its {@link
 * WriterOutcome}.
 *
 * <p>Arguments: {@code WRITER ROWS_PER_ROUND ROUNDS CONTROL_FOLDER}. It starts writing when the
 * file {@code go} appears in the control folder (so all eight write at once, not whichever started
 * first), and the compactor compacts until the file {@code stop} appears.
 */
public final class ConcurrentWriter {
  static final String GO = "go";
  static final String STOP = "stop";

  private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Between compactions: often enough to meet every round of the writers, rarely enough to leave
   * them the CPU.
   */
  private static final Duration COMPACTION_PAUSE = Duration.ofSeconds(2);

  private static final int MAX_MESSAGE = 400;

  private final ConcurrencyPlan plan;
  private final ConcurrencyPlan.Writer writer;
  private final IcebergStorageManager storage;
  private final List<String> errors = new ArrayList<>();
  private int committed;
  private int failed;
  private int commitRetries;
  private long rewrittenDataFiles;

  private ConcurrentWriter(
      ConcurrencyPlan plan, ConcurrencyPlan.Writer writer, IcebergStorageManager storage) {
    this.plan = plan;
    this.writer = writer;
    this.storage = storage;
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 4) {
      System.err.println(
          "usage: ConcurrentWriter WRITER ROWS_PER_ROUND ROUNDS CONTROL_FOLDER"
              + " (started by './pipeline bench concurrency')");
      System.exit(2);
    }
    ConcurrencyPlan plan =
        new ConcurrencyPlan(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    ConcurrencyPlan.Writer writer = plan.writer(args[0]);
    Path control = Path.of(args[3]);
    LakehouseConfig config = LakehouseConfig.fromEnvironment();
    SparkSession spark = LakehouseSession.create(config);
    ConcurrentWriter process =
        new ConcurrentWriter(plan, writer, new IcebergStorageManager(spark, config));
    progress(WriterOutcome.READY);
    awaitFile(control.resolve(GO));
    long started = System.nanoTime();
    if (writer.writesRows()) {
      process.writeRounds();
    } else {
      process.compactUntil(control.resolve(STOP));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.println(process.outcome(seconds).jsonLine());
    System.out.flush();
    spark.stop();
    // The metastore and JDBC clients may leave non-daemon threads behind.
    System.exit(0);
  }

  private void writeRounds() {
    for (int round = 1; round <= plan.rounds(); round++) {
      long started = System.nanoTime();
      String what = "round " + round + " of " + plan.rounds();
      try {
        WriteResult result =
            storage.writeToLayer(
                ConcurrencyTable.LAYER,
                ConcurrencyTable.NAME,
                ConcurrencyTable.rows(storage.spark(), writer, plan.keys(writer, round)),
                ConcurrencyTable.options(writer.kind()));
        commitRetries += commitRetries(result);
        committed++;
        progress(what + " committed in " + secondsSince(started) + " s");
      } catch (RuntimeException e) {
        failed++;
        errors.add("round " + round + ": " + message(e));
        progress(what + " failed in " + secondsSince(started) + " s: " + message(e));
      }
    }
  }

  /** The commit retries one write needed: the one place that reads them. */
  private static int commitRetries(WriteResult result) {
    return result.commitRetries();
  }

  /**
   * Compacts in a loop while the others write: the maintenance action itself, with a low file
   * threshold so each pass finds work in a table that grows by a few files a round.
   */
  private void compactUntil(Path stop) throws InterruptedException {
    int compaction = 0;
    while (!Files.exists(stop)) {
      compaction++;
      long started = System.nanoTime();
      try {
        CompactTable.Result result =
            new CompactTable(
                    storage.catalog(), storage.table(ConcurrencyTable.LAYER, ConcurrencyTable.NAME))
                .minInputFiles(2)
                .execute();
        rewrittenDataFiles += result.rewrittenDataFiles();
        // A pass that found nothing to rewrite yet committed nothing: no round, no line.
        if (result.rewrittenDataFiles() > 0 || result.failedDataFiles() > 0) {
          committed++;
          progress(
              "compaction "
                  + compaction
                  + " rewrote "
                  + result.rewrittenDataFiles()
                  + " data files into "
                  + result.addedDataFiles()
                  + (result.failedDataFiles() > 0
                      ? " (" + result.failedDataFiles() + " left by a conflicting commit)"
                      : "")
                  + " in "
                  + secondsSince(started)
                  + " s");
        }
      } catch (RuntimeException e) {
        failed++;
        errors.add("compaction " + compaction + ": " + message(e));
        progress(
            "compaction "
                + compaction
                + " failed in "
                + secondsSince(started)
                + " s: "
                + message(e));
      }
      Thread.sleep(COMPACTION_PAUSE.toMillis());
    }
  }

  private WriterOutcome outcome(double seconds) {
    OperatingSystemMXBean system =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new WriterOutcome(
        writer.name(),
        committed,
        failed,
        errors,
        commitRetries,
        rewrittenDataFiles,
        seconds,
        system.getProcessCpuTime() / 1e9);
  }

  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        System.err.println(
            "no start signal ("
                + file
                + ") within "
                + START_TIMEOUT.toMinutes()
                + " minutes; the benchmark that started this writer is gone");
        System.exit(3);
      }
      Thread.sleep(50);
    }
  }

  private static void progress(String line) {
    System.out.println(WriterOutcome.PROGRESS + line);
    System.out.flush();
  }

  /**
   * The error's first line without its lists of files (so the report can group equal failures),
   * short enough for a report.
   */
  private static String message(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = message.lines().findFirst().orElse("").strip().replaceAll("\\[[^\\]]*]", "[...]");
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + " ...";
  }

  private static String secondsSince(long started) {
    return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9);
  }
}
