package dev.movielake.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the catalog tests take for granted: password authentication on 127.0.0.1 only, data kept
 * across restarts, and no process left after close.
 */
class PostgresServerTest {
  @TempDir Path folder;

  @Test
  void keepsItsDataAcrossARestartAndLeavesNoProcessBehind() throws Exception {
    Path data = folder.resolve("postgres");
    long postmaster;
    try (PostgresServer postgres = PostgresServer.start(data, 0)) {
      assertThat(postgres.jdbcUrl("movies"))
          .matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/movies");
      postgres.createDatabase("movies");
      postgres.createDatabase("movies");
      assertThatThrownBy(() -> postgres.createDatabase("movies; DROP DATABASE postgres"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a valid database name");
      try (Connection connection = connect(postgres, "movies");
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE titles (id int PRIMARY KEY, title text)");
        statement.execute("INSERT INTO titles VALUES (1, 'Heat')");
        ResultSet address = statement.executeQuery("SELECT current_setting('listen_addresses')");
        address.next();
        assertThat(address.getString(1)).isEqualTo("127.0.0.1");
      }
      assertThatThrownBy(
              () ->
                  DriverManager.getConnection(postgres.jdbcUrl("movies"), postgres.user(), "wrong"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
      postmaster =
          Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
      assertThat(ProcessHandle.of(postmaster)).isPresent();
      assertThat(postgres.pid()).isEqualTo(postmaster);
    }
    assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(postgresProcessesOn(data)).isEmpty();

    try (PostgresServer postgres = PostgresServer.start(data, 0);
        Connection connection = connect(postgres, "movies");
        Statement statement = connection.createStatement();
        ResultSet titles = statement.executeQuery("SELECT title FROM titles WHERE id = 1")) {
      assertThat(titles.next()).isTrue();
      assertThat(titles.getString(1)).isEqualTo("Heat");
    }
    assertThat(postgresProcessesOn(data)).isEmpty();
  }

  private static Connection connect(PostgresServer postgres, String database) throws SQLException {
    return DriverManager.getConnection(
        postgres.jdbcUrl(database), postgres.user(), postgres.password());
  }

  /** Every process on this machine whose command line names the data folder. */
  private static List<ProcessHandle> postgresProcessesOn(Path data) {
    return ProcessHandle.allProcesses()
        .filter(
            process ->
                process
                    .info()
                    .commandLine()
                    .map(line -> line.contains(data.toString()))
                    .orElse(false))
        .filter(
            process ->
                process
                    .info()
                    .command()
                    .map(command -> command.endsWith("/postgres"))
                    .orElse(false))
        .toList();
  }
}
