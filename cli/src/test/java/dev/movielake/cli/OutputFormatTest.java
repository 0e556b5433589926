package dev.movielake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.movielake.model.Layer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
  @Test
  void sizesReadForPeople() {
    assertThat(ByteSize.format(0)).isEqualTo("0 B");
    assertThat(ByteSize.format(1023)).isEqualTo("1023 B");
    assertThat(ByteSize.format(1536)).isEqualTo("1.5 KB");
    assertThat(ByteSize.format(13_002_342)).isEqualTo("12.4 MB");
    assertThat(ByteSize.format(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GB");
  }

  @Test
  void tableAlignsTextLeftAndNumbersRight() {
    String text =
        new TextTable("NAME", "RECORDS", "SIZE", "LAST COMMIT")
            .row(
                "movies",
                1234L,
                new ByteSize(13_002_342),
                Optional.of(Instant.parse("2025-01-31T12:00:00.123Z")))
            .row("ratings_by_year", 5L, new ByteSize(10), Optional.empty())
            .render();

    assertThat(text.lines())
        .containsExactly(
            "NAME             RECORDS     SIZE  LAST COMMIT",
            "movies              1234  12.4 MB  2025-01-31T12:00:00Z",
            "ratings_by_year        5     10 B  -");
  }

  @Test
  void jsonWritesOptionalsInstantsDurationsAndLayersReadably() throws Exception {
    record Sample(
        Layer layer, Optional<Long> snapshot, Optional<Long> none, Instant at, Duration took) {}
    String text =
        Json.text(
            new Sample(
                Layer.SILVER,
                Optional.of(7L),
                Optional.empty(),
                Instant.parse("2025-01-31T12:00:00Z"),
                Duration.ofMillis(1500)));

    JsonNode json = Json.mapper().readTree(text);
    assertThat(json.get("layer").asText()).isEqualTo("silver");
    assertThat(json.get("snapshot").asLong()).isEqualTo(7);
    assertThat(json.get("none").isNull()).isTrue();
    assertThat(json.get("at").asText()).isEqualTo("2025-01-31T12:00:00Z");
    assertThat(json.get("took").asText()).isEqualTo("PT1.5S");
    assertThat(text).contains("\n"); // pretty printed
  }

  @Test
  void secretsAreMaskedByValueAndInUris() {
    SecretMasker masker =
        SecretMasker.of(
            Map.of("ICEBERG_S3_SECRET_KEY", "s3cr3tValue", "ICEBERG_S3_REGION", "eu-west-1"));

    assertThat(masker.mask("denied for s3cr3tValue in eu-west-1"))
        .isEqualTo("denied for **** in eu-west-1");
    assertThat(masker.mask("jdbc:postgresql://db/lake?user=bob&password=pw1"))
        .isEqualTo("jdbc:postgresql://db/lake?user=bob&password=****");
    assertThat(masker.mask("http://bob:pw1@host/x")).isEqualTo("http://bob:****@host/x");
    assertThat(masker.maskProperty("s3.secret-access-key", "abc")).isEqualTo("****");
  }
}
