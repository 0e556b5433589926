package dev.movielake.app.sql;

import dev.movielake.lakehouse.sql.SqlScript;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * The shell's reading of a line: Enter ends the input only when the statement is ended by {@code ;}
 * (outside quotes and comments), otherwise the shell asks for the next line. Words for completion
 * are split at SQL's punctuation as well as at spaces, so {@code (movie_id,ti} completes {@code
 * title}; a dot stays inside a word, so {@code silver.mo} completes a table of silver.
 */
final class StatementLineParser extends DefaultParser {
  private static final String PUNCTUATION = "(),;=<>+-*/|%";

  StatementLineParser() {
    // SQL's quotes are read by SqlScript; JLine's own quoting and escapes would read them
    // otherwise.
    setQuoteChars(new char[0]);
    setEscapeChars(new char[0]);
  }

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE
        && !line.isBlank()
        && !ShellCommand.of(line).isPresent()
        && !SqlScript.complete(line)) {
      throw new EOFError(-1, cursor, "a statement ends with ;");
    }
    return super.parse(line, cursor, context);
  }

  @Override
  public boolean isDelimiterChar(CharSequence buffer, int position) {
    char character = buffer.charAt(position);
    return Character.isWhitespace(character) || PUNCTUATION.indexOf(character) >= 0;
  }
}
