package dev.movielake.ops.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of an embedded server (the Kafka broker's, the MongoDB file's) shared by every
 * pipeline process on one LAKEHOUSE_HOME: only one process may open the server's data, so the first
 * process that needs the server starts it (its <em>owner</em>) and writes its address next to the
 * data; later processes connect to that address.
 *
 * <p>Three files in the folder: {@code NAME.start.lock}, held only while a process decides whether
 * to start the server or connect to it, so two processes starting at once never both open the data;
 * {@code NAME.owner.lock}, held by the owner for the server's lifetime, so a free lock means that
 * no server runs whatever an address file says (a killed owner leaves its address behind); {@code
 * NAME.address}, the owner's address and process id.
 *
 * <p>A process that connected watches the owner lock: when the owner stops, the first one to see it
 * takes the lock and starts the server on the same port, so every client's address stays valid and
 * Kafka's and MongoDB's clients reconnect by themselves. A process starting after every process
 * stopped starts the server on the recorded port too, when it is free.
 *
 * <p>File locks belong to a process, not a thread, and on Linux closing any channel on a file
 * releases every lock this process holds on it: the folders owned in this JVM are therefore known
 * from a set, and a lock file is only opened by a process that does not own it.
 */
final class SharedServerFolder {
  private static final Logger log = LoggerFactory.getLogger(SharedServerFolder.class);

  /** How long a process waits for an owner's recorded address to answer before it gives up. */
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);

  static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

  private static final Pattern PORT = Pattern.compile(":(\\d+)/?$");
  private static final Set<Path> OWNED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  /** The channel holding this JVM's owner lock, per folder; closed only to release it. */
  private static final ConcurrentMap<Path, FileChannel> OWNER_CHANNELS = new ConcurrentHashMap<>();

  private static final ConcurrentMap<Path, ReentrantLock> ELECTIONS_IN_THIS_JVM =
      new ConcurrentHashMap<>();

  /** A server this process started, and how to stop it. */
  record StartedServer(String address, Runnable stop) {}

  private final Path folder;
  private final String serverName;
  private final Path startLock;
  private final Path ownerLock;
  private final Path addressFile;
  private final Function<OptionalInt, StartedServer> starter;
  private final Predicate<String> answers;
  private final Duration watchInterval;

  /**
   * @param name the files' prefix, e.g. {@code kafka-broker}
   * @param serverName how log lines and errors name the server, e.g. {@code embedded Kafka broker}
   * @param starter starts the server on the given port when it is free, else on any free port
   * @param answers whether a server answers at an address (a short probe)
   */
  SharedServerFolder(
      Path folder,
      String name,
      String serverName,
      Function<OptionalInt, StartedServer> starter,
      Predicate<String> answers,
      Duration watchInterval) {
    this.folder = folder.toAbsolutePath().normalize();
    this.serverName = serverName;
    this.startLock = this.folder.resolve(name + ".start.lock");
    this.ownerLock = this.folder.resolve(name + ".owner.lock");
    this.addressFile = this.folder.resolve(name + ".address");
    this.starter = starter;
    this.answers = answers;
    this.watchInterval = watchInterval;
  }

  Path addressFile() {
    return addressFile;
  }

  /**
   * Starts the server, or connects to the one another process owns: decided under the start lock.
   */
  Membership join() {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the " + serverName + "'s folder " + folder, e);
    }
    return underStartLock(
        () -> {
          Optional<Recorded> recorded = recorded();
          if (ownerRuns()) {
            Recorded owner =
                recorded.orElseThrow(
                    () ->
                        new IllegalStateException(
                            "the "
                                + serverName
                                + " in "
                                + folder
                                + " is held by a process that wrote no "
                                + addressFile.getFileName()
                                + " (an older pipeline version?); stop it and run again"));
            awaitAnswer(owner);
            log.info(
                "The {} is owned by pipeline process {} at {}: this process (pid {}) connects to"
                    + " it and takes it over if that process stops",
                serverName,
                owner.pid(),
                owner.address(),
                ProcessHandle.current().pid());
            Membership guest = new Membership(owner.address(), null);
            guest.watch();
            return guest;
          }
          // A killed owner's address names the port its clients still use: the server restarts
          // there.
          StartedServer server =
              startOwned(recorded.map(owner -> port(owner.address())).orElse(OptionalInt.empty()));
          log.info(
              "This process (pid {}) owns the {} at {} with data in {}; other pipeline processes on"
                  + " this LAKEHOUSE_HOME connect to it",
              ProcessHandle.current().pid(),
              serverName,
              server.address(),
              folder);
          return new Membership(server.address(), server);
        });
  }

  /**
   * This process's use of the server: as its owner, or connected to another process's server, which
   * it takes over when that process stops.
   */
  final class Membership implements AutoCloseable {
    private final String address;
    private final Object monitor = new Object();
    private StartedServer owned;
    private boolean closed;
    private Thread watcher;

    private Membership(String address, StartedServer owned) {
      this.address = address;
      this.owned = owned;
    }

    /** The address every client of this process uses, before and after a take-over. */
    String address() {
      return address;
    }

    /** Whether this process runs the server now. */
    boolean owner() {
      synchronized (monitor) {
        return owned != null;
      }
    }

    private void watch() {
      watcher = new Thread(this::watchOwner, "shared-server-watch-" + folder.getFileName());
      watcher.setDaemon(true);
      watcher.start();
    }

    private void watchOwner() {
      while (true) {
        synchronized (monitor) {
          long deadline = System.nanoTime() + watchInterval.toNanos();
          for (long left = watchInterval.toMillis(); !closed && left > 0; ) {
            try {
              monitor.wait(left);
            } catch (InterruptedException e) {
              return;
            }
            left = (deadline - System.nanoTime()) / 1_000_000;
          }
          if (closed) {
            return;
          }
        }
        try {
          if (tryTakeOver()) {
            return;
          }
        } catch (RuntimeException e) {
          // Another process may take it over; this one tries again at the next tick.
          log.warn("Cannot take over the {} in {}: {}", serverName, folder, e.getMessage());
        }
      }
    }

    private boolean tryTakeOver() {
      return underStartLock(
          () -> {
            if (ownerRuns()) {
              return false;
            }
            synchronized (monitor) {
              if (closed) {
                return true;
              }
              StartedServer server = startOwned(port(address));
              owned = server;
              if (server.address().equals(address)) {
                log.info(
                    "The process that owned the {} stopped; this process (pid {}) took it over at"
                        + " {}",
                    serverName,
                    ProcessHandle.current().pid(),
                    address);
              } else {
                log.warn(
                    "The process that owned the {} stopped; this process (pid {}) took it over,"
                        + " but {} was taken so it listens on {}: restart the pipeline processes"
                        + " that used {}",
                    serverName,
                    ProcessHandle.current().pid(),
                    address,
                    server.address(),
                    address);
              }
              return true;
            }
          });
    }

    /** An owner stops the server (another process then takes it over); a guest stops watching. */
    @Override
    public void close() {
      Thread watching;
      synchronized (monitor) {
        if (closed) {
          return;
        }
        closed = true;
        monitor.notifyAll();
        watching = watcher;
      }
      if (watching != null && watching != Thread.currentThread()) {
        try {
          watching.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      StartedServer server;
      synchronized (monitor) {
        server = owned;
        owned = null;
      }
      if (server != null) {
        // Under the start lock, so a process joining meanwhile sees the server either running or
        // gone.
        underStartLock(
            () -> {
              server.stop().run();
              releaseOwnerLock();
              return null;
            });
      }
    }
  }

  /** What the address file says: the owner's address and process id. */
  private record Recorded(String address, String pid) {}

  private static OptionalInt port(String address) {
    Matcher matcher = PORT.matcher(address.strip());
    return matcher.find()
        ? OptionalInt.of(Integer.parseInt(matcher.group(1)))
        : OptionalInt.empty();
  }

  /** Takes the owner lock, starts the server and records its address; all under the start lock. */
  private StartedServer startOwned(OptionalInt preferredPort) {
    FileChannel channel;
    try {
      channel = FileChannel.open(ownerLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "the " + serverName + " in " + folder + " was started by another process meanwhile");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + ownerLock, e);
    }
    OWNED_IN_THIS_JVM.add(folder);
    OWNER_CHANNELS.put(folder, channel);
    StartedServer server;
    try {
      server = starter.apply(preferredPort);
    } catch (RuntimeException e) {
      releaseOwnerLock();
      throw e;
    }
    try {
      Path written = Files.createTempFile(folder, addressFile.getFileName().toString(), ".tmp");
      Files.writeString(
          written,
          server.address() + "\n" + ProcessHandle.current().pid() + "\n",
          StandardCharsets.UTF_8);
      Files.move(
          written,
          addressFile,
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      server.stop().run();
      releaseOwnerLock();
      throw new UncheckedIOException("cannot write " + addressFile, e);
    }
    return server;
  }

  private void releaseOwnerLock() {
    FileChannel channel = OWNER_CHANNELS.remove(folder);
    try {
      if (channel != null) {
        channel.close(); // releases the lock
      }
    } catch (IOException e) {
      log.warn("cannot release {}: {}", ownerLock, e.getMessage());
    } finally {
      OWNED_IN_THIS_JVM.remove(folder);
    }
  }

  /** Whether a process (this one or another) holds the owner lock: its server runs. */
  private boolean ownerRuns() {
    if (OWNED_IN_THIS_JVM.contains(folder)) {
      return true;
    }
    try (FileChannel channel =
        FileChannel.open(ownerLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + ownerLock, e);
    }
  }

  private Optional<Recorded> recorded() {
    if (!Files.isRegularFile(addressFile)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(addressFile, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.get(0).isBlank()) {
        return Optional.empty();
      }
      return Optional.of(
          new Recorded(lines.get(0).strip(), lines.size() > 1 ? lines.get(1).strip() : "?"));
    } catch (IOException e) {
      return Optional.empty(); // unreadable: treated as absent, the owner lock decides
    }
  }

  private void awaitAnswer(Recorded owner) {
    long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
    while (!answers.test(owner.address())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the "
                + serverName
                + " of pipeline process "
                + owner.pid()
                + " does not answer at "
                + owner.address()
                + " within "
                + ANSWER_TIMEOUT.toSeconds()
                + " s although that process holds "
                + ownerLock
                + "; stop that process (or wait until it has started) and run again");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while connecting to the " + serverName, e);
      }
    }
  }

  private interface Decision<T> {
    T decide();
  }

  /** Runs {@code decision} holding the start lock: the JVM's threads, then the processes. */
  private <T> T underStartLock(Decision<T> decision) {
    ReentrantLock inThisJvm =
        ELECTIONS_IN_THIS_JVM.computeIfAbsent(folder, key -> new ReentrantLock());
    inThisJvm.lock();
    try {
      if (inThisJvm.getHoldCount() > 1) {
        return decision.decide(); // this thread already holds the file lock
      }
      try (FileChannel channel =
              FileChannel.open(startLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        return decision.decide();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock " + startLock, e);
      }
    } finally {
      inThisJvm.unlock();
    }
  }
}
