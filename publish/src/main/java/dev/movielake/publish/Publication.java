package dev.movielake.publish;

import dev.movielake.model.PipelineTable;
import dev.movielake.model.ServingCollection;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One serving collection and how it is made from the lakehouse table the contract names as its
 * source.
 *
 * @param documents from source rows and the whole table (both at the snapshot being published) to
 *     the documents to upsert; each has an {@code _id} column
 * @param mode whether a document stands for one source row or for a group of rows
 * @param groupId for {@link Mode#GROUPS}, the {@code _id} of the document a source row belongs to
 */
public record Publication(
    ServingCollection target,
    Mode mode,
    BiFunction<Dataset<Row>, Dataset<Row>, Dataset<Row>> documents,
    Optional<Column> groupId) {

  /** What a document stands for, which says how the table's changes reach the collection. */
  public enum Mode {
    /**
     * One source row (a movie, a window, a quality check): the rows inserted or updated since the
     * last publish are upserted, the rows deleted lose their document.
     */
    ROWS,
    /**
     * A group of source rows (a movie's reviews): every group a changed row was or is in is
     * recomputed from the whole table, and a group left without rows loses its document.
     */
    GROUPS
  }

  public Publication {
    if (target.source().isEmpty()) {
      throw new IllegalArgumentException(target + " is not published from a table");
    }
    if ((mode == Mode.GROUPS) != groupId.isPresent()) {
      throw new IllegalArgumentException(
          "a group id is what a " + Mode.GROUPS + " publication needs");
    }
  }

  /** A collection of one document per source row. */
  public static Publication rows(
      ServingCollection target, BiFunction<Dataset<Row>, Dataset<Row>, Dataset<Row>> documents) {
    return new Publication(target, Mode.ROWS, documents, Optional.empty());
  }

  /** A collection of one document per group of source rows, the group named by {@code groupId}. */
  public static Publication groups(
      ServingCollection target,
      Column groupId,
      BiFunction<Dataset<Row>, Dataset<Row>, Dataset<Row>> documents) {
    return new Publication(target, Mode.GROUPS, documents, Optional.of(groupId));
  }

  public String collection() {
    return target.collectionName();
  }

  public PipelineTable source() {
    return target.source().orElseThrow();
  }

  /** {@code layer.table}, as reports show it. */
  public String sourceTable() {
    return source().toString();
  }
}
