package dev.movielake.model.expectation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import java.time.Duration;
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
                assertThat(expectation.check()).isEqualTo(new Check.UniqueKey(silver.key()));
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
    assertThat(movies.get(3).check())
        .isEqualTo(new Check.UniqueKey(RecordType.MOVIES.bronzeTable().key()));
    assertThat(movies).allSatisfy(e -> assertThat(e.action()).isEqualTo(ExpectationAction.WARN));
  }

  @Test
  void datesAreCheckedAgainstTheDayGiven() {
    assertThat(TableExpectations.of(PipelineTable.MOVIES_CLEAN, TODAY))
        .filteredOn(expectation -> expectation.name().equals("release_year_plausible"))
        .singleElement()
        .satisfies(
            expectation ->
                assertThat(((Check.RowCondition) expectation.check()).sql())
                    .contains("BETWEEN " + TableExpectations.FIRST_FILM_YEAR + " AND 2036"));
  }

  @Test
  void everySilverBatchIsJudgedOnItsSizeFreshnessNullsAndRepeatedKeys() {
    for (RecordType type : RecordType.withSilverTable()) {
      PipelineTable silver = type.requireSilverTable();
      List<Expectation> batch =
          TableExpectations.of(silver, TODAY).stream().filter(Expectation::judgesBatch).toList();

      assertThat(batch)
          .as("%s", silver)
          .extracting(Expectation::check)
          .contains(
              new BatchCheck.DuplicateKeys(silver.key(), 0.5),
              new BatchCheck.RowCount(0.05, 20.0, 5),
              new BatchCheck.Freshness("observed_at", Duration.ofHours(24)))
          .anySatisfy(check -> assertThat(check).isInstanceOf(BatchCheck.NullShare.class));
      // What honest runs produce (a backlog, an old replay, a credit before its movie) only warns.
      assertThat(batch)
          .filteredOn(
              expectation ->
                  expectation.check() instanceof BatchCheck.RowCount
                      || expectation.check() instanceof BatchCheck.Freshness
                      || expectation.check() instanceof BatchCheck.References)
          .isNotEmpty()
          .allSatisfy(
              expectation -> assertThat(expectation.action()).isEqualTo(ExpectationAction.WARN));
    }
  }

  @Test
  void moviesAreHeldWhenRatingsVotesOrPopularityAreMissingOrRatingsAbsurd() {
    List<Expectation> movies = TableExpectations.of(PipelineTable.MOVIES_CLEAN, TODAY);

    assertThat(movies)
        .filteredOn(expectation -> expectation.action() == ExpectationAction.FAIL)
        .extracting(Expectation::name, Expectation::check)
        .containsExactly(
            tuple("vote_average_null_share", new BatchCheck.NullShare("vote_average", 0.5)),
            tuple("vote_count_null_share", new BatchCheck.NullShare("vote_count", 0.5)),
            tuple("popularity_null_share", new BatchCheck.NullShare("popularity", 0.5)),
            tuple(
                "vote_average_out_of_range_share",
                new BatchCheck.ValueBand("avg(vote_average_out_of_range_flag)", 0, 0.1)),
            tuple(
                "average_rating_plausible",
                new BatchCheck.ValueBand(
                    "CASE WHEN count_if(vote_count > 0) >= 20"
                        + " THEN avg(CASE WHEN vote_count > 0 THEN vote_average END) END",
                    1.0,
                    10.0)),
            tuple(
                "movie_id_duplicate_share",
                new BatchCheck.DuplicateKeys(List.of("movie_id"), 0.5)));
  }

  @Test
  void creditsAndReviewsWarnAboutMoviesSilverDoesNotHave() {
    for (PipelineTable table :
        List.of(PipelineTable.CREDITS_CLEAN, PipelineTable.REVIEWS_WITH_SENTIMENT)) {
      assertThat(TableExpectations.of(table, TODAY))
          .filteredOn(expectation -> expectation.name().equals("movie_exists"))
          .singleElement()
          .satisfies(
              expectation -> {
                assertThat(expectation.action()).isEqualTo(ExpectationAction.WARN);
                assertThat(expectation.check())
                    .isEqualTo(
                        new BatchCheck.References(PipelineTable.MOVIES_CLEAN, "movie_id", 0.5));
              });
    }
  }

  @Test
  void theSettingsSetTheThresholds() {
    ExpectationSettings strict =
        new ExpectationSettings(50, 0.1, 0.2, 0.0, 4.5, 0.5, 2.0, 10, 0.05, Duration.ofHours(2));

    assertThat(TableExpectations.of(PipelineTable.CREDITS_CLEAN, TODAY, strict))
        .filteredOn(Expectation::judgesBatch)
        .extracting(Expectation::check)
        .containsExactly(
            new BatchCheck.NullShare("person_name", 0.1),
            new BatchCheck.References(PipelineTable.MOVIES_CLEAN, "movie_id", 0.05),
            new BatchCheck.DuplicateKeys(List.of("credit_key"), 0.2),
            new BatchCheck.RowCount(0.5, 2.0, 10),
            new BatchCheck.Freshness("observed_at", Duration.ofHours(2)));
    assertThat(TableExpectations.of(PipelineTable.MOVIES_CLEAN, TODAY, strict))
        .filteredOn(expectation -> expectation.name().equals("average_rating_plausible"))
        .extracting(Expectation::check)
        .singleElement()
        .satisfies(
            check -> {
              BatchCheck.ValueBand band = (BatchCheck.ValueBand) check;
              assertThat(band.aggregateSql()).contains(">= 50");
              assertThat(band.min()).isEqualTo(4.5);
            });
  }

  @Test
  void bronzeAndGoldHaveNoBatchExpectations() {
    for (PipelineTable table : PipelineTable.values()) {
      if (table.layer() != Layer.SILVER) {
        assertThat(TableExpectations.of(table, TODAY)).noneMatch(Expectation::judgesBatch);
      }
    }
  }

  @Test
  void anExpectationChecksRowsOrABatchAndOnlyRowsCanBeDropped() {
    assertThatThrownBy(
            () ->
                new Expectation(
                    "bad",
                    QualityDimension.UNIQUENESS,
                    ExpectationAction.WARN,
                    new Check.RowCondition("id > 0")))
        .hasMessageContaining("only they, have a key");
    assertThatThrownBy(
            () ->
                new Expectation(
                    "bad",
                    QualityDimension.UNIQUENESS,
                    ExpectationAction.FAIL,
                    new Check.UniqueKey(List.of("id"))))
        .hasMessageContaining("can only warn");
    assertThatThrownBy(
            () -> Expectation.nullShare("few_nulls", ExpectationAction.DROP, "title", 0.5))
        .hasMessageContaining("can warn or fail, not drop");
    assertThatThrownBy(() -> Expectation.warn("Bad Name", QualityDimension.RANGE, "id > 0"))
        .hasMessageContaining("lower-case");
    assertThatThrownBy(() -> Expectation.nullShare("nulls", ExpectationAction.FAIL, "Title", 0.5))
        .hasMessageContaining("column 'Title'");
    assertThatThrownBy(() -> Expectation.nullShare("nulls", ExpectationAction.FAIL, "title", 1.5))
        .hasMessageContaining("0 to 1");
    assertThatThrownBy(() -> Expectation.rowCount("size", ExpectationAction.WARN, 2, 20, 5))
        .hasMessageContaining("minRatio");
    assertThatThrownBy(
            () ->
                Expectation.references(
                    "parent", ExpectationAction.WARN, PipelineTable.MOVIES_RAW, "movie_id", 0.5))
        .hasMessageContaining("silver table");
    assertThatThrownBy(() -> Expectation.valueBand("band", ExpectationAction.FAIL, "avg(x)", 10, 0))
        .hasMessageContaining("min <= max");
    assertThatThrownBy(
            () ->
                new ExpectationSettings(0, 0.5, 0.5, 0.1, 1, 0.05, 20, 5, 0.5, Duration.ofHours(1)))
        .hasMessageContaining("minimumRows");
  }
}
