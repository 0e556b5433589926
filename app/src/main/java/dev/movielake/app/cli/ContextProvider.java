package dev.movielake.app.cli;

/**
 * The top command hands its {@link LakehouseContext} to every subcommand through picocli's command
 * tree.
 */
public interface ContextProvider {
  LakehouseContext context();
}
