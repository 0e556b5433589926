package dev.movielake.cli;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;

/**
 * Why a connection failed, in a few words, from the network error somewhere in a client's exception
 * chain.
 */
public record ConnectionFailure(String reason) {

  /** The network failure in the chain, else the deepest error's type and first line. */
  public static ConnectionFailure of(Throwable error) {
    return network(error)
        .orElseGet(
            () -> {
              Throwable root = error;
              while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
              }
              String message = root.getMessage();
              return new ConnectionFailure(
                  root.getClass().getSimpleName()
                      + (message == null
                          ? ""
                          : ": " + message.strip().lines().findFirst().orElse("")));
            });
  }

  /**
   * A network failure (refused, unknown host, no route, time-out) somewhere in the chain, if there
   * is one.
   */
  public static Optional<ConnectionFailure> network(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        String message = String.valueOf(cause.getMessage());
        return Optional.of(
            new ConnectionFailure(
                message.contains("refused") || message.equals("null")
                    ? "connection refused"
                    : "cannot connect"));
      }
      if (cause instanceof UnknownHostException) {
        return Optional.of(new ConnectionFailure("unknown host"));
      }
      if (cause instanceof NoRouteToHostException) {
        return Optional.of(new ConnectionFailure("no route to host"));
      }
      if (cause instanceof InterruptedIOException || cause instanceof HttpTimeoutException) {
        return Optional.of(new ConnectionFailure("no answer in time"));
      }
    }
    // Some clients (Hive's metastore client) keep the network error only as text in their message.
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String text = String.valueOf(cause.getMessage());
      if (text.contains("Connection refused")) {
        return Optional.of(new ConnectionFailure("connection refused"));
      }
      if (text.contains("UnknownHostException")) {
        return Optional.of(new ConnectionFailure("unknown host"));
      }
      if (text.contains("SocketTimeoutException") || text.contains("timed out")) {
        return Optional.of(new ConnectionFailure("no answer in time"));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return reason;
  }
}
