package dev.movielake.stream.silver.clean;

import static dev.movielake.stream.silver.clean.Provenance.withProvenance;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Silver credits, one row per credit_key. */
public final class CreditCleaner implements RecordCleaner {
  /**
   * Cast members billed up to this order play a lead role (TMDB counts from 0: the first six
   * names), which the gold filmographies count as lead roles.
   */
  private static final int LAST_LEAD_ORDER = 5;

  @Override
  public Dataset<Row> clean(Dataset<Row> bronzeRows) {
    Column creditType = lower(Text.trimmed(col("credit_type")));
    Column character = Text.trimmed(col("character"));
    Column job = Text.trimmed(col("job"));
    // Without TMDB's credit id, a credit is one person's one role in one movie.
    Column creditKey =
        when(not(Text.isBlank(col("credit_id"))), col("credit_id"))
            .otherwise(
                concat_ws(
                    "|",
                    col("movie_id").cast("string"),
                    col("person_id").cast("string"),
                    creditType,
                    coalesce(character, lit("")),
                    coalesce(job, lit(""))));
    Dataset<Row> keyed = bronzeRows.withColumn("credit_key", creditKey);
    return LatestVersion.perKey(keyed, col("credit_key"))
        .select(
            withProvenance(
                col("credit_key"),
                col("movie_id"),
                col("person_id"),
                creditType.as("credit_type"),
                col("credit_id"),
                Text.trimmed(col("name")).as("person_name"),
                character.as("character"),
                col("order").as("cast_order"),
                job.as("job"),
                Text.trimmed(col("department")).as("department"),
                col("profile_path"),
                col("gender"),
                col("adult"),
                col("known_for_department"),
                col("popularity"),
                isTrue(creditType.equalTo("cast").and(col("order").leq(LAST_LEAD_ORDER)))
                    .as("is_lead_role"),
                isTrue(job.equalTo("Director")).as("is_director"),
                isTrue(job.isin("Producer", "Executive Producer")).as("is_producer"),
                isTrue(job.isin("Writer", "Screenplay", "Story")).as("is_writer")));
  }

  /** False, not null, when the input is unknown. */
  private static Column isTrue(Column condition) {
    return coalesce(condition, lit(false));
  }
}
