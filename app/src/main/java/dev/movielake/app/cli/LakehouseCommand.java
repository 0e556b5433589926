package dev.movielake.app.cli;

import dev.movielake.lakehouse.IcebergStorageManager;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that does its work on the lakehouse. Output goes through picocli's writers, so tests
 * capture it and stdout carries nothing but the command's result.
 */
public abstract class LakehouseCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  protected LakehouseContext context() {
    return ((ContextProvider) spec.root().userObject()).context();
  }

  protected IcebergStorageManager storage() {
    return context().storage();
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints one line of text result and flushes, so it is not lost when Spark logs later. */
  protected void println(String line) {
    out().println(line);
    out().flush();
  }

  @Override
  public final Integer call() {
    return run();
  }

  /** Does the command's work; returns the exit code. */
  protected abstract int run();
}
