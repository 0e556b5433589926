package dev.movielake.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicationsTest {
  @Test
  void everyServedRecordTypeIsPublishedFollowedByWhatIsDerivedFromIt() {
    assertThat(Publications.all())
        .extracting(Publication::collection)
        .containsExactly(
            "movies",
            "movie_metrics",
            "people",
            "credits",
            "reviews",
            "review_metrics",
            "trending_movies",
            "sentiment_trends",
            "genre_metrics",
            "data_quality",
            "audits",
            "quality_scores");
  }

  @Test
  void eachCollectionIsPublishedFromTheTableTheContractNames() {
    for (Publication publication : Publications.all()) {
      assertThat(publication.source()).isEqualTo(publication.target().source().orElseThrow());
    }
    List<PipelineTable> silverTables =
        RecordType.withSilverTable().stream().map(RecordType::requireSilverTable).toList();
    assertThat(Publications.all()).extracting(Publication::source).containsAll(silverTables);
    assertThat(Publications.all().get(0).sourceTable()).isEqualTo("silver.movies_clean");
  }
}
