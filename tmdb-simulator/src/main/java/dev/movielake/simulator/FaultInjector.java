package dev.movielake.simulator;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks the fault for each request. The choice depends only on the seed and the request's number,
 * so a sequential client sees the same faults on every run; concurrent clients see the same overall
 * shares.
 */
final class FaultInjector {

  enum Fault {
    NONE,
    RATE_LIMIT,
    SERVER_ERROR,
    TIMEOUT
  }

  record Decision(Fault fault, int serverErrorStatus) {}

  private static final int[] SERVER_ERROR_STATUSES = {500, 502, 503};

  private final long seed;
  private final AtomicLong requestNumber = new AtomicLong();
  private volatile Faults faults;

  FaultInjector(long seed, Faults faults) {
    this.seed = seed;
    this.faults = faults;
  }

  Faults faults() {
    return faults;
  }

  void setFaults(Faults newFaults) {
    faults = newFaults;
  }

  Decision next() {
    Faults current = faults;
    SplittableRandom random =
        new SplittableRandom(seed * 0x9E3779B97F4A7C15L + requestNumber.getAndIncrement());
    double roll = random.nextDouble();
    int serverErrorStatus = SERVER_ERROR_STATUSES[random.nextInt(SERVER_ERROR_STATUSES.length)];
    if (roll < current.rateLimitShare()) return new Decision(Fault.RATE_LIMIT, 0);
    roll -= current.rateLimitShare();
    if (roll < current.serverErrorShare())
      return new Decision(Fault.SERVER_ERROR, serverErrorStatus);
    roll -= current.serverErrorShare();
    if (roll < current.timeoutShare()) return new Decision(Fault.TIMEOUT, 0);
    return new Decision(Fault.NONE, 0);
  }
}
