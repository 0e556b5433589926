package dev.movielake.lakehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlEngineTest {
  private final IcebergStorageManager storage = SharedSpark.storage("sql_engine");
  private final String catalog = storage.config().catalog().name();

  @Test
  void queriesShowDescribeExplainAndUseReadEverythingElseWrites() {
    SqlEngine engine = new SqlEngine(SharedSpark.session(), catalog, true);
    List<String> reads =
        List.of(
            "SELECT 1",
            "WITH c AS (SELECT 1 AS x) SELECT * FROM c ORDER BY x LIMIT 3",
            "SELECT * FROM t VERSION AS OF 12",
            "SELECT * FROM t TIMESTAMP AS OF '2024-01-01 00:00:00'",
            "SELECT * FROM silver.movies_clean.snapshots",
            "SELECT a FROM t JOIN u ON t.id = u.id WHERE a IN (SELECT b FROM v) GROUP BY a",
            "SELECT 1 UNION SELECT 2",
            "VALUES (1, 2)",
            "SHOW TABLES IN silver",
            "SHOW DATABASES",
            "SHOW TBLPROPERTIES t",
            "SHOW CREATE TABLE t",
            "DESCRIBE TABLE EXTENDED t",
            "DESCRIBE DATABASE silver",
            "EXPLAIN SELECT 1",
            "USE silver",
            "SET",
            "SET spark.sql.shuffle.partitions");
    for (String statement : reads) {
      assertThat(engine.check(statement).read()).as(statement).isTrue();
    }

    assertThat(engine.kind("SELECT 1").query()).isTrue();
    assertThat(engine.kind("SHOW TABLES").query()).isFalse();
  }

  @Test
  void readOnlyRefusesWritesBeforeTheyRunNamingTheirKind() {
    SqlEngine engine = new SqlEngine(SharedSpark.session(), catalog, true);
    String table = storage.table(Layer.SILVER, "refused").toString();
    assertThatThrownBy(() -> engine.run("INSERT INTO " + table + " VALUES (1)", 10))
        .isInstanceOf(StatementRefused.class)
        .hasMessageStartingWith("INSERT INTO writes, and this session is read-only (--read-only)");
    List<String> writes =
        List.of(
            "WITH c AS (SELECT 1) INSERT INTO t SELECT * FROM c",
            "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE",
            "UPDATE t SET x = 1",
            "DELETE FROM t WHERE x = 1",
            "CREATE TABLE t (x INT)",
            "CREATE TABLE t AS SELECT 1",
            "REPLACE TABLE t AS SELECT 1",
            "DROP TABLE t",
            "ALTER TABLE t ADD COLUMN y INT",
            "ALTER TABLE t CREATE TAG x",
            "TRUNCATE TABLE t",
            "CALL " + catalog + ".system.rollback_to_snapshot('a.b', 1)",
            "CACHE TABLE t",
            "SET spark.sql.catalog.x = y",
            "CREATE TEMPORARY VIEW v AS SELECT 1",
            "INSERT OVERWRITE DIRECTORY '/tmp/x' SELECT 1",
            "EXECUTE IMMEDIATE 'DROP TABLE t'",
            "ADD JAR x.jar");
    for (String statement : writes) {
      assertThat(engine.kind(statement).read()).as(statement).isFalse();
    }
    assertThat(engine.kind("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE").name())
        .isEqualTo("MERGE INTO");
    assertThat(engine.kind("CALL " + catalog + ".system.expire_snapshots('a.b')").name())
        .isEqualTo("CALL");
    assertThat(storage.tableExists(Layer.SILVER, "refused")).isFalse();
  }

  @Test
  void runsAStatementCollectingUpToTheLimitAndCountingTheRest() {
    storage.writeToSilver(
        MovieRows.range(SharedSpark.session(), 1, 25, 2020, 5),
        "engine_movies",
        WriteOptions.append());
    SqlEngine engine = new SqlEngine(SharedSpark.session(), catalog, false);
    String table = storage.table(Layer.SILVER, "engine_movies").toString();

    StatementResult result = engine.run("SELECT movie_id FROM " + table + " ORDER BY movie_id", 10);

    assertThat(result.rows()).hasSize(10);
    assertThat(result.rows().get(0).getLong(0)).isEqualTo(1);
    assertThat(result.rowCount()).isEqualTo(25);
    assertThat(result.rowsNotCollected()).isEqualTo(15);
    assertThat(result.elapsed()).isPositive();

    StatementResult insert = engine.run("INSERT INTO " + table + " SELECT * FROM " + table, 10);
    assertThat(insert.hasColumns()).isFalse();
    assertThat(insert.kind().read()).isFalse();
    assertThat(engine.run("SELECT count(*) FROM " + table, 10).rows().get(0).getLong(0))
        .isEqualTo(50);
  }

  @Test
  void aMisspeltStatementIsOneLineWithSparksErrorClassAndPosition() {
    SqlEngine engine = new SqlEngine(SharedSpark.session(), catalog, false);

    assertThatThrownBy(() -> engine.run("SELCT 1", 10))
        .isInstanceOf(StatementError.class)
        .hasMessage(
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELCT'. SQLSTATE: 42601 (line 1, pos"
                + " 0)");
    assertThatThrownBy(() -> engine.run("SELECT nope FROM (SELECT 1 AS x)", 10))
        .isInstanceOf(StatementError.class)
        .hasMessageStartingWith("[UNRESOLVED_COLUMN.WITH_SUGGESTION]")
        .hasMessageEndingWith("SQLSTATE: 42703 (line 1, pos 7)")
        .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\n"));
  }
}
