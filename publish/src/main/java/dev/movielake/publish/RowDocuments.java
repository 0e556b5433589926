package dev.movielake.publish;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bson.Document;
import scala.collection.Iterator;
import scala.collection.Seq;

/**
 * Spark rows as BSON documents: timestamps become BSON dates (so range queries and TTLs work),
 * dates become ISO strings ("2024-05-31", what the API returns), decimals become doubles, structs
 * sub-documents and arrays lists.
 */
final class RowDocuments {
  private RowDocuments() {}

  static Document toDocument(Row row) {
    StructType schema = row.schema();
    Document document = new Document();
    StructField[] fields = schema.fields();
    for (int index = 0; index < fields.length; index++) {
      document.append(fields[index].name(), value(row.get(index), fields[index].dataType()));
    }
    return document;
  }

  // Spark's java.sql.Date and Scala maps meet the driver's java.util.Date and Java maps: Spark's
  // keep their qualified names.
  @SuppressWarnings("inlineQualifiedName")
  private static Object value(Object value, DataType type) {
    if (value == null) {
      return null;
    }
    if (value instanceof Row row) {
      return toDocument(row);
    }
    if (value instanceof Timestamp timestamp) {
      return Date.from(timestamp.toInstant());
    }
    if (value instanceof Instant instant) {
      return Date.from(instant);
    }
    if (value instanceof LocalDateTime localDateTime) {
      return Date.from(localDateTime.toInstant(ZoneOffset.UTC));
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    if (value instanceof Seq<?> seq) {
      DataType elementType = type instanceof ArrayType array ? array.elementType() : null;
      List<Object> list = new ArrayList<>(seq.size());
      Iterator<?> iterator = seq.iterator();
      while (iterator.hasNext()) {
        list.add(value(iterator.next(), elementType));
      }
      return list;
    }
    if (value instanceof List<?> javaList) {
      DataType elementType = type instanceof ArrayType array ? array.elementType() : null;
      return javaList.stream().map(element -> value(element, elementType)).toList();
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      DataType valueType = type instanceof MapType mapType ? mapType.valueType() : null;
      Document document = new Document();
      map.foreach(
          entry -> document.append(String.valueOf(entry._1()), value(entry._2(), valueType)));
      return document;
    }
    if (value instanceof Map<?, ?> javaMap) {
      DataType valueType = type instanceof MapType mapType ? mapType.valueType() : null;
      Document document = new Document();
      javaMap.forEach(
          (key, element) -> document.append(String.valueOf(key), value(element, valueType)));
      return document;
    }
    return value;
  }
}
