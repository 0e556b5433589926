package dev.movielake.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's answers to requests that never reach Javalin (a malformed URI, a URI or headers too long)
 * in the API's error envelope instead of an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
  private final ObjectMapper json;

  JsonErrorHandler(ObjectMapper json) {
    this.json = json;
    setShowStacks(false);
    setShowServlet(false);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, ApiServer.JSON_CONTENT_TYPE);
    return ByteBuffer.wrap(body(status, reason));
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    baseRequest.setHandled(true);
    response.setContentType(ApiServer.JSON_CONTENT_TYPE);
    response.getOutputStream().write(body(code, message));
  }

  private byte[] body(int status, String reason) {
    ApiError error =
        status >= 500
            ? ApiError.INTERNAL_ERROR
            : status == 404 ? ApiError.NOT_FOUND : ApiError.INVALID_PARAMETER;
    String message =
        "the request is not valid HTTP: " + (reason == null ? "status " + status : reason);
    if (status >= 500) {
      message = "the request failed on the server";
    }
    try {
      return json.writeValueAsBytes(Envelope.error(status, error, message));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException("cannot serialise an error envelope", impossible);
    }
  }
}
