package dev.movielake.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an endpoint answers, before it is written to HTTP: a status, a JSON body (maps and lists)
 * and headers.
 */
record SimulatedResponse(int status, Object body, Map<String, String> headers) {

  static SimulatedResponse ok(Object body) {
    return new SimulatedResponse(200, body, Map.of());
  }

  static SimulatedResponse error(TmdbError error) {
    return new SimulatedResponse(error.httpStatus, TmdbResponses.error(error), Map.of());
  }

  SimulatedResponse withHeader(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new SimulatedResponse(status, body, Map.copyOf(all));
  }
}
