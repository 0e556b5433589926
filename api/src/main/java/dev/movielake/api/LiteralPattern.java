package dev.movielake.api;

/**
 * A regular expression that matches a user's text literally. Every ASCII character other than a
 * letter, a digit or a space is escaped with a backslash, which PCRE (MongoDB) and java.util.regex
 * (mongo-java-server) both read as that character itself.
 */
final class LiteralPattern {
  private LiteralPattern() {}

  static String of(String text) {
    StringBuilder pattern = new StringBuilder(text.length() + 8);
    for (int index = 0; index < text.length(); index++) {
      char character = text.charAt(index);
      boolean plain = character > 127 || character == ' ' || Character.isLetterOrDigit(character);
      if (!plain) {
        pattern.append('\\');
      }
      pattern.append(character);
    }
    return pattern.toString();
  }
}
