package dev.movielake.app.serve;

import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.config.ServeConfig;
import dev.movielake.ops.wiring.ServingDatabase;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/** {@code pipeline serve}: the REST API, the dashboard and the metrics, until stopped. */
@Command(
    name = "serve",
    description = {
      "Serve the REST API, the dashboard and Prometheus metrics.",
      "The API on API_PORT (default 8000), the dashboard at / and metrics at /metrics, over the"
          + " serving",
      "collections ('pipeline publish' fills them) and the lakehouse's metadata.",
      "Runs until stopped (Ctrl-C). OpenAPI document: /openapi.json."
    })
public final class ServeCommand extends LakehouseCommand {
  @Override
  protected int run() {
    ServeConfig config = context().serveConfig();
    ServingDatabase database = ServingDatabase.open(config);
    ServingStack stack;
    try {
      stack = ServingStack.start(context().config(), config, database);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    out().println("Serving " + database.description());
    stack.printUrls(out());
    out().println("Stop with Ctrl-C.");
    out().flush();
    awaitShutdown(stack, database);
    return 0;
  }

  /**
   * Blocks until the JVM is asked to stop, then closes the server and the database before it exits.
   */
  public static void awaitShutdown(AutoCloseable... resources) {
    CountDownLatch closed = new CountDownLatch(1);
    Thread main = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  main.interrupt();
                  try {
                    closed.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "serve-shutdown"));
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      // asked to stop
    } finally {
      for (AutoCloseable resource : resources) {
        try {
          resource.close();
        } catch (Exception e) {
          // closing on the way out: nothing left to report to
        }
      }
      closed.countDown();
    }
  }
}
