package dev.movielake.ops.doctor;

import dev.movielake.config.FeatureFlags;
import dev.movielake.config.LakehouseConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Switched-off features. With schema evolution enabled (the default) a write whose rows bring
 * columns the table lacks adds them to the table's schema first, in every write mode; disabled, the
 * storage manager refuses every schema change, such writes included, which looks like a broken
 * table unless the doctor names the variable.
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
                ? "schema evolution (writes with new columns add them), time travel and"
                    + " partition evolution enabled"
                : "schema evolution enabled: writes with new columns add them" + others));
  }
}
