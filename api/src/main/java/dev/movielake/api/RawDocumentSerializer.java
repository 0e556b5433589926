package dev.movielake.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import org.bson.BsonBinaryReader;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;

/**
 * Writes a document as it came from the server, BSON straight to JSON tokens, without building a
 * {@code Document} first: what the hot lookups (a movie by id) return. Values map as in {@link
 * ApiJson}: no top-level {@code _id}, dates as ISO-8601 UTC, ObjectIds as hex, Decimal128 as
 * numbers; types JSON has no use for (regex, code, min/max key) become null.
 */
final class RawDocumentSerializer extends StdSerializer<RawBsonDocument> {
  RawDocumentSerializer() {
    super(RawBsonDocument.class);
  }

  @Override
  public void serialize(
      RawBsonDocument document, JsonGenerator generator, SerializerProvider provider)
      throws IOException {
    try (BsonBinaryReader reader = new BsonBinaryReader(document.getByteBuffer().asNIO())) {
      reader.readBsonType();
      writeDocument(reader, generator, true);
    }
  }

  private static void writeDocument(BsonReader reader, JsonGenerator generator, boolean top)
      throws IOException {
    reader.readStartDocument();
    generator.writeStartObject();
    while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
      String name = reader.readName();
      if (top && "_id".equals(name)) {
        reader.skipValue();
        continue;
      }
      generator.writeFieldName(name);
      writeValue(reader, generator);
    }
    reader.readEndDocument();
    generator.writeEndObject();
  }

  private static void writeValue(BsonReader reader, JsonGenerator generator) throws IOException {
    switch (reader.getCurrentBsonType()) {
      case DOCUMENT -> writeDocument(reader, generator, false);
      case ARRAY -> {
        reader.readStartArray();
        generator.writeStartArray();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
          writeValue(reader, generator);
        }
        reader.readEndArray();
        generator.writeEndArray();
      }
      case STRING -> generator.writeString(reader.readString());
      case INT32 -> generator.writeNumber(reader.readInt32());
      case INT64 -> generator.writeNumber(reader.readInt64());
      case DOUBLE -> generator.writeNumber(reader.readDouble());
      case BOOLEAN -> generator.writeBoolean(reader.readBoolean());
      case DATE_TIME ->
          generator.writeString(Instant.ofEpochMilli(reader.readDateTime()).toString());
      case OBJECT_ID -> generator.writeString(reader.readObjectId().toHexString());
      case DECIMAL128 -> {
        Decimal128 value = reader.readDecimal128();
        if (value.isNaN() || value.isInfinite()) {
          generator.writeNull();
        } else {
          generator.writeNumber(value.bigDecimalValue());
        }
      }
      case BINARY ->
          generator.writeString(
              Base64.getEncoder().encodeToString(reader.readBinaryData().getData()));
      case TIMESTAMP ->
          generator.writeString(Instant.ofEpochSecond(reader.readTimestamp().getTime()).toString());
      case SYMBOL -> generator.writeString(reader.readSymbol());
      case NULL -> {
        reader.readNull();
        generator.writeNull();
      }
      default -> {
        reader.skipValue();
        generator.writeNull();
      }
    }
  }
}
