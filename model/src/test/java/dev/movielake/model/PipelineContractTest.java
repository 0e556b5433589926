package dev.movielake.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineContractTest {
  @Test
  void everyRecordTypeHasABronzeTableAndTheOnesWithSilverAreServed() {
    for (RecordType type : RecordType.values()) {
      assertThat(type.bronzeTable().layer()).as("%s bronze", type).isEqualTo(Layer.BRONZE);
      assertThat(type.bronzeTable().tableName()).isEqualTo(type.recordType() + "_raw");
      type.silverTable()
          .ifPresent(
              silver -> {
                assertThat(silver.layer()).isEqualTo(Layer.SILVER);
                assertThat(silver.sources()).containsExactly(type.bronzeTable());
                assertThat(silver.key()).hasSize(1);
                assertThat(type.collection())
                    .map(ServingCollection::source)
                    .contains(type.silverTable());
              });
    }
    assertThat(RecordType.withSilverTable())
        .containsExactly(
            RecordType.MOVIES, RecordType.PEOPLE, RecordType.CREDITS, RecordType.REVIEWS);
    assertThatThrownBy(RecordType.RATINGS::requireSilverTable)
        .hasMessage("ratings records stay in bronze: there is no silver table for them");
  }

  @Test
  void tableNamesAreUniqueWithinALayerAndSourcesComeFirst() {
    Set<String> names = new HashSet<>();
    for (PipelineTable table : PipelineTable.values()) {
      assertThat(names.add(table.toString())).as("%s declared once", table).isTrue();
      assertThat(table.tableName()).matches("[a-z][a-z0-9_]*");
      for (PipelineTable source : table.sources()) {
        assertThat(source.ordinal()).as("%s before %s", source, table).isLessThan(table.ordinal());
        assertThat(source.layer().ordinal()).isLessThanOrEqualTo(table.layer().ordinal());
      }
    }
  }

  @Test
  void lineageAnswersBothWays() {
    assertThat(PipelineTable.DIRECTOR_FILMOGRAPHY.sources())
        .containsExactly(PipelineTable.MOVIES_CLEAN, PipelineTable.CREDITS_CLEAN);
    assertThat(PipelineTable.CREDITS_CLEAN.consumers())
        .containsExactly(PipelineTable.DIRECTOR_FILMOGRAPHY, PipelineTable.ACTOR_FILMOGRAPHY);
    assertThat(PipelineTable.MOVIES_RAW.consumers())
        .contains(
            PipelineTable.MOVIES_CLEAN, PipelineTable.QUARANTINE, PipelineTable.TRENDING_MOVIES);
  }

  @Test
  void tablesAreFoundByLayerAndName() {
    assertThat(PipelineTable.find(Layer.SILVER, "movies_clean"))
        .contains(PipelineTable.MOVIES_CLEAN);
    assertThat(PipelineTable.find(Layer.GOLD, "movies_clean")).isEmpty();
    assertThat(PipelineTable.find(Layer.BRONZE, "my_own_table")).isEmpty();
    assertThat(Arrays.stream(PipelineTable.values()).filter(table -> table.layer() == Layer.BRONZE))
        .hasSize(RecordType.values().length + 1);
    assertThat(PipelineTable.MOVIES_CLEAN).hasToString("silver.movies_clean");
  }

  @Test
  void aSingleColumnKeyIsTheKeyColumnAndACompositeOneIsRefused() {
    assertThat(PipelineTable.REVIEWS_WITH_SENTIMENT.keyColumn()).isEqualTo(Columns.REVIEW_ID);
    assertThatThrownBy(PipelineTable.TRENDING_MOVIES::keyColumn)
        .hasMessageContaining("keyed by [window_start, movie_id]");
  }

  @Test
  void collectionNamesAreUniqueAndPublishedFromTheirSource() {
    assertThat(
            Arrays.stream(ServingCollection.values())
                .map(ServingCollection::collectionName)
                .distinct())
        .hasSize(ServingCollection.values().length);
    assertThat(ServingCollection.GENRE_METRICS.source())
        .contains(PipelineTable.MOVIES_BY_YEAR_GENRE);
    assertThat(ServingCollection.PUBLISH_STATE.source()).isEmpty();
  }

  @Test
  void recordTypesParseByNameWithAnErrorListingThem() {
    assertThat(RecordType.parse(" Reviews ")).isEqualTo(RecordType.REVIEWS);
    assertThatThrownBy(() -> RecordType.parse("films"))
        .hasMessage(
            "unknown record type 'films'; accepted values: movies, people, credits, reviews,"
                + " ratings");
  }

  @Test
  void compactedTopicsKeepTheLatestVersionAndEventLogsExpire() {
    assertThat(RecordType.MOVIES.topicPolicy().configs())
        .containsEntry("cleanup.policy", "compact");
    assertThat(RecordType.REVIEWS.topicPolicy().configs())
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", Long.toString(30L * 24 * 3600 * 1000));
  }
}
