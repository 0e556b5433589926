package dev.movielake.ops.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stack as seen now, the answer of {@code stack status --json}: whether its supervisor lives and
 * each service's process lives and answers on its port.
 *
 * @param state {@code not running}, {@code stopped}, or the supervisor's status ({@code starting},
 *     {@code ready}, ...)
 */
public record StackStatus(
    String folder,
    boolean running,
    String state,
    Optional<Long> supervisorPid,
    List<ServiceStatus> services) {

  /** One service as seen now. */
  public record ServiceStatus(
      String name, String address, long pid, boolean processAlive, boolean answers) {}

  public static StackStatus of(Path folder) {
    Optional<StackState> state = StackState.read(folder);
    List<ServiceStatus> services = new ArrayList<>();
    boolean alive = state.map(StackState::supervisorAlive).orElse(false);
    for (LocalStack.Service service : state.map(StackState::services).orElse(List.of())) {
      boolean processAlive =
          ProcessHandle.of(service.pid()).map(ProcessHandle::isAlive).orElse(false);
      services.add(
          new ServiceStatus(
              service.name(),
              service.address(),
              service.pid(),
              processAlive,
              processAlive && answers(service.address())));
    }
    boolean running =
        alive
            && state.get().status() == StackState.Status.READY
            && services.stream().allMatch(ServiceStatus::answers);
    String described =
        state.isEmpty()
            ? "not running"
            : alive ? state.get().status().name().toLowerCase() : "stopped";
    return new StackStatus(
        folder.toString(),
        running,
        described,
        state.filter(s -> alive).map(StackState::supervisorPid),
        services);
  }

  /**
   * True when something accepts a connection at the service's address (a JDBC URL, a URI or
   * host:port).
   */
  public static boolean answers(String address) {
    try {
      URI uri =
          URI.create(
              address.startsWith("jdbc:")
                  ? address.substring(5)
                  : address.contains("://") ? address : "tcp://" + address.split(",")[0]);
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
        return true;
      }
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
