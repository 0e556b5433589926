package dev.movielake.cli;

import dev.movielake.model.Layer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a layer argument with {@link Layer#parse}, so a typo is a usage error listing the accepted
 * values.
 */
public final class LayerConverter implements ITypeConverter<Layer> {
  @Override
  public Layer convert(String value) {
    try {
      return Layer.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
