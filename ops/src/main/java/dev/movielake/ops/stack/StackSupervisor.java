package dev.movielake.ops.stack;

import dev.movielake.infra.process.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The one process that owns a stack's services, so they outlive the command that started them:
 * started in the background ({@link #launch}), running the stack until SIGTERM ({@link
 * #supervise}), and stopped with whatever it left behind ({@link #stop}). It tells the other
 * commands how it is doing through {@code stack.json} ({@link StackState}).
 */
public final class StackSupervisor {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);

  /** What a launch tells while it waits for the stack. */
  public interface Progress {
    /** The supervisor process started. */
    void started(long pid);

    /** The supervisor began a step of the stack's start, e.g. {@code starting Kafka}. */
    void step(String line);
  }

  /**
   * How a stop went.
   *
   * @param wasRunning false when no supervisor was alive (left-over services were still killed)
   * @param killed service processes that had to be killed because they outlived the supervisor
   */
  public record Stop(boolean wasRunning, int killed) {}

  private StackSupervisor() {}

  /**
   * Starts the supervisor in a JVM of its own and waits until the stack is ready; on a failure or
   * after the start's time limit the supervisor is stopped and the reason thrown.
   *
   * @param pipelineMainClass and {@code arguments}: the command line that supervises this folder;
   *     it is the {@code pipeline} program's, which is built on this module
   * @return the ready stack's state
   */
  public static StackState launch(
      Path folder, String pipelineMainClass, List<String> arguments, Progress progress) {
    StackState.read(folder)
        .filter(StackState::supervisorAlive)
        .ifPresent(
            state -> {
              throw new IllegalStateException(
                  "a stack supervisor (pid "
                      + state.supervisorPid()
                      + ") is still "
                      + state.status().name().toLowerCase()
                      + " in "
                      + folder
                      + "; wait, or run 'pipeline stack down' first");
            });
    StackState.delete(folder);
    ChildJvm supervisor =
        ChildJvm.start(
            pipelineMainClass, arguments, Map.of(), folder.resolve("logs").resolve("stack.log"));
    progress.started(supervisor.pid());
    int printed = 0;
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      Optional<StackState> state =
          StackState.read(folder).filter(s -> s.supervisorPid() == supervisor.pid());
      if (state.isPresent()) {
        for (; printed < state.get().progress().size(); printed++) {
          progress.step(state.get().progress().get(printed));
        }
        if (state.get().status() == StackState.Status.READY) {
          return state.get();
        }
        if (state.get().status() == StackState.Status.FAILED) {
          throw new IllegalStateException(
              "the stack failed to start: "
                  + state.get().error().orElse("(no reason)")
                  + "; its log is "
                  + supervisor.log());
        }
      }
      if (!supervisor.isAlive()) {
        throw new IllegalStateException(
            "the stack supervisor ended while starting; the end of its log "
                + supervisor.log()
                + ":\n"
                + supervisor.logTail());
      }
      sleep(Duration.ofMillis(300));
    }
    supervisor.stop(STOP_TIMEOUT);
    throw new IllegalStateException(
        "the stack did not start within "
            + START_TIMEOUT.toMinutes()
            + " minutes and was stopped; see "
            + supervisor.log());
  }

  /**
   * Runs the stack in this process until the process is stopped (SIGTERM), whose shutdown hook
   * stops the services in order and records the stack as stopped.
   *
   * @param ready told the services once every one has started
   */
  public static void supervise(Path folder, Consumer<List<LocalStack.Service>> ready) {
    long pid = ProcessHandle.current().pid();
    StackState[] state = {StackState.starting(pid)};
    state[0].write(folder);
    LocalStack stack;
    try {
      stack =
          LocalStack.start(
              folder,
              step -> {
                state[0] = state[0].step(step);
                state[0].write(folder);
              });
    } catch (RuntimeException e) {
      state[0]
          .with(StackState.Status.FAILED, Optional.of(String.valueOf(e.getMessage())), List.of())
          .write(folder);
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    stack.close();
                  } finally {
                    state[0]
                        .with(StackState.Status.STOPPED, Optional.empty(), state[0].services())
                        .write(folder);
                    stopped.countDown();
                  }
                },
                "stack-shutdown"));
    StackEnvironment.write(folder, stack.environment());
    state[0] = state[0].with(StackState.Status.READY, Optional.empty(), stack.services());
    state[0].write(folder);
    ready.accept(stack.services());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops the supervisor (SIGTERM, so it stops the services in order; SIGKILL after a minute), then
   * any service process still alive; the data stays in the folder.
   *
   * @param stopping told the supervisor's pid before it is stopped
   */
  public static Stop stop(Path folder, LongConsumer stopping) {
    Optional<StackState> state = StackState.read(folder);
    if (state.isEmpty() || !state.get().supervisorAlive()) {
      int killed = state.map(StackSupervisor::killLeftovers).orElse(0);
      StackState.delete(folder);
      return new Stop(false, killed);
    }
    ProcessHandle supervisor = ProcessHandle.of(state.get().supervisorPid()).orElseThrow();
    stopping.accept(supervisor.pid());
    supervisor.destroy(); // SIGTERM: its shutdown hook stops the services in order
    Instant deadline = Instant.now().plus(STOP_TIMEOUT);
    while (supervisor.isAlive() && Instant.now().isBefore(deadline)) {
      sleep(Duration.ofMillis(200));
    }
    if (supervisor.isAlive()) {
      supervisor.destroyForcibly();
    }
    int killed = killLeftovers(state.get());
    StackState.delete(folder);
    return new Stop(true, killed);
  }

  private static int killLeftovers(StackState state) {
    int killed = 0;
    for (LocalStack.Service service : state.services()) {
      Optional<ProcessHandle> process =
          ProcessHandle.of(service.pid()).filter(ProcessHandle::isAlive);
      if (process.isPresent() && service.pid() != state.supervisorPid()) {
        process.get().destroyForcibly();
        killed++;
      }
    }
    return killed;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
