package dev.movielake.infra.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.infra.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metastore's process: the password never on its command line nor left on disk, the lock tables
 * in its database, a clear error when it cannot start, and no process after close. What it serves
 * is checked by the catalog contract (HiveCatalogTest in lakehouse-core).
 */
class HiveMetastoreServerTest {
  @TempDir static Path folder;
  private static PostgresServer postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = PostgresServer.start(folder.resolve("postgres"), 0);
    postgres.createDatabase("metastore");
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void servesOnLoopbackKeepsThePasswordOffTheCommandLineAndLeavesNoProcess() throws Exception {
    Path log = folder.resolve("serving/hive-metastore.log");
    long pid;
    long started = System.nanoTime();
    try (HiveMetastoreServer metastore =
        HiveMetastoreServer.start(settings(postgres.password()), log)) {
      System.out.printf(
          "Hive Metastore served after %.1f s%n", (System.nanoTime() - started) / 1e9);
      pid = metastore.pid();
      assertThat(metastore.thriftUri()).isEqualTo("thrift://127.0.0.1:" + metastore.port());
      assertThat(
              ProcessHandle.of(pid).flatMap(process -> process.info().commandLine()).orElseThrow())
          .doesNotContain(postgres.password());
      try (var files = Files.list(log.getParent())) {
        assertThat(files).containsExactly(log);
      }
      assertThat(Files.readString(log)).doesNotContain(postgres.password());
      try (Connection connection =
              DriverManager.getConnection(
                  postgres.jdbcUrl("metastore"), postgres.user(), postgres.password());
          Statement statement = connection.createStatement();
          ResultSet nextLock = statement.executeQuery("SELECT nl_next FROM next_lock_id")) {
        assertThat(nextLock.next()).isTrue();
      }
    }
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void aWrongPasswordFailsWithTheLogTail() {
    Path log = folder.resolve("failing/hive-metastore.log");
    assertThatThrownBy(() -> HiveMetastoreServer.start(settings("not-the-password"), log))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited while starting")
        .hasMessageContaining("password authentication failed")
        .hasMessageNotContaining("not-the-password");
  }

  private static HiveMetastoreServer.Settings settings(String password) {
    return new HiveMetastoreServer.Settings(
        postgres.jdbcUrl("metastore"),
        postgres.user(),
        password,
        folder.resolve("warehouse").toUri().toString(),
        0,
        Map.of());
  }
}
