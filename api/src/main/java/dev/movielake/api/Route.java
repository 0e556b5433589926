package dev.movielake.api;

import java.util.List;

/**
 * One GET endpoint: its path template (Javalin and OpenAPI share the {@code {name}} syntax), what
 * it documents, its parameters and its handler. The route table is the single source of the
 * server's routes and of {@code /openapi.json}.
 *
 * @param open true when it needs no API key
 * @param body what the handler's result becomes
 */
public record Route(
    String path,
    String tag,
    String summary,
    List<Parameter> parameters,
    boolean open,
    Body body,
    Handler handler) {

  public enum Body {
    /**
     * The result in the JSON envelope: a {@link Page} as a list, a {@link Reply} with its status,
     * else data.
     */
    ENVELOPE,
    /** A String or a JSON tree written as is, e.g. the OpenAPI document. */
    JSON,
    /** Prometheus' text format. */
    PROMETHEUS
  }

  @FunctionalInterface
  public interface Handler {
    Object handle(Arguments arguments);
  }

  public Route {
    parameters = List.copyOf(parameters);
  }

  public static Route of(
      String path, String tag, String summary, List<Parameter> parameters, Handler handler) {
    return new Route(path, tag, summary, parameters, false, Body.ENVELOPE, handler);
  }
}
