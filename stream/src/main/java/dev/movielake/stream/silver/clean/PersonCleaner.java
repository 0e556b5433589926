package dev.movielake.stream.silver.clean;

import static dev.movielake.stream.silver.clean.Provenance.withProvenance;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Silver people, one row per person_id. */
public final class PersonCleaner implements RecordCleaner {
  private final LocalDate today;

  /**
   * @param today the date current ages are computed at
   */
  public PersonCleaner(LocalDate today) {
    this.today = today;
  }

  @Override
  public Dataset<Row> clean(Dataset<Row> bronzeRows) {
    Column birthday = try_to_date(col("birthday"), "yyyy-MM-dd");
    Column deathday = try_to_date(col("deathday"), "yyyy-MM-dd");
    Column popularity = when(col("popularity").lt(0), lit(0.0)).otherwise(col("popularity"));
    return LatestVersion.perKey(bronzeRows, col("id"))
        .select(
            withProvenance(
                col("id").as("person_id"),
                Text.trimmed(col("name")).as("name"),
                Text.collapsed(col("biography")).as("biography"),
                birthday.as("birthday"),
                deathday.as("deathday"),
                Text.trimmed(col("place_of_birth")).as("place_of_birth"),
                col("profile_path"),
                col("adult"),
                popularity.as("popularity"),
                col("gender"),
                col("known_for_department"),
                col("homepage"),
                col("imdb_id"),
                coalesce(col("also_known_as"), array().cast("array<string>")).as("also_known_as"),
                yearsBetween(birthday, deathday).as("age_at_death"),
                when(deathday.isNull(), yearsBetween(birthday, lit(today))).as("current_age"),
                floor(year(birthday).divide(10)).multiply(10).cast("int").as("birth_decade"),
                when(popularity.geq(20), "high")
                    .when(popularity.geq(5), "medium")
                    .otherwise("low")
                    .as("popularity_tier"),
                deathday.isNull().as("is_alive")));
  }

  /** Whole years, null when either date is unknown. */
  private static Column yearsBetween(Column from, Column to) {
    return floor(datediff(to, from).divide(365.25)).cast("int");
  }
}
