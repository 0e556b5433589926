package dev.movielake.lakehouse.sql;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.command.SetCommand;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What a parsed statement does, judged from its logical plan before anything runs: a read (a query,
 * SHOW, DESCRIBE, EXPLAIN, USE, reading a setting) or a write (anything else: INSERT, MERGE,
 * UPDATE, DELETE, DDL, CALL, CACHE, setting a property). Reads are an allow-list of plan nodes, so
 * a statement this class does not know is a write: refused in read-only mode, never run by mistake.
 *
 * @param name the statement's kind in SQL words, e.g. {@code INSERT INTO}, {@code CALL}, {@code
 *     QUERY}
 * @param read whether it only reads
 */
public record StatementKind(String name, boolean read) {
  /**
   * Statements that read whatever their arguments (EXPLAIN and DESCRIBE QUERY plan the statement
   * they hold, they do not run it); named by the simple names of their plan classes, Spark's and
   * Iceberg's extensions' alike.
   */
  private static final Set<String> READ_COMMANDS =
      Set.of(
          "ShowTables",
          "ShowTablesExtended",
          "ShowTablePartition",
          "ShowNamespaces",
          "ShowNamespacesCommand",
          "ShowCatalogsCommand",
          "ShowColumns",
          "ShowCreateTable",
          "ShowTableProperties",
          "ShowPartitions",
          "ShowFunctions",
          "ShowViews",
          "ShowIcebergViews",
          "ShowCurrentNamespaceCommand",
          "ShowCachedTables",
          "DescribeRelation",
          "DescribeColumn",
          "DescribeNamespace",
          "DescribeFunction",
          "DescribeQueryCommand",
          "ExplainCommand",
          "SetCatalogAndNamespace",
          "SetNamespaceCommand",
          "SetCatalogCommand");

  /** The nodes a query's parsed plan is built of; a query whose every node is here only reads. */
  private static final Set<String> QUERY_NODES =
      Set.of(
          "Project",
          "Filter",
          "Aggregate",
          "Sort",
          "GlobalLimit",
          "LocalLimit",
          "Offset",
          "Tail",
          "Distinct",
          "Deduplicate",
          "Union",
          "Intersect",
          "Except",
          "Join",
          "LateralJoin",
          "AsOfJoin",
          "Generate",
          "Window",
          "WithWindowDefinition",
          "UnresolvedWith",
          "WithCTE",
          "CTERelationDef",
          "CTERelationRef",
          "SubqueryAlias",
          "UnresolvedRelation",
          "RelationTimeTravel",
          "UnresolvedInlineTable",
          "LocalRelation",
          "OneRowRelation",
          "UnresolvedTableValuedFunction",
          "UnresolvedTVFAliases",
          "UnresolvedSubqueryColumnAliases",
          "UnresolvedHaving",
          "UnresolvedHint",
          "ResolvedHint",
          "Sample",
          "Range",
          "Repartition",
          "RepartitionByExpression",
          "RebalancePartitions",
          "Pivot",
          "Unpivot",
          "Expand",
          "View");

  private static final StatementKind QUERY = new StatementKind("QUERY", true);

  /** Whether it is a query: it has no effects, so running it twice only costs time. */
  public boolean query() {
    return this.equals(QUERY);
  }

  /** The kind of a parsed statement. */
  public static StatementKind of(LogicalPlan plan) {
    String root = plan.getClass().getSimpleName();
    if (READ_COMMANDS.contains(root)) {
      return new StatementKind(words(root), true);
    }
    if (plan instanceof SetCommand set) {
      // SET alone lists the settings and SET key shows one; SET key=value changes the session.
      Option<Tuple2<String, Option<String>>> setting = set.kv();
      boolean reads = setting.isEmpty() || setting.get()._2().isEmpty();
      return new StatementKind("SET", reads);
    }
    Optional<String> other = firstNodeOutside(plan);
    return other.map(name -> new StatementKind(words(name), false)).orElse(QUERY);
  }

  private static Optional<String> firstNodeOutside(LogicalPlan plan) {
    String name = plan.getClass().getSimpleName();
    if (!QUERY_NODES.contains(name)) {
      return Optional.of(name);
    }
    for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
      Optional<String> found = firstNodeOutside(child);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * A plan class's name in SQL words: {@code InsertIntoStatement} is {@code INSERT INTO}, {@code
   * CreateTableAsSelect} is {@code CREATE TABLE AS SELECT}.
   */
  static String words(String planClass) {
    String name = planClass.replaceAll("\\$$", "");
    name = name.replaceFirst("^Unresolved", "");
    name = name.replaceFirst("(Command|Statement|Exec)$", "");
    if (name.equals("MergeIntoTable")) {
      return "MERGE INTO";
    }
    if (name.equals("UpdateTable")) {
      return "UPDATE";
    }
    if (name.equals("DeleteFromTable")) {
      return "DELETE FROM";
    }
    return name.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
  }
}
