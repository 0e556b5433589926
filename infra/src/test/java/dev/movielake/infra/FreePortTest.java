package dev.movielake.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {
  @Test
  void portsAreBindableDistinctAndOutsideTheEphemeralRange() throws Exception {
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      ports.add(FreePort.find());
    }
    assertThat(ports)
        .hasSize(200)
        .allSatisfy(port -> assertThat(port).isBetween(10_000, FreePort.ephemeralStart() - 1));
    int port = ports.iterator().next();
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aPortInUseIsNotHandedOut() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < 200; i++) {
        assertThat(FreePort.find()).isNotEqualTo(taken.getLocalPort());
      }
    }
  }
}
