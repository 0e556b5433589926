package dev.movielake.publish.testing;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Columns;
import dev.movielake.model.PipelineTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Rows of silver {@code movies_clean} with the columns serving reads, upserted as the silver stream
 * does.
 */
public final class SilverMovies {
  public static final StructType SCHEMA =
      StructType.fromDDL(
          "movie_id BIGINT, title STRING, release_date DATE, release_year INT, language STRING,"
              + " genres ARRAY<STRUCT<id: INT, name: STRING>>, genre_names ARRAY<STRING>,"
              + " popularity DOUBLE, vote_average DOUBLE, vote_count INT, budget BIGINT, revenue"
              + " BIGINT, profit BIGINT, roi DOUBLE, runtime INT, popularity_tier STRING,"
              + " rating_tier STRING, poster_path STRING, observed_at TIMESTAMP");

  private SilverMovies() {}

  /**
   * A movie of one genre (TMDB id 18) with 500 votes and fixed money figures; unless set, a Drama
   * released on 2024-05-01, popularity 10, rated 7 and observed at 2026-01-01 10:00.
   */
  public static Movie movie(long id, String title) {
    return new Movie(id, title);
  }

  /** A row of {@link #SCHEMA} by name; {@link #row()} makes it. */
  public static final class Movie {
    private final long id;
    private final String title;
    private String releaseDate = "2024-05-01";
    private String genre = "Drama";
    private double popularity = 10.0;
    private double rating = 7.0;
    private Timestamp observedAt = Timestamp.valueOf("2026-01-01 10:00:00");

    private Movie(long id, String title) {
      this.id = id;
      this.title = title;
    }

    /** {@code yyyy-mm-dd}; the release year follows from it. */
    public Movie releasedOn(String releaseDate) {
      this.releaseDate = releaseDate;
      return this;
    }

    public Movie genre(String genre) {
      this.genre = genre;
      return this;
    }

    public Movie popularity(double popularity) {
      this.popularity = popularity;
      return this;
    }

    /** TMDB's vote average. */
    public Movie rating(double rating) {
      this.rating = rating;
      return this;
    }

    /** When TMDB was read: the upsert keeps the latest observation of a movie. */
    public Movie observedAt(Timestamp observedAt) {
      this.observedAt = observedAt;
      return this;
    }

    public Row row() {
      Date released = Date.valueOf(releaseDate);
      return RowFactory.create(
          id,
          title,
          released,
          released.toLocalDate().getYear(),
          "en",
          List.of(RowFactory.create(18, genre)),
          List.of(genre),
          popularity,
          rating,
          500,
          10L,
          30L,
          20L,
          2.0,
          100,
          "high",
          "good",
          "/p" + id + ".jpg",
          observedAt);
    }
  }

  /** Upserts by movie id, the latest observation winning, into {@code movies_clean}. */
  public static void upsert(IcebergStorageManager storage, Row... movies) {
    storage.writeToSilver(
        SharedSpark.session().createDataFrame(List.of(movies), SCHEMA),
        PipelineTable.MOVIES_CLEAN.tableName(),
        WriteOptions.upsert(PipelineTable.MOVIES_CLEAN.keyColumn())
            .latestBy(Columns.OBSERVED_AT)
            .partitionedBy("years(release_date)"));
  }
}
