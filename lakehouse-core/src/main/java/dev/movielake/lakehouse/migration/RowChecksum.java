package dev.movielake.lakehouse.migration;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import dev.movielake.lakehouse.Identifiers;
import java.math.BigDecimal;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The row count and an order-independent checksum of a Dataset: the sum of each row's xxhash64 over
 * the columns in a fixed order, computed by Spark. Both sides of a comparison are read with the
 * source's column order and types, so an Iceberg type promotion (a short read back as an int) does
 * not change a row's hash.
 *
 * @param checksum a decimal sum: a sum of 64-bit hashes overflows a long, which ANSI mode refuses
 */
public record RowChecksum(long rows, String checksum) {

  public static RowChecksum of(Dataset<Row> rows, StructType columns) {
    Column[] ordered =
        Arrays.stream(columns.fields())
            .map(field -> col(Identifiers.quoteColumn(field.name())).cast(field.dataType()))
            .toArray(Column[]::new);
    Row totals =
        rows.select(xxhash64(ordered).cast(DataTypes.createDecimalType(38, 0)).as("row_hash"))
            .agg(count(lit(1)), sum(col("row_hash")))
            .first();
    long count = totals.getLong(0);
    BigDecimal sum = totals.isNullAt(1) ? BigDecimal.ZERO : totals.getDecimal(1);
    return new RowChecksum(count, sum.toPlainString());
  }
}
