package dev.movielake.lakehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void splitsOnSemicolonsOutsideQuotesBackticksAndComments() {
    String script =
        "SELECT 'a;b', \"c;d\", `e;f` FROM t; -- a comment; still a comment\n"
            + "SELECT 1 /* block; /* nested; */ still; */ + 2;\n"
            + "  ;  \n"
            + "SELECT 'it\\'s; here'";

    assertThat(SqlScript.statements(script))
        .containsExactly(
            "SELECT 'a;b', \"c;d\", `e;f` FROM t",
            "-- a comment; still a comment\nSELECT 1 /* block; /* nested; */ still; */ + 2",
            "SELECT 'it\\'s; here'");
  }

  @Test
  void commentsAndBlanksAloneAreNoStatement() {
    assertThat(SqlScript.statements(" -- nothing; here\n /* nor; here */ ;;")).isEmpty();
    assertThat(SqlScript.statements("")).isEmpty();
  }

  @Test
  void aStatementIsCompleteOnlyWhenItsSemicolonIsOutsideQuotesAndComments() {
    assertThat(SqlScript.complete("SELECT 1;")).isTrue();
    assertThat(SqlScript.complete("SELECT 1; -- done\n")).isTrue();
    assertThat(SqlScript.complete("SELECT 1\nFROM t\n;")).isTrue();
    assertThat(SqlScript.complete("SELECT 1")).isFalse();
    assertThat(SqlScript.complete("SELECT ';")).isFalse();
    assertThat(SqlScript.complete("SELECT 1 -- ;")).isFalse();
    assertThat(SqlScript.complete("SELECT 1 /* ; */")).isFalse();
    assertThat(SqlScript.complete("SELECT 1; SELECT 2")).isFalse();
    assertThat(SqlScript.complete(";")).isFalse();
  }
}
