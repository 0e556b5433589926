package dev.movielake.lakehouse.table;

import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.TableName;

/**
 * A branch cannot be fast-forwarded into {@code main}: another writer committed to {@code main}
 * after the branch was made from it (a stream moving held rows, a compaction). Its commits have to
 * be written again on top of {@code main}.
 */
public final class BranchDivergedException extends LakehouseException {
  private final long mainSnapshot;
  private final long branchSnapshot;

  public BranchDivergedException(
      TableName table, String branch, long mainSnapshot, long branchSnapshot) {
    super(
        "cannot fast-forward main of "
            + table
            + " to branch "
            + branch
            + ": main (snapshot "
            + mainSnapshot
            + ") is not an ancestor of the branch (snapshot "
            + branchSnapshot
            + "), another commit reached main since the branch was made; write the branch's rows"
            + " again on top of main");
    this.mainSnapshot = mainSnapshot;
    this.branchSnapshot = branchSnapshot;
  }

  public long mainSnapshot() {
    return mainSnapshot;
  }

  public long branchSnapshot() {
    return branchSnapshot;
  }
}
