package dev.movielake.ops.doctor;

import dev.movielake.config.FeatureFlags;
import dev.movielake.config.LakehouseConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Switched-off features. With schema evolution disabled the storage manager refuses every schema
 * change, including writes that bring new columns, which looks like a broken table unless the
 * doctor names the variable.
 */
final class FeatureFlagsCheck implements Check {
  private final Settings settings;

  FeatureFlagsCheck(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "features";
  }

  @Override
  public List<Finding> run() {
    return settings.lakehouse().checkedBy(name(), this::check);
  }

  private List<Finding> check(LakehouseConfig config) {
    FeatureFlags features = config.features();
    List<String> disabled = new ArrayList<>();
    if (!features.timeTravel()) {
      disabled.add(FeatureFlags.TIME_TRAVEL);
    }
    if (!features.partitionEvolution()) {
      disabled.add(FeatureFlags.PARTITION_EVOLUTION);
    }
    String others = disabled.isEmpty() ? "" : "; also disabled: " + String.join(", ", disabled);
    if (!features.schemaEvolution()) {
      return List.of(
          Finding.warning(
              name(),
              FeatureFlags.SCHEMA_EVOLUTION
                  + "=false: schema changes (pipeline schema,"
                  + " writes with new columns) are refused"
                  + others,
              "set " + FeatureFlags.SCHEMA_EVOLUTION + "=true to allow them"));
    }
    return List.of(
        Finding.ok(
            name(),
            disabled.isEmpty()
                ? "schema evolution, time travel and partition evolution enabled"
                : "schema evolution enabled" + others));
  }
}
