package dev.movielake.lakehouse.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL text as statements: split on {@code ;} outside quotes ({@code '...'}, {@code "..."}),
 * backticks, line comments ({@code --}) and block comments ({@code /* ... *}{@code /}, nested as
 * Spark allows). The shell asks the same reading whether a line ends a statement, so a {@code ;}
 * inside a string never ends one early.
 */
public final class SqlScript {
  private SqlScript() {}

  /** The statements of a script, stripped, without empty or comment-only ones. */
  public static List<String> statements(String script) {
    Scan scan = new Scan(script);
    scan.run();
    List<String> statements = new ArrayList<>(scan.statements);
    if (scan.significant) {
      statements.add(script.substring(scan.start).strip());
    }
    return statements;
  }

  /**
   * Whether the text holds at least one statement and its last one is ended by {@code ;}: nothing
   * but whitespace and comments after that {@code ;}, and no quote or comment left open.
   */
  public static boolean complete(String text) {
    Scan scan = new Scan(text);
    scan.run();
    return !scan.statements.isEmpty() && !scan.significant && !scan.open();
  }

  /** One pass over the text, remembering where each statement starts and what is open. */
  private static final class Scan {
    private final String text;
    private final List<String> statements = new ArrayList<>();
    private int start;
    // Whether the statement begun at start has more than whitespace and comments so far.
    private boolean significant;
    private char quote; // the open quote or backtick; 0 when none
    private int blockComments; // depth of open block comments
    private boolean lineComment;

    Scan(String text) {
      this.text = text;
    }

    boolean open() {
      return quote != 0 || blockComments > 0;
    }

    void run() {
      int length = text.length();
      for (int index = 0; index < length; index++) {
        char current = text.charAt(index);
        char next = index + 1 < length ? text.charAt(index + 1) : 0;
        if (lineComment) {
          lineComment = current != '\n';
        } else if (blockComments > 0) {
          if (current == '*' && next == '/') {
            blockComments--;
            index++;
          } else if (current == '/' && next == '*') {
            blockComments++;
            index++;
          }
        } else if (quote != 0) {
          if (current == '\\' && quote != '`') {
            index++; // Spark's string literals escape with a backslash
          } else if (current == quote) {
            quote = 0;
          }
        } else if (current == '-' && next == '-') {
          lineComment = true;
          index++;
        } else if (current == '/' && next == '*') {
          blockComments = 1;
          index++;
        } else if (current == ';') {
          if (significant) {
            statements.add(text.substring(start, index).strip());
          }
          start = index + 1;
          significant = false;
        } else {
          if (current == '\'' || current == '"' || current == '`') {
            quote = current;
          }
          significant |= !Character.isWhitespace(current);
        }
      }
    }
  }
}
