package dev.movielake.app.cli;

import dev.movielake.app.PipelineCommand;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code pipeline} in-process, as the real program does, capturing stdout and stderr. */
public final class PipelineRunner {
  public record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final LakehouseContext context;

  public PipelineRunner(LakehouseContext context) {
    this.context = context;
  }

  public Run run(String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        PipelineCommand.commandLine(context)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(arguments);
    return new Run(exitCode, out.toString(), err.toString());
  }
}
