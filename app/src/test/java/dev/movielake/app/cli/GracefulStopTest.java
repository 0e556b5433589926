package dev.movielake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

/**
 * A real SIGTERM to this JVM: the run is asked to stop and the JVM goes on (without the handler,
 * the JVM would exit with 143 and take the test run with it).
 */
class GracefulStopTest {
  @Test
  void sigtermAsksTheRunToStopInsteadOfEndingTheJvm() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    try (GracefulStop stop = new GracefulStop(stopped::countDown)) {
      assertThat(stop.requested()).isFalse();
      Signal.raise(new Signal("TERM"));
      assertThat(stopped.await(10, TimeUnit.SECONDS)).as("the run was asked to stop").isTrue();
      assertThat(stop.requested()).isTrue();
    }
  }
}
