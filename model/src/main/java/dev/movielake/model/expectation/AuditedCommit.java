package dev.movielake.model.expectation;

/**
 * What an audited commit of a silver or gold table says about itself in its Iceberg snapshot
 * summary, and how its branch is named: the stream writes these, and anything reading the catalog's
 * metadata alone (the API, its metrics) finds held and published batches from them.
 */
public final class AuditedCommit {
  /**
   * The verdict the batch was committed under: {@code passed}, {@code held} or {@code released}.
   */
  public static final String VERDICT = "movielake.audit.verdict";

  /** The batch, as the audit log names it (a stream's {@code id/batch}, a gold refresh). */
  public static final String BATCH = "movielake.audit.batch";

  /** A held batch's failed expectations with their numbers, separated by {@value #SEPARATOR}. */
  public static final String FAILURES = "movielake.audit.failures";

  public static final String SEPARATOR = "; ";

  /** Every audit branch's name starts with it; a held batch's branch is the only one left. */
  public static final String BRANCH_PREFIX = "audit_";

  private AuditedCommit() {}
}
