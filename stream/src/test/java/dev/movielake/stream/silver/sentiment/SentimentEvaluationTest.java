package dev.movielake.stream.silver.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Both scorers on review texts labelled by meaning
 * (src/test/resources/reviews/labelled-reviews.tsv): the new one must be at least as accurate as
 * the original and right on three reviews in four.
 */
class SentimentEvaluationTest {
  private record LabelledReview(String label, String text) {}

  @Test
  void beatsTheOriginalOnLabelledReviews() throws IOException {
    List<LabelledReview> reviews = reviews();
    assertThat(reviews).hasSizeGreaterThanOrEqualTo(60);
    SentimentScorer scorer = new SentimentScorer();
    OriginalLexiconScorer original = new OriginalLexiconScorer();

    double ours = accuracy(reviews, text -> scorer.score(text).label(), "SentimentScorer");
    double theirs =
        accuracy(reviews, text -> original.score(text).label(), "OriginalLexiconScorer");
    System.out.printf(
        "Accuracy on %d labelled reviews: SentimentScorer %.3f, original lexicon scorer %.3f%n",
        reviews.size(), ours, theirs);

    assertThat(ours).isGreaterThanOrEqualTo(theirs).isGreaterThanOrEqualTo(0.75);
    assertThat(reviews)
        .allMatch(review -> scorer.score(review.text()).english(), "all detected as English");
  }

  private static double accuracy(
      List<LabelledReview> reviews, Function<String, String> labeller, String name) {
    int right = 0;
    for (LabelledReview review : reviews) {
      String label = labeller.apply(review.text());
      if (label.equals(review.label())) {
        right++;
      } else {
        System.out.printf(
            "  %s says %s, labelled %s: %s%n", name, label, review.label(), review.text());
      }
    }
    return (double) right / reviews.size();
  }

  private static List<LabelledReview> reviews() throws IOException {
    try (InputStream stream =
        SentimentEvaluationTest.class.getResourceAsStream("/reviews/labelled-reviews.tsv")) {
      List<LabelledReview> reviews = new ArrayList<>();
      for (String line : new String(stream.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", 2);
        reviews.add(new LabelledReview(fields[0], fields[1].strip()));
      }
      return reviews;
    }
  }
}
