package dev.movielake.app;

import dev.movielake.app.bench.BenchCommand;
import dev.movielake.app.catalog.CatalogCommand;
import dev.movielake.app.cli.AuditsCommand;
import dev.movielake.app.cli.ContextProvider;
import dev.movielake.app.cli.LakehouseContext;
import dev.movielake.app.cli.MaintainCommand;
import dev.movielake.app.cli.MigrateCommand;
import dev.movielake.app.cli.PartitionsCommand;
import dev.movielake.app.cli.QualityCommand;
import dev.movielake.app.cli.SchemaCommand;
import dev.movielake.app.cli.TablesCommand;
import dev.movielake.app.demo.DemoCommand;
import dev.movielake.app.doctor.DoctorCommand;
import dev.movielake.app.ingest.IngestCommand;
import dev.movielake.app.ingest.TmdbSimulatorCommand;
import dev.movielake.app.schedule.ScheduleCommand;
import dev.movielake.app.serve.PublishCommand;
import dev.movielake.app.serve.ServeCommand;
import dev.movielake.app.sql.SqlCommand;
import dev.movielake.app.stack.StackCommand;
import dev.movielake.app.stream.BatchCommand;
import dev.movielake.app.stream.GoldCommand;
import dev.movielake.app.stream.StreamCommand;
import dev.movielake.cli.ErrorReporter;
import dev.movielake.config.ConfigException;
import dev.movielake.config.ConfigurationVariables;
import dev.movielake.ingest.kafka.KafkaUnavailableException;
import dev.movielake.ingest.tmdb.TmdbException;
import dev.movielake.lakehouse.LakehouseException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code pipeline} command line. Configuration comes from environment variables (and an
 * optional {@code .env}); Spark starts only when a command needs the lakehouse.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    // Subcommands inherit --help, --version and --verbose.
    scope = ScopeType.INHERIT,
    versionProvider = PipelineCommand.Version.class,
    description = "Movie analytics lakehouse: Iceberg tables in bronze, silver and gold on Spark.",
    footer = {
      "",
      "Configured by environment variables (ICEBERG_*, TMDB_*, KAFKA_*, SPARK_*, MONGODB_*, API_*,"
          + " LAKEHOUSE_HOME) and .env.",
      "See README.md for each variable.",
      "Exit codes: 0 success, 1 failure, 2 invalid command line."
    },
    subcommands = {
      TablesCommand.class,
      SqlCommand.class,
      SchemaCommand.class,
      PartitionsCommand.class,
      MaintainCommand.class,
      MigrateCommand.class,
      IngestCommand.class,
      TmdbSimulatorCommand.class,
      StreamCommand.class,
      BatchCommand.class,
      GoldCommand.class,
      PublishCommand.class,
      ServeCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      StackCommand.class,
      ScheduleCommand.class,
      QualityCommand.class,
      AuditsCommand.class,
      DoctorCommand.class,
      CatalogCommand.class,
    })
public final class PipelineCommand implements ContextProvider {
  /**
   * The exceptions whose messages say what went wrong in the project's words; others are named by
   * their type.
   */
  private static final List<Class<? extends Exception>> WRITTEN_FOR_USERS =
      List.of(
          ConfigException.class,
          LakehouseException.class,
          TmdbException.class,
          KafkaUnavailableException.class,
          IllegalArgumentException.class);

  @Option(
      names = ErrorReporter.VERBOSE,
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error (also PIPELINE_DEBUG=1).")
  boolean verbose;

  private final LakehouseContext context;

  public PipelineCommand(LakehouseContext context) {
    this.context = context;
  }

  @Override
  public LakehouseContext context() {
    return context;
  }

  /**
   * The command line over a context, with the error handling of the real program (tests run it
   * in-process).
   */
  public static CommandLine commandLine(LakehouseContext context) {
    CommandLine commandLine = new CommandLine(new PipelineCommand(context));
    ErrorReporter errors =
        new ErrorReporter(
            WRITTEN_FOR_USERS, context::secrets, context::catalogInUse, debugRequested());
    commandLine.setExecutionExceptionHandler(errors);
    commandLine.setParameterExceptionHandler(errors);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  private static boolean debugRequested() {
    String value = System.getenv(ConfigurationVariables.DEBUG);
    return "1".equals(value) || "true".equalsIgnoreCase(value);
  }

  public static void main(String[] arguments) {
    int exitCode;
    try (LakehouseContext context = LakehouseContext.fromEnvironment()) {
      exitCode = commandLine(context).execute(arguments);
    }
    System.exit(exitCode);
  }

  /** The version of the packaged jar; "development" when run from classes. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = PipelineCommand.class.getPackage().getImplementationVersion();
      return new String[] {"pipeline " + (version == null ? "development" : version)};
    }
  }
}
