package dev.movielake.model.expectation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableExpectationsTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

  @Test
  void everySilverTableDropsRowsItCannotUseAndMeasuresTheUniquenessOfItsKey() {
    for (RecordType type : RecordType.withSilverTable()) {
      PipelineTable silver = type.requireSilverTable();
      List<Expectation> expectations = TableExpectations.of(silver, TODAY);

      assertThat(expectations)
          .as("%s", silver)
          .anySatisfy(
              expectation -> assertThat(expectation.action()).isEqualTo(ExpectationAction.DROP))
          .anySatisfy(
              expectation -> {
                assertThat(expectation.dimension()).isEqualTo(QualityDimension.UNIQUENESS);
                assertThat(expectation.uniqueKey()).isEqualTo(silver.key());
              });
    }
  }

  @Test
  void namesAreUniquePerTableAndGoldOnlyWarns() {
    for (PipelineTable table : PipelineTable.values()) {
      Set<String> names = new HashSet<>();
      for (Expectation expectation : TableExpectations.of(table, TODAY)) {
        assertThat(names.add(expectation.name()))
            .as("%s: %s declared once", table, expectation.name())
            .isTrue();
        if (table.layer() == Layer.GOLD) {
          assertThat(expectation.action()).isEqualTo(ExpectationAction.WARN);
        }
      }
    }
    assertThat(TableExpectations.of(PipelineTable.MOVIES_BY_YEAR_GENRE, TODAY)).isNotEmpty();
  }

  @Test
  void bronzeExpectsItsEnvelopeAndEachKafkaOffsetOnce() {
    List<Expectation> movies = TableExpectations.of(RecordType.MOVIES.bronzeTable(), TODAY);

    assertThat(movies)
        .extracting(Expectation::name)
        .containsExactly(
            "payload_present", "key_present", "payload_is_json", "kafka_offset_unique");
    assertThat(movies.get(3).uniqueKey()).isEqualTo(RecordType.MOVIES.bronzeTable().key());
    assertThat(movies).allSatisfy(e -> assertThat(e.action()).isEqualTo(ExpectationAction.WARN));
  }

  @Test
  void datesAreCheckedAgainstTheDayGiven() {
    assertThat(TableExpectations.of(PipelineTable.MOVIES_CLEAN, TODAY))
        .filteredOn(expectation -> expectation.name().equals("release_year_plausible"))
        .singleElement()
        .satisfies(
            expectation ->
                assertThat(expectation.condition().orElseThrow())
                    .contains("BETWEEN " + TableExpectations.FIRST_FILM_YEAR + " AND 2036"));
  }
}
