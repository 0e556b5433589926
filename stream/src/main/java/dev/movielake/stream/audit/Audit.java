package dev.movielake.stream.audit;

import dev.movielake.model.Layer;
import java.time.Instant;
import java.util.List;

/**
 * One entry of the audit log: a batch's verdict, or an operator's decision on a held batch.
 *
 * @param batch what was audited: a stream's {@code id/batch}, or a gold refresh
 * @param branch the Iceberg branch the batch was written to
 * @param rows the rows the batch wrote (on its branch)
 * @param failures each failed expectation with its numbers; empty for a passed batch
 * @param note who decided, or why: empty for the pipeline's own verdicts
 */
public record Audit(
    Instant auditedAt,
    Layer layer,
    String table,
    String batch,
    String branch,
    AuditState state,
    long rows,
    List<String> failures,
    String note) {
  public Audit {
    failures = List.copyOf(failures);
  }

  /** {@code layer.table}, as the CLI and the API name tables. */
  public String qualifiedTable() {
    return layer.id() + "." + table;
  }

  /** How {@code ./pipeline audits show|release|discard} name the batch: layer, table, batch. */
  public String commandArguments() {
    return layer.id() + " " + table + " " + batch;
  }

  /** The same batch, decided anew. */
  public Audit decided(AuditState newState, Instant at, String newNote) {
    return new Audit(at, layer, table, batch, branch, newState, rows, failures, newNote);
  }
}
