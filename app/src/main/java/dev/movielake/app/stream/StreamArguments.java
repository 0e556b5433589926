package dev.movielake.app.stream;

import dev.movielake.model.Layer;
import dev.movielake.model.RecordType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The --layers and --types arguments of the stream and batch commands. */
final class StreamArguments {
  private StreamArguments() {}

  static Set<Layer> layers(List<String> names) {
    Set<Layer> layers = EnumSet.noneOf(Layer.class);
    for (String name : names) {
      layers.add(Layer.parse(name));
    }
    return layers;
  }

  static Set<RecordType> types(List<String> names) {
    Set<RecordType> types = EnumSet.noneOf(RecordType.class);
    for (String name : names) {
      types.add(RecordType.parse(name));
    }
    return types;
  }
}
