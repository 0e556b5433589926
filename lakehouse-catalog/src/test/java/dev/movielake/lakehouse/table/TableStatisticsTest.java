package dev.movielake.lakehouse.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.movielake.model.Layer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableStatisticsTest {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
          .build();

  private static TableStatistics statistics(Optional<Long> snapshot, Optional<Instant> committed) {
    return new TableStatistics(
        Layer.SILVER,
        "silver.movies_clean",
        "file:/warehouse/silver/movies_clean",
        2,
        new TableStatistics.CurrentSnapshot(snapshot, committed),
        new TableStatistics.Records(110, 130, true),
        new TableStatistics.Files(4, 4096, 1024, 512, 2048, 3, 2, 2, "release_date_year=2024"),
        new TableStatistics.Deletes(1, 20, 0),
        new TableStatistics.Snapshots(5, 1, 2),
        new TableStatistics.Layout(1, "years(release_date)", 12),
        new TableStatistics.Metadata(3, 8192),
        new TableHealth(
            96,
            List.of(
                new TableHealth.Deduction(
                    TableHealth.Input.SMALL_FILES,
                    2,
                    5,
                    4.4,
                    "2 small files in partition release_date_year=2024 (limit 5)"))));
  }

  @Test
  void isWrittenAsOneFlatObjectWithItsFieldsInTheirPublishedOrder() throws Exception {
    JsonNode json =
        MAPPER.readTree(
            MAPPER.writeValueAsString(
                statistics(Optional.of(42L), Optional.of(Instant.parse("2024-05-01T10:00:00Z")))));

    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "layer",
            "table",
            "location",
            "formatVersion",
            "currentSnapshotId",
            "lastCommitTime",
            "recordCount",
            "dataFileRecordCount",
            "recordCountExact",
            "fileCount",
            "totalSizeBytes",
            "avgFileSizeBytes",
            "minFileSizeBytes",
            "maxFileSizeBytes",
            "smallFileCount",
            "partitionCount",
            "maxSmallFilesPerPartition",
            "maxSmallFilesPartition",
            "deleteFileCount",
            "positionDeleteCount",
            "equalityDeleteCount",
            "snapshotCount",
            "branchCount",
            "tagCount",
            "specCount",
            "partitioning",
            "columnCount",
            "manifestCount",
            "metadataFileSizeBytes",
            "healthScore",
            "healthDeductions");
    assertThat(json.get("layer").asText()).isEqualTo("silver");
    assertThat(json.get("currentSnapshotId").asLong()).isEqualTo(42);
    assertThat(json.get("lastCommitTime").asText()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(json.get("recordCount").asLong()).isEqualTo(110);
    assertThat(json.get("recordCountExact").asBoolean()).isTrue();
    assertThat(json.get("smallFileCount").asLong()).isEqualTo(3);
    assertThat(json.get("positionDeleteCount").asLong()).isEqualTo(20);
    assertThat(json.get("tagCount").asInt()).isEqualTo(2);
    assertThat(json.get("partitioning").asText()).isEqualTo("years(release_date)");
    assertThat(json.get("maxSmallFilesPartition").asText()).isEqualTo("release_date_year=2024");
    assertThat(json.get("metadataFileSizeBytes").asLong()).isEqualTo(8192);
    assertThat(json.get("healthScore").asInt()).isEqualTo(96);
    JsonNode deduction = json.get("healthDeductions").get(0);
    assertThat(deduction.get("input").asText()).isEqualTo("small_files");
    assertThat(deduction.get("value").asDouble()).isEqualTo(2);
    assertThat(deduction.get("limit").asDouble()).isEqualTo(5);
    assertThat(deduction.get("pointsLost").asDouble()).isEqualTo(4.4);
    assertThat(deduction.get("reason").asText())
        .isEqualTo("2 small files in partition release_date_year=2024 (limit 5)");
  }

  @Test
  void aTableWithoutCommitHasNullSnapshotAndCommitTime() throws Exception {
    JsonNode json =
        MAPPER.readTree(MAPPER.writeValueAsString(statistics(Optional.empty(), Optional.empty())));

    assertThat(json.has("currentSnapshotId")).isTrue();
    assertThat(json.get("currentSnapshotId").isNull()).isTrue();
    assertThat(json.get("lastCommitTime").isNull()).isTrue();
  }
}
