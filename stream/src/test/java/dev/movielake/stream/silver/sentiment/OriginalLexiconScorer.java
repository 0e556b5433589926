package dev.movielake.stream.silver.sentiment;

import java.util.List;
import java.util.Locale;

/**
 * A faithful port of the original Python lexicon scorer, kept as the baseline that {@link
 * SentimentScorer} must beat: 12 positive and 12 negative words matched as substrings, each at most
 * once, divided by the word count in hundreds (at least 1) and clamped; any accented letter means
 * "not English".
 */
final class OriginalLexiconScorer {
  private static final List<String> POSITIVE =
      List.of(
          "excellent",
          "amazing",
          "fantastic",
          "wonderful",
          "great",
          "love",
          "perfect",
          "brilliant",
          "outstanding",
          "superb",
          "awesome",
          "incredible");
  private static final List<String> NEGATIVE =
      List.of(
          "terrible",
          "awful",
          "horrible",
          "hate",
          "worst",
          "bad",
          "stupid",
          "boring",
          "disappointing",
          "waste",
          "poor",
          "pathetic");

  /**
   * The original's list is not part of the specification; these are matched as substrings like its
   * words.
   */
  private static final List<String> PROFANITY =
      List.of("fuck", "shit", "damn", "crap", "bitch", "bastard");

  Sentiment score(String text) {
    if (text == null || text.isBlank()) {
      return Sentiment.NONE;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    int positive = (int) POSITIVE.stream().filter(lower::contains).count();
    int negative = (int) NEGATIVE.stream().filter(lower::contains).count();
    int words = text.strip().split("\\s+").length; // Python's str.split()
    double score = (positive - negative) / Math.max(words / 100.0, 1);
    score = Math.max(-1, Math.min(1, score));
    int exclamations = count(text, '!');
    return new Sentiment(
        score,
        Sentiment.label(score),
        Math.abs(score),
        exclamations,
        count(text, '?'),
        uppercaseRatio(text),
        PROFANITY.stream().anyMatch(lower::contains),
        Sentiment.intensity(exclamations),
        !hasAccent(text),
        positive,
        negative);
  }

  private static boolean hasAccent(String text) {
    return text.chars()
        .anyMatch(
            character ->
                "àáâãäåèéêëìíîïòóôõöùúûüýÿñçÀÁÂÃÄÅÈÉÊËÌÍÎÏÒÓÔÕÖÙÚÛÜÝÑÇ".indexOf(character) >= 0);
  }

  private static double uppercaseRatio(String text) {
    long letters = text.chars().filter(Character::isLetter).count();
    long uppercase = text.chars().filter(Character::isUpperCase).count();
    return letters == 0 ? 0 : (double) uppercase / letters;
  }

  private static int count(String text, char character) {
    return (int) text.chars().filter(each -> each == character).count();
  }
}
