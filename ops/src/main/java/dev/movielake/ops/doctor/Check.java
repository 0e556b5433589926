package dev.movielake.ops.doctor;

import java.time.Duration;
import java.util.List;

/**
 * One dependency the doctor examines. A check only reads: it creates no namespace, bucket, topic or
 * file, and starts neither Spark nor an embedded server.
 */
public interface Check {
  /** The name in the CHECK column, e.g. {@code kafka}. */
  String name();

  /** What was found: usually one finding, one per table for the tables. */
  List<Finding> run() throws Exception;

  /** How long this check may take, given the doctor's limit for one check. */
  default Duration timeout(Duration standard) {
    return standard;
  }

  /** What a check that did not finish within {@code limit} means, with its fix. */
  default Finding timedOut(Duration limit) {
    return Finding.broken(
        name(),
        "no answer within " + limit.toSeconds() + " s",
        "check that the " + name() + " service is running and reachable from this machine");
  }
}
