package dev.movielake.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentSourceTest {
  @Test
  void parsesTheSeedsEnvFile() {
    Map<String, String> values =
        EnvironmentSource.parse(
            List.of(
                "# Iceberg Configuration",
                "ICEBERG_CATALOG_TYPE=hive",
                "",
                "ICEBERG_TARGET_FILE_SIZE_BYTES=134217728  # 128MB",
                "export ICEBERG_CATALOG_NAME=movie_catalog",
                "ICEBERG_S3_SECRET_KEY=\"with # hash\"",
                "ICEBERG_S3_ACCESS_KEY='quoted'",
                "not a variable"));
    assertThat(values)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "ICEBERG_CATALOG_TYPE", "hive",
                "ICEBERG_TARGET_FILE_SIZE_BYTES", "134217728",
                "ICEBERG_CATALOG_NAME", "movie_catalog",
                "ICEBERG_S3_SECRET_KEY", "with # hash",
                "ICEBERG_S3_ACCESS_KEY", "quoted"));
  }

  @Test
  void environmentWinsOverTheFile(@TempDir Path folder) throws Exception {
    Path file = folder.resolve(".env");
    Files.writeString(file, "ICEBERG_CATALOG_TYPE=hive\nICEBERG_CATALOG_NAME=from_file\n");
    Map<String, String> merged =
        EnvironmentSource.merge(Map.of("ICEBERG_CATALOG_TYPE", "jdbc"), file);
    assertThat(merged)
        .containsEntry("ICEBERG_CATALOG_TYPE", "jdbc")
        .containsEntry("ICEBERG_CATALOG_NAME", "from_file");
    assertThat(EnvironmentSource.merge(Map.of(), folder.resolve("missing"))).isEmpty();
  }
}
