package dev.movielake.stream.silver.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.lakehouse.testing.SharedSpark;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The UDF on a real Spark session gives what the scorer gives. */
class SentimentColumnsTest {
  private static final List<String> SENTIMENT_COLUMNS =
      List.of(
          "sentiment_score",
          "sentiment_label",
          "sentiment_confidence",
          "exclamation_count",
          "question_count",
          "uppercase_ratio",
          "has_profanity",
          "intensity",
          "is_english");

  @Test
  void addsTheNineColumnsWithTheScorersValues() {
    SparkSession spark = SharedSpark.session();
    List<String> contents =
        Arrays.asList(
            "Not bad at all! A GRIPPING thriller, but the ending is a bit predictable?",
            null,
            "Ce film est une véritable réussite, les acteurs sont excellents et la mise en scène"
                + " est magnifique.");
    List<Row> rows =
        List.of(
            RowFactory.create(1, contents.get(0)),
            RowFactory.create(2, contents.get(1)),
            RowFactory.create(3, contents.get(2)));
    // Repartitioned so that the UDF runs in tasks, shipped to them, rather than folded into the
    // local rows.
    Dataset<Row> reviews =
        spark.createDataFrame(rows, StructType.fromDDL("id INT, content STRING")).repartition(2);

    Dataset<Row> scored = SentimentColumns.withSentiment(reviews, "content");

    assertThat(scored.columns())
        .containsExactlyElementsOf(
            Stream.concat(Stream.of("id", "content"), SENTIMENT_COLUMNS.stream()).toList());
    assertThat(scored.schema().apply("sentiment_score").dataType().typeName()).isEqualTo("double");
    assertThat(scored.schema().apply("exclamation_count").dataType().typeName())
        .isEqualTo("integer");
    assertThat(scored.schema().apply("is_english").dataType().typeName()).isEqualTo("boolean");
    // the struct is flattened without calling the UDF once per field
    assertThat(scored.queryExecution().optimizedPlan().toString().split("UDF\\(", -1)).hasSize(2);
    SentimentScorer scorer = new SentimentScorer();
    List<Row> result = scored.orderBy("id").collectAsList();
    assertThat(result).hasSize(3);
    for (int index = 0; index < result.size(); index++) {
      Row row = result.get(index);
      Sentiment expected = scorer.score(contents.get(index));
      assertThat(row.<Double>getAs("sentiment_score")).isEqualTo(expected.score());
      assertThat(row.<String>getAs("sentiment_label")).isEqualTo(expected.label());
      assertThat(row.<Double>getAs("sentiment_confidence")).isEqualTo(expected.confidence());
      assertThat(row.<Integer>getAs("exclamation_count")).isEqualTo(expected.exclamationCount());
      assertThat(row.<Integer>getAs("question_count")).isEqualTo(expected.questionCount());
      assertThat(row.<Double>getAs("uppercase_ratio")).isEqualTo(expected.uppercaseRatio());
      assertThat(row.<Boolean>getAs("has_profanity")).isEqualTo(expected.hasProfanity());
      assertThat(row.<String>getAs("intensity")).isEqualTo(expected.intensity());
      assertThat(row.<Boolean>getAs("is_english")).isEqualTo(expected.english());
    }
    // the rows differ, so equal values above are not a coincidence
    assertThat(result.get(0).<String>getAs("sentiment_label")).isEqualTo("positive");
    assertThat(result.get(1).<String>getAs("sentiment_label")).isEqualTo("neutral");
    assertThat(result.get(2).<Boolean>getAs("is_english")).isFalse();
  }
}
