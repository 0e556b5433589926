package dev.movielake.stream.silver.sentiment;

import java.io.Serializable;

/**
 * The sentiment of one review text and the surface features computed alongside it.
 *
 * @param score from -1 (very negative) to 1 (very positive)
 * @param label "positive" above 0.1, "negative" below -0.1, else "neutral"
 * @param confidence from 0 to 1, growing with |score| and with the number of opinion terms
 * @param uppercaseRatio uppercase letters / letters, 0 without letters
 * @param intensity "high" above 3 exclamation marks, "medium" above 1, else "low"
 * @param positiveTerms opinion terms that counted positively (after negation)
 * @param negativeTerms opinion terms that counted negatively (after negation)
 */
public record Sentiment(
    double score,
    String label,
    double confidence,
    int exclamationCount,
    int questionCount,
    double uppercaseRatio,
    boolean hasProfanity,
    String intensity,
    boolean english,
    int positiveTerms,
    int negativeTerms)
    implements Serializable {
  public static final String POSITIVE = "positive";
  public static final String NEGATIVE = "negative";
  public static final String NEUTRAL = "neutral";

  /** What a null or blank text gets. */
  public static final Sentiment NONE =
      new Sentiment(0, NEUTRAL, 0, 0, 0, 0, false, "low", true, 0, 0);

  public static String label(double score) {
    if (score > 0.1) {
      return POSITIVE;
    }
    return score < -0.1 ? NEGATIVE : NEUTRAL;
  }

  public static String intensity(int exclamationCount) {
    if (exclamationCount > 3) {
      return "high";
    }
    return exclamationCount > 1 ? "medium" : "low";
  }
}
