package dev.movielake.app.doctor;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/** Why a connection failed, in a few words, from the network error somewhere in a client's exception chain. */
record ConnectionFailure(String reason) {

  static ConnectionFailure of(Throwable error) {
    Throwable root = error;
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        String message = String.valueOf(cause.getMessage());
        return new ConnectionFailure(message.contains("refused") || message.equals("null") ? "connection refused" : "cannot connect");
      }
      if (cause instanceof UnknownHostException) {
        return new ConnectionFailure("unknown host");
      }
      if (cause instanceof NoRouteToHostException) {
        return new ConnectionFailure("no route to host");
      }
      if (cause instanceof InterruptedIOException || cause instanceof HttpTimeoutException) {
        return new ConnectionFailure("no answer in time");
      }
      root = cause;
    }
    // Some clients (Hive's metastore client) keep the network error only as text in their message.
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String text = String.valueOf(cause.getMessage());
      if (text.contains("Connection refused")) {
        return new ConnectionFailure("connection refused");
      }
      if (text.contains("UnknownHostException")) {
        return new ConnectionFailure("unknown host");
      }
      if (text.contains("SocketTimeoutException") || text.contains("timed out")) {
        return new ConnectionFailure("no answer in time");
      }
    }
    String message = root.getMessage();
    return new ConnectionFailure(root.getClass().getSimpleName()
        + (message == null ? "" : ": " + message.strip().lines().findFirst().orElse("")));
  }

  @Override
  public String toString() {
    return reason;
  }
}
