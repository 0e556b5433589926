package dev.movielake.lakehouse.sql;

import dev.movielake.lakehouse.LakehouseException;

/** A statement whose Spark jobs were cancelled while it ran (Ctrl-C in the shell). */
public final class StatementCancelled extends LakehouseException {
  public StatementCancelled(Throwable cause) {
    super("cancelled", cause);
  }
}
