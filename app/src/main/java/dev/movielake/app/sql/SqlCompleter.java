package dev.movielake.app.sql;

import dev.movielake.lakehouse.sql.CatalogNames;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes SQL keywords, the catalog's layers (namespaces), tables (as {@code layer.table}, with
 * and without the catalog's name) and columns, from names read once and refreshed after statements
 * that change the catalog.
 */
final class SqlCompleter implements Completer {
  static final List<String> KEYWORDS =
      List.of(
          "SELECT",
          "FROM",
          "WHERE",
          "GROUP BY",
          "ORDER BY",
          "HAVING",
          "LIMIT",
          "JOIN",
          "LEFT JOIN",
          "INNER JOIN",
          "ON",
          "AS",
          "AND",
          "OR",
          "NOT",
          "IN",
          "IS",
          "NULL",
          "BETWEEN",
          "LIKE",
          "DISTINCT",
          "COUNT",
          "SUM",
          "AVG",
          "MIN",
          "MAX",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "DESC",
          "ASC",
          "UNION",
          "WITH",
          "VERSION AS OF",
          "TIMESTAMP AS OF",
          "SHOW",
          "TABLES",
          "DATABASES",
          "NAMESPACES",
          "DESCRIBE",
          "EXPLAIN",
          "USE",
          "CALL",
          "INSERT INTO",
          "VALUES",
          "MERGE INTO",
          "UPDATE",
          "DELETE FROM",
          "CREATE TABLE",
          "DROP TABLE",
          "ALTER TABLE",
          "PARTITIONED BY",
          "TBLPROPERTIES",
          "history",
          "snapshots",
          "files",
          "partitions",
          "manifests",
          "refs",
          "exit",
          "help");

  private final Supplier<CatalogNames> names;

  SqlCompleter(Supplier<CatalogNames> names) {
    this.names = names;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    for (String keyword : KEYWORDS) {
      candidates.add(new Candidate(keyword, keyword, "keywords", null, null, null, true));
    }
    CatalogNames catalog = names.get();
    for (Map.Entry<String, Map<String, List<String>>> layer : catalog.tables().entrySet()) {
      candidates.add(
          new Candidate(layer.getKey(), layer.getKey(), "layers", null, null, null, false));
      for (String table : layer.getValue().keySet()) {
        String name = layer.getKey() + "." + table;
        candidates.add(new Candidate(name, name, "tables", null, null, null, true));
        String qualified = catalog.catalog() + "." + name;
        candidates.add(new Candidate(qualified, qualified, "tables", null, null, null, true));
      }
    }
    for (String column : catalog.columns()) {
      candidates.add(new Candidate(column, column, "columns", null, null, null, true));
    }
  }
}
