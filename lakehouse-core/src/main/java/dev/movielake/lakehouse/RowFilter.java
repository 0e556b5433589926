package dev.movielake.lakehouse;

import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import scala.collection.Iterator;

/**
 * A row condition given as text ({@code release_date >= '2024-01-01'}). It is parsed as one Spark
 * expression, never as a statement, and functions that reach outside the data (calling Java
 * methods) are refused.
 */
public final class RowFilter {
  private static final Set<String> REFUSED = Set.of("reflect", "java_method", "try_reflect");

  private RowFilter() {}

  public static Column parse(SparkSession spark, String condition) {
    Expression expression;
    try {
      expression = spark.sessionState().sqlParser().parseExpression(condition);
    } catch (ParseException e) {
      throw new IllegalArgumentException(
          "invalid filter '"
              + condition
              + "': "
              + e.getMessage().lines().findFirst().orElse("")
              + "; write a Spark SQL condition such as release_date >= '2024-01-01'");
    }
    refuseUnsafeFunctions(condition, expression);
    return functionsExpr(condition);
  }

  private static void refuseUnsafeFunctions(String condition, Expression expression) {
    if (expression instanceof UnresolvedFunction function) {
      String name = function.nameParts().last().toLowerCase(Locale.ROOT);
      if (REFUSED.contains(name)) {
        throw new IllegalArgumentException(
            "invalid filter '" + condition + "': function " + name + " is not allowed");
      }
    }
    Iterator<Expression> children = expression.children().iterator();
    while (children.hasNext()) {
      refuseUnsafeFunctions(condition, children.next());
    }
  }

  private static Column functionsExpr(String condition) {
    return org.apache.spark.sql.functions.expr(condition);
  }
}
