package dev.movielake.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * The one ObjectMapper of the API (thread-safe, built once). Records get snake_case names; MongoDB
 * documents keep their own names, lose {@code _id} (the natural key is also a field), and their
 * BSON values become plain JSON: dates as ISO-8601 UTC, ObjectIds as hex, Decimal128 as numbers.
 */
final class ApiJson {
  private ApiJson() {}

  static ObjectMapper create() {
    SimpleModule bson = new SimpleModule("bson");
    bson.addSerializer(Document.class, new DocumentSerializer());
    bson.addSerializer(RawBsonDocument.class, new RawDocumentSerializer());
    bson.addSerializer(
        Date.class,
        new StdSerializer<>(Date.class) {
          @Override
          public void serialize(Date value, JsonGenerator generator, SerializerProvider provider)
              throws IOException {
            generator.writeString(Instant.ofEpochMilli(value.getTime()).toString());
          }
        });
    bson.addSerializer(
        ObjectId.class,
        new StdSerializer<>(ObjectId.class) {
          @Override
          public void serialize(
              ObjectId value, JsonGenerator generator, SerializerProvider provider)
              throws IOException {
            generator.writeString(value.toHexString());
          }
        });
    bson.addSerializer(
        Decimal128.class,
        new StdSerializer<>(Decimal128.class) {
          @Override
          public void serialize(
              Decimal128 value, JsonGenerator generator, SerializerProvider provider)
              throws IOException {
            if (value.isNaN() || value.isInfinite()) {
              generator.writeNull();
            } else {
              generator.writeNumber(value.bigDecimalValue());
            }
          }
        });
    bson.addSerializer(
        Binary.class,
        new StdSerializer<>(Binary.class) {
          @Override
          public void serialize(Binary value, JsonGenerator generator, SerializerProvider provider)
              throws IOException {
            generator.writeString(Base64.getEncoder().encodeToString(value.getData()));
          }
        });
    bson.addSerializer(
        BsonTimestamp.class,
        new StdSerializer<>(BsonTimestamp.class) {
          @Override
          public void serialize(
              BsonTimestamp value, JsonGenerator generator, SerializerProvider provider)
              throws IOException {
            generator.writeString(Instant.ofEpochSecond(value.getTime()).toString());
          }
        });
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(new Jdk8Module())
        .addModule(bson)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
        .build();
  }

  /** A document without its {@code _id}; any other value goes through the mapper's serializers. */
  private static final class DocumentSerializer extends StdSerializer<Document> {
    DocumentSerializer() {
      super(Document.class);
    }

    @Override
    public void serialize(Document document, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeStartObject();
      for (Map.Entry<String, Object> entry : document.entrySet()) {
        if (!"_id".equals(entry.getKey())) {
          generator.writeFieldName(entry.getKey());
          provider.defaultSerializeValue(entry.getValue(), generator);
        }
      }
      generator.writeEndObject();
    }
  }
}
