package dev.movielake.lakehouse.sql;

import dev.movielake.lakehouse.LakehouseException;

/** A statement that writes, refused before it ran because the session only reads. */
public final class StatementRefused extends LakehouseException {
  private final StatementKind kind;

  public StatementRefused(StatementKind kind) {
    super(
        kind.name()
            + " writes, and this session is read-only (--read-only): only queries, SHOW, DESCRIBE,"
            + " EXPLAIN and USE run; leave out --read-only to run it");
    this.kind = kind;
  }

  public StatementKind kind() {
    return kind;
  }
}
