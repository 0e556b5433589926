package dev.movielake.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, for servers that need one up front.
 *
 * <p>Ports come from below the kernel's ephemeral range: a port the kernel hands to {@code bind(0)}
 * is also one it hands to the next outgoing connection or another process's {@code bind(0)}, so
 * between the probe and the server's own bind it could be taken (seen in CI: a Spark cluster
 * starting beside Kafka took Kafka's port). A port handed out once is not handed out again by this
 * JVM, so two servers started together never get the same one.
 */
public final class FreePort {
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** Linux's default ephemeral range starts at 32768; IANA's (BSD, macOS, Windows) at 49152. */
  private static final int DEFAULT_EPHEMERAL_START = 32768;

  private static final int LOWEST = 10_000;
  private static final int ATTEMPTS = 50;
  private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

  private FreePort() {}

  public static int find() {
    int end = ephemeralStart();
    for (int attempt = 0; attempt < ATTEMPTS && end > LOWEST; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, end);
      if (handedOut.add(port)) {
        if (isFree(port)) {
          return port;
        }
      }
    }
    // Fallback for a machine whose ephemeral range leaves nothing below it.
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      handedOut.add(socket.getLocalPort());
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int ephemeralStart() {
    try {
      // readAllLines, not readString: procfs reports size 0 and readString then returns one byte.
      String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
      return Integer.parseInt(range[0]);
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_START;
    }
  }
}
