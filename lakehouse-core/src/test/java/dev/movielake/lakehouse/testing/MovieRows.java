package dev.movielake.lakehouse.testing;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small, exactly known movie rows for tests. */
public final class MovieRows {
  public static final StructType SCHEMA =
      new StructType()
          .add("movie_id", DataTypes.LongType)
          .add("title", DataTypes.StringType)
          .add("release_date", DataTypes.DateType)
          .add("vote_average", DataTypes.DoubleType)
          .add("revenue", DataTypes.LongType)
          .add("updated_at", DataTypes.LongType);

  private MovieRows() {}

  public static Row movie(
      long id, String title, String releaseDate, double rating, long revenue, long updatedAt) {
    return RowFactory.create(
        id,
        title,
        releaseDate == null ? null : Date.valueOf(releaseDate),
        rating,
        revenue,
        updatedAt);
  }

  public static Dataset<Row> of(SparkSession spark, Row... rows) {
    return spark.createDataFrame(List.of(rows), SCHEMA);
  }

  /**
   * {@code count} movies with ids from {@code firstId}, released on 1 March of years cycling over
   * {@code years}.
   */
  public static Dataset<Row> range(
      SparkSession spark, long firstId, int count, int fromYear, int years) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long id = firstId + i;
      int year = fromYear + (int) (id % years);
      rows.add(movie(id, "Movie " + id, year + "-03-01", (id % 100) / 10.0, id * 1000, 1));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
