package dev.movielake.stream.silver.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentimentScorerTest {
  private static final SentimentScorer SCORER = new SentimentScorer();
  private static final OriginalLexiconScorer ORIGINAL = new OriginalLexiconScorer();

  private static double score(String text) {
    return SCORER.score(text).score();
  }

  @Test
  void nullAndBlankTextIsNeutralWithoutFeatures() {
    for (String text : new String[] {null, "", "   \n\t"}) {
      Sentiment sentiment = SCORER.score(text);
      assertThat(sentiment.score()).isZero();
      assertThat(sentiment.label()).isEqualTo("neutral");
      assertThat(sentiment.confidence()).isZero();
      assertThat(sentiment.exclamationCount()).isZero();
      assertThat(sentiment.questionCount()).isZero();
      assertThat(sentiment.uppercaseRatio()).isZero();
      assertThat(sentiment.hasProfanity()).isFalse();
      assertThat(sentiment.intensity()).isEqualTo("low");
      assertThat(sentiment.positiveTerms() + sentiment.negativeTerms()).isZero();
    }
  }

  @Test
  void oneWordIsNormalisedTheVaderWayAndItsConfidenceHalved() {
    Sentiment sentiment = SCORER.score("good");
    double expected = 1.8 / Math.sqrt(1.8 * 1.8 + 15); // 0.421
    assertThat(sentiment.score()).isCloseTo(expected, within(1e-12));
    assertThat(sentiment.label()).isEqualTo("positive");
    assertThat(sentiment.confidence()).isCloseTo(expected / 2, within(1e-12));
    assertThat(sentiment.positiveTerms()).isEqualTo(1);
    assertThat(sentiment.negativeTerms()).isZero();
  }

  @Test
  void textWithoutOpinionTermsIsNeutral() {
    Sentiment sentiment = SCORER.score("The film follows a lawyer who moves to Boston in 1986.");
    assertThat(sentiment.score()).isZero();
    assertThat(sentiment.label()).isEqualTo("neutral");
    assertThat(sentiment.confidence()).isZero();
  }

  @Test
  void confidenceGrowsWithEvidence() {
    assertThat(SentimentScorer.confidence(0.8, 1)).isCloseTo(0.4, within(1e-12));
    assertThat(SentimentScorer.confidence(0.8, 2)).isCloseTo(0.6, within(1e-12));
    assertThat(SentimentScorer.confidence(-0.8, 3)).isCloseTo(0.7, within(1e-12));
    assertThat(SentimentScorer.confidence(0, 5)).isZero();
    assertThat(SCORER.score("Brilliant, gripping and beautifully shot.").confidence())
        .isGreaterThan(SCORER.score("Brilliant.").confidence());
  }

  @Test
  void negationFlipsWithinThreeWords() {
    assertThat(SCORER.score("The movie was good.").label()).isEqualTo("positive");
    assertThat(SCORER.score("The movie was not good.").label()).isEqualTo("negative");
    assertThat(SCORER.score("It wasn't bad.").label()).isEqualTo("positive");
    assertThat(SCORER.score("It wasn’t bad.").label())
        .isEqualTo("positive"); // typographic apostrophe
    assertThat(SCORER.score("Never boring.").label()).isEqualTo("positive");
    assertThat(SCORER.score("I don't think it's good.").label()).isEqualTo("negative");
    // "not good" is weaker than "bad" and counts as a negative term
    Sentiment notGood = SCORER.score("not good");
    assertThat(notGood.score()).isGreaterThan(score("bad"));
    assertThat(notGood.negativeTerms()).isEqualTo(1);
    assertThat(notGood.positiveTerms()).isZero();
  }

  @Test
  void negationStopsAtAClauseBoundaryAndTwoNegationsCancel() {
    assertThat(score("No, it is good")).isEqualTo(score("good"));
    assertThat(score("not at all, the film is good")).isEqualTo(score("good"));
    assertThat(SCORER.score("It is not without flaws.").label()).isEqualTo("negative");
    assertThat(SCORER.score("Not only funny but also moving.").label()).isEqualTo("positive");
  }

  @Test
  void intensifiersStrengthenAndDampenersWeaken() {
    assertThat(score("very good")).isGreaterThan(score("good"));
    assertThat(score("extremely good")).isGreaterThan(score("very good"));
    assertThat(score("slightly good"))
        .isLessThan(score("somewhat good"))
        .isLessThan(score("good"))
        .isPositive();
    assertThat(score("very bad")).isLessThan(score("bad"));
    assertThat(score("a bit slow")).isGreaterThan(score("slow")).isNegative();
    double good = 1.8 * 1.3;
    assertThat(score("very good")).isCloseTo(good / Math.sqrt(good * good + 15), within(1e-12));
  }

  @Test
  void theClauseAfterButCountsMore() {
    assertThat(SCORER.score("The acting is great but the story is terrible.").label())
        .isEqualTo("negative");
    assertThat(SCORER.score("The story is terrible but the acting is great.").label())
        .isEqualTo("positive");
    assertThat(SCORER.score("The story is terrible. But the acting is great.").label())
        .isEqualTo("positive");
    // 0.5 × 2.5 − 1.5 × 2.4
    double sum = 0.5 * 2.5 - 1.5 * 2.4;
    assertThat(score("great, but bad")).isCloseTo(sum / Math.sqrt(sum * sum + 15), within(1e-12));
  }

  @Test
  void wordsMatchWholeNotAsSubstrings() {
    Sentiment badge = SCORER.score("He wore a badge to the premiere.");
    assertThat(badge.label()).isEqualTo("neutral");
    assertThat(badge.negativeTerms()).isZero();
    assertThat(ORIGINAL.score("He wore a badge to the premiere.").label()).isEqualTo("negative");

    Sentiment greatly = SCORER.score("The budget was greatly reduced.");
    assertThat(greatly.label()).isEqualTo("neutral");
    assertThat(ORIGINAL.score("The budget was greatly reduced.").label()).isEqualTo("positive");

    assertThat(
            SCORER
                .score("Everyone loved the ending, and then everyone hated the sequel.")
                .positiveTerms())
        .isEqualTo(1);
  }

  @Test
  void phrasesMatchAcrossHyphens() {
    assertThat(SCORER.score("A well-made thriller.").label()).isEqualTo("positive");
    assertThat(SCORER.score("A waste of time.").negativeTerms()).isEqualTo(1);
    assertThat(score("A waste of time.")).isLessThan(score("A waste."));
  }

  @Test
  void capitalsEmphasiseOnlyWhereTheyStandOut() {
    assertThat(score("The ending was GOOD and the music was fine"))
        .isGreaterThan(score("The ending was good and the music was fine"));
    assertThat(score("The plot was BAD")).isLessThan(score("The plot was bad"));
    // shouting everything emphasises nothing
    assertThat(score("THE PLOT WAS BAD")).isEqualTo(score("the plot was bad"));
  }

  @Test
  void exclamationsEmphasiseUpToFour() {
    assertThat(score("Good movie!!")).isGreaterThan(score("Good movie"));
    assertThat(score("Bad movie!!")).isLessThan(score("Bad movie"));
    assertThat(score("Good movie!!!!!!!")).isEqualTo(score("Good movie!!!!"));
    assertThat(score("What a day!!!")).isZero(); // nothing to emphasise
  }

  @Test
  void featuresAreCountedExactly() {
    // letters W O W I s i t g o o d Y e s: 14, of which W O W I Y are upper case
    Sentiment sentiment = SCORER.score("WOW!! Is it good? Yes!");
    assertThat(sentiment.exclamationCount()).isEqualTo(3);
    assertThat(sentiment.questionCount()).isEqualTo(1);
    assertThat(sentiment.uppercaseRatio()).isCloseTo(5.0 / 14, within(1e-12));
    assertThat(sentiment.intensity()).isEqualTo("medium");
    assertThat(sentiment.hasProfanity()).isFalse();

    assertThat(SCORER.score("Why?? Why??? 123").questionCount()).isEqualTo(5);
    assertThat(SCORER.score("no letters 4U").uppercaseRatio()).isCloseTo(1.0 / 10, within(1e-12));
    assertThat(SCORER.score("!!!! ...").intensity()).isEqualTo("high");
    assertThat(SCORER.score("Fine!").intensity()).isEqualTo("low");
    assertThat(SCORER.score("12345").uppercaseRatio()).isZero();
  }

  @Test
  void profanityIsMatchedAsWholeWords() {
    assertThat(SCORER.score("What a shitty ending.").hasProfanity()).isTrue();
    assertThat(SCORER.score("Damn, that was good.").hasProfanity()).isTrue();
    assertThat(SCORER.score("The shiitake scene in Scunthorpe was a classic.").hasProfanity())
        .isFalse();
    assertThat(SCORER.score("He was dickensian and scrappy.").hasProfanity()).isFalse();
  }

  @Test
  void otherLanguagesAreNotEnglishButAccentsAlone() {
    String french =
        "Ce film est une véritable réussite, les acteurs sont excellents et la mise en scène est"
            + " magnifique.";
    String spanish = "La película es aburrida y demasiado larga, no la recomiendo a nadie.";
    String german = "Der Film ist leider viel zu lang und die Schauspieler sind nicht überzeugend.";
    assertThat(SCORER.score(french).english()).isFalse();
    assertThat(SCORER.score(spanish).english()).isFalse();
    assertThat(SCORER.score(german).english()).isFalse();

    String cafe = "The café scene in the middle of the film is a small masterpiece of tension.";
    assertThat(SCORER.score(cafe).english()).isTrue();
    assertThat(ORIGINAL.score(cafe).english()).isFalse();
    assertThat(SCORER.score("Funny, warm and surprisingly touching.").english()).isTrue();
    assertThat(SCORER.score("Génial !").english()).isTrue(); // too short to tell
  }

  @Test
  void aScorerSurvivesSerialisationAsSparkShipsIt() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream output = new ObjectOutputStream(bytes)) {
      output.writeObject(SCORER);
    }
    SentimentScorer copy;
    try (ObjectInputStream input =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (SentimentScorer) input.readObject();
    }
    String text = "Not bad at all, but the ending is VERY predictable!";
    assertThat(copy.score(text)).isEqualTo(SCORER.score(text));
  }

  @Test
  void aGivenLexiconIsUsedWithItsPhrases() {
    SentimentScorer scorer = new SentimentScorer(Map.of("meh", -1.0, "edge of my seat", 2.0));
    assertThat(scorer.score("Meh.").label()).isEqualTo("negative");
    assertThat(scorer.score("I was on the edge of my seat").positiveTerms()).isEqualTo(1);
    assertThat(scorer.score("good").score()).isZero();
  }
}
