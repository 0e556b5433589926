package dev.movielake.ops.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-or-connect decision on one folder, with a real TCP listener as the server: one owner
 * among racing processes (threads here), stale addresses, and the take-over on the same port.
 */
class SharedServerFolderTest {
  private static final Duration WATCH = Duration.ofMillis(100);

  @TempDir Path folder;

  /** Starts listeners on the given port (or any); counts the starts, as a server's data would. */
  private final AtomicInteger starts = new AtomicInteger();

  private final AtomicInteger running = new AtomicInteger();

  private SharedServerFolder shared() {
    return new SharedServerFolder(
        folder,
        "test-server",
        "test server",
        port -> {
          starts.incrementAndGet();
          if (running.incrementAndGet() > 1) {
            throw new IllegalStateException("the data was opened twice");
          }
          ServerSocket listener = listen(port.orElse(0));
          return new SharedServerFolder.StartedServer(
              "127.0.0.1:" + listener.getLocalPort(),
              () -> {
                running.decrementAndGet();
                close(listener);
              });
        },
        SharedServerFolderTest::answers,
        WATCH);
  }

  @Test
  void processesStartingAtOnceStartOneServerAndAllConnectToIt() throws Exception {
    int processes = 6;
    CyclicBarrier together = new CyclicBarrier(processes);
    ExecutorService threads = Executors.newFixedThreadPool(processes);
    List<SharedServerFolder.Membership> members = new ArrayList<>();
    try {
      List<Future<SharedServerFolder.Membership>> joins = new ArrayList<>();
      for (int i = 0; i < processes; i++) {
        Callable<SharedServerFolder.Membership> join =
            () -> {
              together.await();
              return shared().join();
            };
        joins.add(threads.submit(join));
      }
      for (Future<SharedServerFolder.Membership> join : joins) {
        members.add(join.get(30, TimeUnit.SECONDS));
      }
      assertThat(starts).hasValue(1);
      assertThat(members).filteredOn(SharedServerFolder.Membership::owner).hasSize(1);
      assertThat(members)
          .extracting(SharedServerFolder.Membership::address)
          .containsOnly(members.get(0).address());
      assertThat(answers(members.get(0).address())).isTrue();
    } finally {
      members.forEach(SharedServerFolder.Membership::close);
      threads.shutdownNow();
    }
    assertThat(running).as("closing every member stops the server").hasValue(0);
  }

  @Test
  void whenTheOwnerStopsAConnectedProcessTakesOverOnTheSamePort() throws Exception {
    SharedServerFolder.Membership owner = shared().join();
    SharedServerFolder.Membership guest = shared().join();
    String address = owner.address();
    assertThat(guest.owner()).isFalse();

    owner.close();
    awaitOwner(guest);
    assertThat(guest.address()).isEqualTo(address);
    assertThat(answers(address)).as("the same address answers again").isTrue();
    assertThat(starts).hasValue(2);

    // A process starting now connects to the one that took over.
    try (SharedServerFolder.Membership late = shared().join()) {
      assertThat(late.owner()).isFalse();
      assertThat(late.address()).isEqualTo(address);
    }
    guest.close();
    assertThat(running).hasValue(0);
    assertThat(answers(address)).isFalse();
  }

  @Test
  void aStaleAddressWithNoOwnerIsRestartedOnItsPortOrOnAnotherWhenTaken() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    SharedServerFolder shared = shared();
    // Left by a killed owner: nothing holds the owner lock.
    Files.writeString(shared.addressFile(), "127.0.0.1:" + port + "\n4242\n");
    try (SharedServerFolder.Membership restarted = shared.join()) {
      assertThat(restarted.owner()).isTrue();
      assertThat(restarted.address()).isEqualTo("127.0.0.1:" + port);
    }

    try (ServerSocket otherProgram = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        SharedServerFolder.Membership moved = shared.join()) {
      assertThat(moved.owner())
          .as("a program's listener there is not taken for the server")
          .isTrue();
      assertThat(moved.address()).isNotEqualTo("127.0.0.1:" + port);
      assertThat(Files.readString(shared.addressFile())).startsWith(moved.address() + "\n");
    }
  }

  private static void awaitOwner(SharedServerFolder.Membership member) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!member.owner()) {
      assertThat(System.nanoTime()).as("taken over within 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static ServerSocket listen(int port) {
    try {
      ServerSocket listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      return listener;
    } catch (IOException e) {
      if (port != 0) {
        return listen(0); // as the real servers do when their last port is taken
      }
      throw new UncheckedIOException(e);
    }
  }

  private static void close(ServerSocket listener) {
    try {
      listener.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean answers(String address) {
    int colon = address.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(
              address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
          500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
