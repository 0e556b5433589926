package dev.movielake.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the eight writer processes of the concurrency benchmark write, round by round, and so what
 * the table must hold when they are done: every writer owns its key range, so the expected content
 * is known without a reference run.
 *
 * <ul>
 *   <li>an appender writes new keys each round;
 *   <li>an upserter's round covers the newer half of its previous round's keys (updated) and as
 *       many new ones (inserted);
 *   <li>the overwriter replaces its partition with the same keys each round, so only its last
 *       round's rows remain;
 *   <li>the compactor rewrites files and changes no row.
 * </ul>
 *
 * A row's version is the round that wrote it: a key left at an older version lost its update.
 *
 * @param rowsPerRound rows each data writer writes in one round
 * @param rounds rounds of each data writer
 */
public record ConcurrencyPlan(int rowsPerRound, int rounds) {
  /** Keys of one data writer start at {@code (slot + 1) * KEY_SPAN}: ranges never meet. */
  static final long KEY_SPAN = 1_000_000_000L;

  static final int APPENDERS = 3;
  static final int UPSERTERS = 3;

  /** What a writer process does with its rounds. */
  public enum Kind {
    APPEND("appender"),
    UPSERT("upserter"),
    OVERWRITE("overwriter"),
    COMPACT("compactor");

    private final String noun;

    Kind(String noun) {
      this.noun = noun;
    }

    /** The partition its rows go to; the compactor writes none. */
    public String partition() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * One writer process.
   *
   * @param slot its place among the data writers, which fixes its key range; -1 for the compactor
   */
  public record Writer(Kind kind, int number, int slot) {
    public String name() {
      return kind.noun + "-" + number;
    }

    public boolean writesRows() {
      return kind != Kind.COMPACT;
    }
  }

  /** Keys {@code first} to {@code first + count - 1}, all written with version {@code version}. */
  public record KeyRange(long first, int count, int version) {}

  /**
   * The final table against the plan.
   *
   * @param lost expected keys that are missing or hold an older version than their last round's
   * @param duplicated rows beyond the first of each key
   * @param unexpected keys in the table that no writer of the plan writes
   * @param lostByWriter lost keys per writer name, for the report's notes
   */
  public record Check(
      long expectedRows,
      long tableRows,
      long lost,
      long duplicated,
      long unexpected,
      Map<String, Long> lostByWriter) {}

  /** One row of the final table: its key and the version it holds. */
  public record StoredRow(long id, int version) {}

  public ConcurrencyPlan {
    if (rowsPerRound < 2) {
      throw new IllegalArgumentException(
          "the concurrency benchmark needs at least 2 rows per round, got " + rowsPerRound);
    }
    if (rounds < 1) {
      throw new IllegalArgumentException(
          "the concurrency benchmark needs at least 1 round, got " + rounds);
    }
    if ((long) rowsPerRound * (rounds + 1) >= KEY_SPAN) {
      throw new IllegalArgumentException(
          "rows per round times rounds must stay under "
              + KEY_SPAN
              + " so the writers' key ranges do not meet; got "
              + rowsPerRound
              + " rows and "
              + rounds
              + " rounds");
    }
  }

  /** 3 appenders, 3 upserters, 1 overwriter and 1 compactor, in the order they are started. */
  public List<Writer> writers() {
    List<Writer> writers = new ArrayList<>();
    int slot = 0;
    for (int number = 1; number <= APPENDERS; number++) {
      writers.add(new Writer(Kind.APPEND, number, slot++));
    }
    for (int number = 1; number <= UPSERTERS; number++) {
      writers.add(new Writer(Kind.UPSERT, number, slot++));
    }
    writers.add(new Writer(Kind.OVERWRITE, 1, slot));
    writers.add(new Writer(Kind.COMPACT, 1, -1));
    return writers;
  }

  /** The writer of the given name, e.g. {@code upserter-2}. */
  public Writer writer(String name) {
    return writers().stream()
        .filter(writer -> writer.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no writer named '"
                        + name
                        + "'; the plan has "
                        + writers().stream().map(Writer::name).toList()));
  }

  /** The keys a data writer writes in a round (1 to {@link #rounds}). */
  public KeyRange keys(Writer writer, int round) {
    if (!writer.writesRows()) {
      throw new IllegalArgumentException(writer.name() + " writes no rows");
    }
    if (round < 1 || round > rounds) {
      throw new IllegalArgumentException("round " + round + " is not within 1.." + rounds);
    }
    long base = (writer.slot() + 1) * KEY_SPAN;
    return switch (writer.kind()) {
      case APPEND -> new KeyRange(base + (long) (round - 1) * rowsPerRound, rowsPerRound, round);
      case UPSERT -> new KeyRange(base + (long) (round - 1) * upsertStep(), rowsPerRound, round);
      case OVERWRITE -> new KeyRange(base, rowsPerRound, round);
      case COMPACT -> throw new IllegalStateException("unreachable");
    };
  }

  /** How far an upserter's window moves each round: half its rows are updates, half inserts. */
  private int upsertStep() {
    return rowsPerRound / 2;
  }

  /** Key to version once every round of every writer committed. */
  public Map<Long, Integer> expected() {
    Map<Long, Integer> expected = new HashMap<>();
    for (Writer writer : writers()) {
      if (!writer.writesRows()) {
        continue;
      }
      for (int round = 1; round <= rounds; round++) {
        KeyRange keys = keys(writer, round);
        for (long id = keys.first(); id < keys.first() + keys.count(); id++) {
          expected.put(id, keys.version()); // later rounds replace earlier ones
        }
      }
    }
    return expected;
  }

  /** Compares the table's rows with {@link #expected()}. */
  public Check check(Collection<StoredRow> table) {
    Map<Long, Integer> expected = expected();
    Map<Long, List<Integer>> stored = new HashMap<>();
    for (StoredRow row : table) {
      stored.computeIfAbsent(row.id(), id -> new ArrayList<>(1)).add(row.version());
    }
    long duplicated = 0;
    long unexpected = 0;
    for (Map.Entry<Long, List<Integer>> key : stored.entrySet()) {
      duplicated += key.getValue().size() - 1;
      if (!expected.containsKey(key.getKey())) {
        unexpected++;
      }
    }
    long lost = 0;
    Map<String, Long> lostByWriter = new TreeMap<>();
    List<Writer> writers = writers();
    for (Map.Entry<Long, Integer> key : expected.entrySet()) {
      List<Integer> versions = stored.get(key.getKey());
      if (versions == null || !versions.contains(key.getValue())) {
        lost++;
        int slot = (int) (key.getKey() / KEY_SPAN) - 1;
        lostByWriter.merge(writers.get(slot).name(), 1L, Long::sum);
      }
    }
    return new Check(expected.size(), table.size(), lost, duplicated, unexpected, lostByWriter);
  }
}
