package dev.movielake.stream.silver.sentiment;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@link SentimentScorer} as Spark columns, for the silver reviews table. */
public final class SentimentColumns {
  /** The struct {@link #sentiment} returns; {@link #withSentiment} adds its fields as columns. */
  public static final StructType SCHEMA =
      new StructType()
          .add("sentiment_score", DataTypes.DoubleType, false)
          .add("sentiment_label", DataTypes.StringType, false)
          .add("sentiment_confidence", DataTypes.DoubleType, false)
          .add("exclamation_count", DataTypes.IntegerType, false)
          .add("question_count", DataTypes.IntegerType, false)
          .add("uppercase_ratio", DataTypes.DoubleType, false)
          .add("has_profanity", DataTypes.BooleanType, false)
          .add("intensity", DataTypes.StringType, false)
          .add("is_english", DataTypes.BooleanType, false);

  /** Holds the struct between scoring and flattening; unlikely to clash with a review column. */
  private static final String STRUCT_COLUMN = "_sentiment";

  private SentimentColumns() {}

  /** The sentiment struct of a text column; a null text scores as neutral. */
  public static Column sentiment(Column text) {
    SentimentScorer scorer =
        new SentimentScorer(); // read once here, shipped to executors with the UDF
    UDF1<String, Row> score = content -> row(scorer.score(content));
    return functions.udf(score, SCHEMA).apply(text);
  }

  /**
   * The reviews with the nine sentiment columns of {@link #SCHEMA} added last (replacing any
   * earlier ones).
   */
  public static Dataset<Row> withSentiment(Dataset<Row> reviews, String contentColumn) {
    // One struct column first so that the UDF runs once per row, not once per field.
    return reviews
        .drop(SCHEMA.fieldNames())
        .withColumn(STRUCT_COLUMN, sentiment(col(contentColumn)))
        .select(col("*"), col(STRUCT_COLUMN + ".*"))
        .drop(STRUCT_COLUMN);
  }

  private static Row row(Sentiment sentiment) {
    return RowFactory.create(
        sentiment.score(),
        sentiment.label(),
        sentiment.confidence(),
        sentiment.exclamationCount(),
        sentiment.questionCount(),
        sentiment.uppercaseRatio(),
        sentiment.hasProfanity(),
        sentiment.intensity(),
        sentiment.english());
  }
}
