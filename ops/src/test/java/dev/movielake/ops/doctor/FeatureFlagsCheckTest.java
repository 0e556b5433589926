package dev.movielake.ops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.config.FeatureFlags;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the doctor says about schema evolution is what a write does (proved on real tables by
 * lakehouse-core's StorageManagerWriteTest): on, a write with new columns adds them; off, it is
 * refused and the fix names the variable.
 */
class FeatureFlagsCheckTest {
  @TempDir Path home;

  private Finding check(Map<String, String> flags) {
    Map<String, String> variables = new HashMap<>(flags);
    variables.put("LAKEHOUSE_HOME", home.toString());
    List<Finding> findings = new FeatureFlagsCheck(Settings.of(variables)).run();
    assertThat(findings).hasSize(1);
    return findings.get(0);
  }

  @Test
  void schemaEvolutionOnSaysWritesWithNewColumnsAddThem() {
    Finding finding = check(Map.of());

    assertThat(finding.status()).isEqualTo(Status.OK);
    assertThat(finding.found()).contains("schema evolution (writes with new columns add them)");

    Finding withTimeTravelOff = check(Map.of(FeatureFlags.TIME_TRAVEL, "false"));
    assertThat(withTimeTravelOff.found())
        .isEqualTo(
            "schema evolution enabled: writes with new columns add them; also disabled: "
                + FeatureFlags.TIME_TRAVEL);
  }

  @Test
  void schemaEvolutionOffWarnsThatWritesWithNewColumnsAreRefused() {
    Finding finding = check(Map.of(FeatureFlags.SCHEMA_EVOLUTION, "false"));

    assertThat(finding.status()).isEqualTo(Status.WARNING);
    assertThat(finding.found()).contains("writes with new columns) are refused");
    assertThat(finding.fix())
        .isEqualTo("set " + FeatureFlags.SCHEMA_EVOLUTION + "=true to allow them");
  }
}
