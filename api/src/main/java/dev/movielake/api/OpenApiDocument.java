package dev.movielake.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The OpenAPI 3.0 description of the routes, generated from the route table that the server
 * registers.
 */
final class OpenApiDocument {
  static final String VERSION = "3.0.3";

  private OpenApiDocument() {}

  static ObjectNode of(List<Route> routes, ObjectMapper json, String version) {
    ObjectNode document = json.createObjectNode();
    document.put("openapi", VERSION);
    document
        .putObject("info")
        .put("title", "movielake API")
        .put("version", version)
        .put(
            "description",
            "Movies, people, reviews and analytics published from the movie lakehouse. Every JSON"
                + " answer is an envelope; lists are pages (limit, offset, next_offset).");
    ObjectNode paths = document.putObject("paths");
    for (Route route : routes) {
      ObjectNode operation = paths.putObject(route.path()).putObject("get");
      operation.putArray("tags").add(route.tag());
      operation.put("summary", route.summary());
      operation.put("operationId", operationId(route.path()));
      if (route.open()) {
        operation.putArray("security");
      }
      ArrayNode parameters = operation.putArray("parameters");
      for (Parameter parameter : route.parameters()) {
        parameters.add(parameter(parameter, json));
      }
      ObjectNode responses = operation.putObject("responses");
      responses.set("200", success(route, json));
      for (ApiError error :
          List.of(
              ApiError.INVALID_PARAMETER,
              ApiError.UNAUTHORIZED,
              ApiError.NOT_FOUND,
              ApiError.RATE_LIMITED,
              ApiError.INTERNAL_ERROR,
              ApiError.UNAVAILABLE)) {
        responses
            .putObject(Integer.toString(error.status()))
            .put("description", error.code())
            .putObject("content")
            .putObject("application/json")
            .putObject("schema")
            .put("$ref", "#/components/schemas/Error");
      }
    }
    ObjectNode components = document.putObject("components");
    ObjectNode schemas = components.putObject("schemas");
    schemas.set("Envelope", envelope(json, false));
    schemas.set("PageEnvelope", envelope(json, true));
    schemas.set("Error", error(json));
    ObjectNode securitySchemes = components.putObject("securitySchemes");
    securitySchemes
        .putObject("ApiKeyHeader")
        .put("type", "apiKey")
        .put("in", "header")
        .put("name", "X-API-Key");
    securitySchemes
        .putObject("ApiKeyQuery")
        .put("type", "apiKey")
        .put("in", "query")
        .put("name", "api_key");
    ArrayNode security = document.putArray("security");
    security.addObject().putArray("ApiKeyHeader");
    security.addObject().putArray("ApiKeyQuery");
    return document;
  }

  private static String operationId(String path) {
    StringBuilder id = new StringBuilder("get");
    boolean upper = true;
    for (char character : path.toCharArray()) {
      if (Character.isLetterOrDigit(character)) {
        id.append(upper ? Character.toUpperCase(character) : character);
        upper = false;
      } else {
        upper = true;
      }
    }
    return id.toString();
  }

  private static ObjectNode parameter(Parameter parameter, ObjectMapper json) {
    ObjectNode node = json.createObjectNode();
    node.put("name", parameter.name());
    node.put("in", parameter.location().id());
    node.put("required", parameter.required());
    node.put("description", parameter.description());
    ObjectNode schema = node.putObject("schema");
    switch (parameter.type()) {
      case INTEGER -> {
        integerSchema(schema, parameter);
        if (parameter.defaultValue() instanceof Long value) {
          schema.put("default", value);
        }
      }
      case STRING -> {
        schema.put("type", "string").put("minLength", 1).put("maxLength", parameter.maxLength());
        if (!parameter.allowed().isEmpty()) {
          ArrayNode values = schema.putArray("enum");
          parameter.allowed().forEach(values::add);
        }
        if (parameter.pattern() != null) {
          schema.put("pattern", "^" + parameter.pattern().pattern() + "$");
        }
      }
      case INTEGER_LIST -> {
        schema.put("type", "array").put("minItems", 1).put("maxItems", parameter.maxItems());
        integerSchema(schema.putObject("items"), parameter);
        node.put("style", "form").put("explode", false);
      }
    }
    return node;
  }

  private static void integerSchema(ObjectNode schema, Parameter parameter) {
    schema
        .put("type", "integer")
        .put("format", "int64")
        .put("minimum", parameter.minimum())
        .put("maximum", parameter.maximum());
  }

  private static ObjectNode success(Route route, ObjectMapper json) {
    ObjectNode response = json.createObjectNode();
    switch (route.body()) {
      case ENVELOPE ->
          response
              .put("description", "The envelope; lists come as pages")
              .putObject("content")
              .putObject("application/json")
              .putObject("schema")
              .set(
                  "oneOf",
                  json.createArrayNode()
                      .add(json.createObjectNode().put("$ref", "#/components/schemas/Envelope"))
                      .add(
                          json.createObjectNode()
                              .put("$ref", "#/components/schemas/PageEnvelope")));
      case JSON ->
          response
              .put("description", "A JSON document")
              .putObject("content")
              .putObject("application/json")
              .putObject("schema")
              .put("type", "object");
      case PROMETHEUS ->
          response
              .put("description", "Prometheus text exposition format")
              .putObject("content")
              .putObject("text/plain")
              .putObject("schema")
              .put("type", "string");
    }
    return response;
  }

  private static ObjectNode envelope(ObjectMapper json, boolean page) {
    ObjectNode schema = json.createObjectNode().put("type", "object");
    ArrayNode required = schema.putArray("required").add("success").add("data");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("success").put("type", "boolean");
    ObjectNode data =
        properties
            .putObject("data")
            .put("description", page ? "The items of the page" : "The value");
    properties.putObject("message").put("type", "string").put("nullable", true);
    if (page) {
      data.put("type", "array").putObject("items");
      properties.putObject("total_count").put("type", "integer").put("format", "int64");
      properties.putObject("limit").put("type", "integer");
      properties.putObject("offset").put("type", "integer");
      properties.putObject("next_offset").put("type", "integer").put("nullable", true);
      required.add("total_count").add("limit").add("offset").add("next_offset");
    }
    return schema;
  }

  private static ObjectNode error(ObjectMapper json) {
    ObjectNode schema = json.createObjectNode().put("type", "object");
    schema.putArray("required").add("success").add("status").add("error").add("message");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("success").put("type", "boolean").putArray("enum").add(false);
    properties.putObject("status").put("type", "integer");
    ArrayNode codes = properties.putObject("error").put("type", "string").putArray("enum");
    for (ApiError error : ApiError.values()) {
      codes.add(error.code());
    }
    properties.putObject("message").put("type", "string");
    properties.putObject("detail").put("type", "string");
    return schema;
  }
}
