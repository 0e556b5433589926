package dev.movielake.stream.silver.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lexicon scorer for review texts in the manner of VADER: whole words (and short phrases) from a
 * graded lexicon, turned by negation, intensifiers, "but" clauses, exclamation marks and ALL CAPS,
 * summed and squashed into [-1, 1]. Immutable, so one instance may serve many threads, and
 * serializable, so Spark can ship it to executors inside a UDF.
 */
public final class SentimentScorer implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String LEXICON = "lexicon.tsv";

  /** Words, numbers, and the punctuation that ends a clause. */
  private static final Pattern TOKEN =
      Pattern.compile("\\p{L}+(?:'\\p{L}+)*|\\p{N}+|[.!?;:,()\u2013\u2014]");

  private static final Set<String> SENTENCE_ENDS = Set.of(".", "!", "?");

  /** Words that turn the clause before them down and the clause after them up. */
  private static final Set<String> CONTRASTS = Set.of("but", "however");

  private static final double BEFORE_CONTRAST = 0.5;
  private static final double AFTER_CONTRAST = 1.5;

  /** How many words before an opinion term a negation or an intensifier may stand. */
  private static final int WINDOW = 3;

  /** VADER's factor: "not good" is less negative than "bad" is. */
  private static final double NEGATION = -0.74;

  private static final Set<String> NEGATIONS =
      Set.of(
          "not",
          "no",
          "never",
          "nor",
          "neither",
          "none",
          "nobody",
          "nothing",
          "nowhere",
          "without",
          "hardly",
          "barely",
          "scarcely",
          "cannot",
          "dont",
          "doesnt",
          "didnt",
          "isnt",
          "wasnt",
          "arent",
          "werent",
          "wont",
          "cant",
          "couldnt",
          "shouldnt",
          "wouldnt");
  private static final Map<String, Double> MODIFIERS =
      Map.ofEntries(
          Map.entry("very", 1.3),
          Map.entry("really", 1.3),
          Map.entry("so", 1.2),
          Map.entry("too", 1.2),
          Map.entry("extremely", 1.5),
          Map.entry("incredibly", 1.5),
          Map.entry("exceptionally", 1.5),
          Map.entry("absolutely", 1.4),
          Map.entry("completely", 1.3),
          Map.entry("totally", 1.3),
          Map.entry("utterly", 1.5),
          Map.entry("truly", 1.3),
          Map.entry("highly", 1.3),
          Map.entry("deeply", 1.3),
          Map.entry("genuinely", 1.2),
          Map.entry("thoroughly", 1.3),
          Map.entry("particularly", 1.2),
          Map.entry("especially", 1.2),
          Map.entry("hugely", 1.4),
          Map.entry("immensely", 1.4),
          Map.entry("insanely", 1.4),
          Map.entry("seriously", 1.2),
          Map.entry("super", 1.3),
          Map.entry("most", 1.2),
          Map.entry("greatly", 1.3),
          Map.entry("pretty", 1.1),
          Map.entry("quite", 1.1),
          Map.entry("slightly", 0.5),
          Map.entry("somewhat", 0.6),
          Map.entry("fairly", 0.8),
          Map.entry("rather", 0.9),
          Map.entry("bit", 0.7),
          Map.entry("little", 0.7),
          Map.entry("kinda", 0.7),
          Map.entry("sorta", 0.7),
          Map.entry("mildly", 0.6),
          Map.entry("marginally", 0.5),
          Map.entry("partly", 0.7),
          Map.entry("mostly", 0.9),
          Map.entry("almost", 0.8),
          Map.entry("occasionally", 0.7),
          Map.entry("sometimes", 0.8),
          Map.entry("relatively", 0.8),
          Map.entry("reasonably", 0.8));

  /** VADER's constants: what an ALL-CAPS opinion word and each exclamation mark (up to 4) add. */
  private static final double CAPS_EMPHASIS = 0.733;

  private static final double EXCLAMATION_EMPHASIS = 0.292;
  private static final int MAX_EMPHASISED_EXCLAMATIONS = 4;

  /** VADER's normalisation x / sqrt(x² + alpha): about 0.5 for one clear opinion word. */
  private static final double ALPHA = 15;

  /** Below this many words a text is too short to tell its language. */
  private static final int LANGUAGE_MIN_WORDS = 5;

  /** English prose is about 40% stopwords; a few adjectives in a row still make 15%. */
  private static final double ENGLISH_MIN_STOPWORD_SHARE = 0.15;

  private static final Set<String> ENGLISH_STOPWORDS =
      Set.of(
          "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for",
          "with", "about", "from", "into", "over", "after", "before", "than", "then", "so", "as",
          "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do",
          "does", "did", "it", "its", "it's", "this", "that", "these", "those", "there", "here",
          "i", "i'm", "i've", "i'd", "me", "my", "we", "our", "you", "your", "he", "him", "his",
          "she", "her", "they", "them", "their", "what", "which", "who", "how", "when", "where",
          "why", "not", "no", "all", "any", "some", "just", "very", "too", "also", "only", "more",
          "most", "much", "can", "could", "would", "should", "will", "don't", "didn't", "doesn't",
          "isn't", "wasn't", "can't", "won't", "one", "up", "out", "because", "while", "such",
          "other", "again", "even", "really", "like", "get", "got");

  /**
   * Frequent function words of French, Spanish, Portuguese, Italian, German and Dutch that are not
   * English words.
   */
  private static final Set<String> FOREIGN_STOPWORDS =
      Set.of(
          "le", "la", "les", "des", "du", "et", "est", "une", "un", "ce", "cette", "pour", "pas",
          "que", "qui", "dans", "sont", "avec", "mais", "très", "il", "elle", "nous", "vous", "je",
          "sur", "el", "los", "las", "es", "y", "una", "por", "para", "con", "pero", "muy", "del",
          "lo", "se", "su", "como", "más", "fue", "os", "uma", "com", "não", "mas", "muito", "em",
          "foi", "di", "che", "è", "della", "per", "non", "sono", "molto", "ma", "der", "das",
          "und", "ist", "nicht", "ein", "eine", "mit", "den", "dem", "aber", "sehr", "zu", "auch",
          "ich", "sie", "wir", "war", "het", "een", "niet", "van", "en", "zijn", "maar", "de");

  private static final Set<String> PROFANITY =
      Set.of(
          "fuck",
          "fucking",
          "fucked",
          "fucker",
          "motherfucker",
          "shit",
          "shitty",
          "bullshit",
          "crap",
          "crappy",
          "damn",
          "damned",
          "goddamn",
          "bitch",
          "bastard",
          "asshole",
          "dick",
          "piss",
          "pissed",
          "cunt",
          "wtf");

  /** Terms by their words joined with single spaces. */
  private final Map<String, Double> lexicon;

  private final int longestTerm;

  /** The scorer with the bundled lexicon. */
  public SentimentScorer() {
    this(readLexicon());
  }

  /**
   * @param lexicon weights from -4 to 4 by lower-case term; a term may be words separated by single
   *     spaces
   */
  public SentimentScorer(Map<String, Double> lexicon) {
    this.lexicon = Map.copyOf(lexicon);
    this.longestTerm =
        lexicon.keySet().stream().mapToInt(term -> term.split(" ").length).max().orElse(1);
  }

  public Sentiment score(String text) {
    if (text == null || text.isBlank()) {
      return Sentiment.NONE;
    }
    List<Token> tokens = tokenise(text);
    int exclamations = count(text, '!');
    double[] clauseWeights = clauseWeights(tokens);
    boolean capsStandOut = capsStandOut(tokens);

    double sum = 0;
    int positiveTerms = 0;
    int negativeTerms = 0;
    for (int index = 0; index < tokens.size(); index++) {
      int length = termLength(tokens, index);
      if (length == 0) {
        continue;
      }
      double valence = lexicon.get(term(tokens, index, length));
      if (capsStandOut && tokens.get(index).allCaps()) {
        valence += Math.signum(valence) * CAPS_EMPHASIS;
      }
      valence *= modifier(tokens, index) * clauseWeights[index];
      sum += valence;
      if (valence > 0) {
        positiveTerms++;
      } else if (valence < 0) {
        negativeTerms++;
      }
      index += length - 1;
    }
    if (sum != 0) {
      sum +=
          Math.signum(sum)
              * Math.min(exclamations, MAX_EMPHASISED_EXCLAMATIONS)
              * EXCLAMATION_EMPHASIS;
    }
    double score = sum / Math.sqrt(sum * sum + ALPHA);
    return new Sentiment(
        score,
        Sentiment.label(score),
        confidence(score, positiveTerms + negativeTerms),
        exclamations,
        count(text, '?'),
        uppercaseRatio(text),
        hasProfanity(tokens),
        Sentiment.intensity(exclamations),
        english(tokens),
        positiveTerms,
        negativeTerms);
  }

  /**
   * |score| discounted for thin evidence: |score| × (1 − 0.5^terms), so one opinion term keeps half
   * of it, two keep three quarters, and five or more nearly all.
   */
  static double confidence(double score, int opinionTerms) {
    return Math.abs(score) * (1 - Math.pow(0.5, opinionTerms));
  }

  private static List<Token> tokenise(String text) {
    // Typographic apostrophes would split "wasn’t" in two.
    Matcher matcher = TOKEN.matcher(text.replace('\u2019', '\''));
    List<Token> tokens = new ArrayList<>();
    while (matcher.find()) {
      String original = matcher.group();
      boolean word = Character.isLetterOrDigit(original.charAt(0));
      tokens.add(
          new Token(
              original.toLowerCase(Locale.ROOT),
              word,
              word
                  && original.length() > 1
                  && original.equals(original.toUpperCase(Locale.ROOT))
                  && !original.equals(original.toLowerCase(Locale.ROOT))));
    }
    return tokens;
  }

  /** How many tokens the longest lexicon term starting at index spans, or 0. */
  private int termLength(List<Token> tokens, int index) {
    for (int length = Math.min(longestTerm, tokens.size() - index); length > 0; length--) {
      if (allWords(tokens, index, length) && lexicon.containsKey(term(tokens, index, length))) {
        return length;
      }
    }
    return 0;
  }

  private static boolean allWords(List<Token> tokens, int from, int length) {
    for (int index = from; index < from + length; index++) {
      if (!tokens.get(index).word()) {
        return false;
      }
    }
    return true;
  }

  private static String term(List<Token> tokens, int from, int length) {
    if (length == 1) {
      return tokens.get(from).text();
    }
    StringBuilder term = new StringBuilder(tokens.get(from).text());
    for (int index = from + 1; index < from + length; index++) {
      term.append(' ').append(tokens.get(index).text());
    }
    return term.toString();
  }

  /**
   * The factor from the words just before the term in its clause: intensifiers and dampeners
   * multiply, and an odd number of negations flips ("not without flaws" stays negative).
   */
  private static double modifier(List<Token> tokens, int index) {
    double factor = 1;
    for (int before = index - 1; before >= Math.max(0, index - WINDOW); before--) {
      Token token = tokens.get(before);
      if (!token.word() || CONTRASTS.contains(token.text())) {
        break;
      }
      if (isNegation(tokens, before)) {
        factor *= NEGATION;
      } else {
        factor *= MODIFIERS.getOrDefault(token.text(), 1.0);
      }
    }
    return factor;
  }

  private static boolean isNegation(List<Token> tokens, int index) {
    String word = tokens.get(index).text();
    if (word.equals("not")
        && index + 1 < tokens.size()
        && tokens.get(index + 1).text().equals("only")) {
      return false; // "not only good but also ..." praises twice
    }
    return NEGATIONS.contains(word) || word.endsWith("n't");
  }

  /**
   * Weights by token for "but" and "however": what comes before them in the sentence (or in the
   * previous sentence, when the sentence starts with them) counts less, what follows counts more.
   */
  private static double[] clauseWeights(List<Token> tokens) {
    int size = tokens.size();
    double[] weights = new double[size];
    Arrays.fill(weights, 1);
    int[] sentenceStart = new int[size];
    int[] sentenceEnd = new int[size];
    int start = 0;
    for (int index = 0; index < size; index++) {
      if (SENTENCE_ENDS.contains(tokens.get(index).text()) || index == size - 1) {
        for (int member = start; member <= index; member++) {
          sentenceStart[member] = start;
          sentenceEnd[member] = index;
        }
        start = index + 1;
      }
    }
    for (int index = 0; index < size; index++) {
      if (!CONTRASTS.contains(tokens.get(index).text())) {
        continue;
      }
      int from = sentenceStart[index];
      if (from == index && from > 0) {
        from = sentenceStart[from - 1];
      }
      for (int before = from; before < index; before++) {
        weights[before] *= BEFORE_CONTRAST;
      }
      for (int after = index + 1; after <= sentenceEnd[index]; after++) {
        weights[after] *= AFTER_CONTRAST;
      }
    }
    return weights;
  }

  /** ALL CAPS emphasises a word only where other words are not shouted too. */
  private static boolean capsStandOut(List<Token> tokens) {
    boolean anyCaps = false;
    boolean anyLower = false;
    for (Token token : tokens) {
      if (token.allCaps()) {
        anyCaps = true;
      } else if (token.word() && !token.text().equals(token.text().toUpperCase(Locale.ROOT))) {
        anyLower = true;
      }
    }
    return anyCaps && anyLower;
  }

  /**
   * Short texts count as English; longer ones when common English function words make up a fair
   * share of their words and outnumber those of the frequent European languages.
   */
  private static boolean english(List<Token> tokens) {
    int words = 0;
    int english = 0;
    int foreign = 0;
    for (Token token : tokens) {
      if (!token.word() || Character.isDigit(token.text().charAt(0))) {
        continue;
      }
      words++;
      if (ENGLISH_STOPWORDS.contains(token.text())) {
        english++;
      } else if (FOREIGN_STOPWORDS.contains(token.text())) {
        foreign++;
      }
    }
    return words < LANGUAGE_MIN_WORDS
        || (english >= ENGLISH_MIN_STOPWORD_SHARE * words && english >= foreign);
  }

  private static boolean hasProfanity(List<Token> tokens) {
    for (Token token : tokens) {
      if (PROFANITY.contains(token.text())) {
        return true;
      }
    }
    return false;
  }

  private static double uppercaseRatio(String text) {
    int letters = 0;
    int uppercase = 0;
    for (int index = 0; index < text.length(); index++) {
      char character = text.charAt(index);
      if (Character.isLetter(character)) {
        letters++;
        if (Character.isUpperCase(character)) {
          uppercase++;
        }
      }
    }
    return letters == 0 ? 0 : (double) uppercase / letters;
  }

  private static int count(String text, char character) {
    return (int) text.chars().filter(each -> each == character).count();
  }

  private static Map<String, Double> readLexicon() {
    Map<String, Double> lexicon = new HashMap<>();
    try (InputStream stream = SentimentScorer.class.getResourceAsStream(LEXICON)) {
      if (stream == null) {
        throw new IllegalStateException(
            "missing resource " + LEXICON + " beside " + SentimentScorer.class.getName());
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        lexicon.put(
            fields[0].strip().toLowerCase(Locale.ROOT), Double.parseDouble(fields[1].strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lexicon;
  }

  /**
   * @param word a word or number rather than punctuation
   */
  private record Token(String text, boolean word, boolean allCaps) {}
}
