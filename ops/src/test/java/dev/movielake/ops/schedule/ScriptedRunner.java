package dev.movielake.ops.schedule;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A job runner that plays back outcomes the test queued, optionally holding each attempt until the
 * test releases it, and records every attempt it was asked to make.
 */
final class ScriptedRunner implements JobRunner {
  record Call(String job, int attempt, Duration timeout) {}

  private final Deque<Attempt> outcomes = new ArrayDeque<>();
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private volatile CountDownLatch hold = new CountDownLatch(0);
  private final CountDownLatch firstCall = new CountDownLatch(1);
  private volatile Runnable onRun = () -> {};

  ScriptedRunner then(Attempt... attempts) {
    outcomes.addAll(List.of(attempts));
    return this;
  }

  /** Attempts block until {@link #release()}. */
  ScriptedRunner holding() {
    hold = new CountDownLatch(1);
    return this;
  }

  /** Runs at the start of every attempt. */
  ScriptedRunner onRun(Runnable action) {
    onRun = action;
    return this;
  }

  void release() {
    hold.countDown();
  }

  void awaitFirstCall() throws InterruptedException {
    if (!firstCall.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the scheduler never ran the job");
    }
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public Attempt run(ScheduledJob job, int attempt, Duration timeout) throws InterruptedException {
    calls.add(new Call(job.name(), attempt, timeout));
    onRun.run();
    firstCall.countDown();
    hold.await();
    synchronized (outcomes) {
      return outcomes.isEmpty() ? Attempt.success(Optional.empty()) : outcomes.removeFirst();
    }
  }
}
