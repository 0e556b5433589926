package dev.movielake.stream.audit;

/**
 * A batch held by its audit, under the {@code stop} policy: its rows wait on their branch, {@code
 * main} has nothing of them, and the stream stops on the batch. Once an operator releases or
 * discards it ({@code ./pipeline audits}), the restarted stream goes on from it, exactly once.
 */
public final class BatchHeldException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Audit audit;

  public BatchHeldException(Audit audit) {
    super(
        audit.qualifiedTable()
            + " batch "
            + audit.batch()
            + " is held on branch "
            + audit.branch()
            + ", main has nothing of it: "
            + String.join("; ", audit.failures())
            + ". The stream stops on this batch; see it with './pipeline audits show "
            + audit.commandArguments()
            + "', then release it ('./pipeline audits release ...') or discard it ('./pipeline"
            + " audits discard ...') and start the stream again.");
    this.audit = audit;
  }

  public Audit audit() {
    return audit;
  }
}
