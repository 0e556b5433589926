package dev.movielake.cli;

import dev.movielake.model.Layer;
import picocli.CommandLine.Parameters;

/**
 * The {@code LAYER TABLE} pair that names a table; commands add their own arguments from index 2.
 */
public final class TableArgument {
  @Parameters(
      index = "0",
      paramLabel = "LAYER",
      converter = LayerConverter.class,
      description = "The table's layer: bronze, silver or gold.")
  Layer layer;

  @Parameters(
      index = "1",
      paramLabel = "TABLE",
      description = "The table's name within the layer, e.g. movies.")
  String table;

  public Layer layer() {
    return layer;
  }

  public String table() {
    return table;
  }

  @Override
  public String toString() {
    return layer + " " + table;
  }
}
