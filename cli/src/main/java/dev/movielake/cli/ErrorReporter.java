package dev.movielake.cli;

import dev.movielake.config.CatalogConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line, {@code error: <message>}, on stderr: exit code 2 for a command
 * line that cannot be used, 1 for a command that failed. Stack traces only with {@code --verbose}
 * or PIPELINE_DEBUG=1. Secrets are masked in both.
 */
public final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
  public static final String VERBOSE = "--verbose";

  private final List<Class<? extends Exception>> writtenForUsers;
  private final Supplier<SecretMasker> secrets;
  private final Supplier<Optional<CatalogConfig>> catalog;
  private final boolean debug;

  /**
   * @param writtenForUsers the exceptions whose messages are written for users and printed as they
   *     are; the modules that throw them are the command line's, so the program names them, not
   *     this class
   * @param catalog the configured catalog, when the configuration was read, to word its network
   *     failures
   */
  public ErrorReporter(
      List<Class<? extends Exception>> writtenForUsers,
      Supplier<SecretMasker> secrets,
      Supplier<Optional<CatalogConfig>> catalog,
      boolean debug) {
    this.writtenForUsers = List.copyOf(writtenForUsers);
    this.secrets = secrets;
    this.catalog = catalog;
    this.debug = debug;
  }

  @Override
  public int handleParseException(ParameterException exception, String[] arguments) {
    CommandLine command = exception.getCommandLine();
    report(
        command.getErr(),
        exception.getMessage(),
        exception,
        Arrays.asList(arguments).contains(VERBOSE));
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine command, ParseResult parseResult) {
    String message =
        catalog
            .get()
            .flatMap(configured -> CatalogUnreachable.describe(exception, configured))
            .orElseGet(() -> message(exception));
    report(command.getErr(), message, exception, verbose(parseResult));
    return command.getCommandSpec().exitCodeOnExecutionException();
  }

  /**
   * The message of the first exception in the chain that was written for users; anything else is
   * unexpected and named by its type.
   */
  String message(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (writtenForUsers(cause) && cause.getMessage() != null) {
        return cause.getMessage();
      }
    }
    String message = exception.getMessage();
    return exception.getClass().getSimpleName()
        + (message == null ? "" : ": " + message)
        + " (rerun with --verbose for details)";
  }

  private boolean writtenForUsers(Throwable cause) {
    for (Class<? extends Exception> type : writtenForUsers) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  private void report(PrintWriter err, String message, Throwable exception, boolean verbose) {
    SecretMasker masker = secrets.get();
    err.println("error: " + masker.mask(firstLine(message)));
    if (verbose || debug) {
      StringWriter trace = new StringWriter();
      exception.printStackTrace(new PrintWriter(trace));
      err.print(masker.mask(trace.toString()));
    }
    err.flush();
  }

  /** Spark's messages span lines (plans, contexts); the first says what went wrong. */
  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error (rerun with --verbose for details)";
    }
    return message.strip().lines().findFirst().orElse(message).strip();
  }

  private static boolean verbose(ParseResult parseResult) {
    for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption(VERBOSE)) {
        return true;
      }
    }
    return false;
  }
}
