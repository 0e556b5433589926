package dev.movielake.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one table or collection of a crashed run differs from the same one of an uninterrupted run,
 * compared as multisets of records: {@code lost} counts the reference's records the crashed run
 * lacks, {@code duplicated} the crashed run's records beyond the reference's copies. A record with
 * other content (a stale version, say) counts once in each.
 *
 * @param place where the records are, e.g. {@code silver.movies_clean} or {@code mongodb.movies}
 * @param examples a few of the lost and extra records, to tell what went wrong
 */
public record RecordDifference(
    String place,
    long referenceRecords,
    long crashedRecords,
    long lost,
    long duplicated,
    List<String> examples) {
  private static final int EXAMPLES = 3;

  public RecordDifference {
    examples = List.copyOf(examples);
  }

  /**
   * Floating-point values that agree to this relative precision are equal: averages summed in
   * another order (other files, other micro-batches) differ in their last bits.
   */
  static final double RELATIVE_TOLERANCE = 1e-9;

  /**
   * A record as compared: everything but its floating-point values, as text, and those values
   * apart, compared with {@link #RELATIVE_TOLERANCE}.
   */
  record ComparedRecord(String exact, double[] numbers) {
    boolean numbersClose(ComparedRecord other) {
      if (numbers.length != other.numbers.length) {
        return false;
      }
      for (int index = 0; index < numbers.length; index++) {
        double left = numbers[index];
        double right = other.numbers[index];
        if (Double.isNaN(left) || Double.isNaN(right)) {
          if (Double.isNaN(left) != Double.isNaN(right)) {
            return false;
          }
          continue;
        }
        double scale = Math.max(1.0, Math.max(Math.abs(left), Math.abs(right)));
        if (Math.abs(left - right) > RELATIVE_TOLERANCE * scale) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return exact + (numbers.length == 0 ? "" : " " + Arrays.toString(numbers));
    }
  }

  static RecordDifference between(
      String place, List<ComparedRecord> reference, List<ComparedRecord> crashed) {
    Map<String, List<ComparedRecord>> unmatched = new HashMap<>();
    for (ComparedRecord record : crashed) {
      unmatched.computeIfAbsent(record.exact(), exact -> new ArrayList<>()).add(record);
    }
    long lost = 0;
    List<String> examples = new ArrayList<>();
    for (ComparedRecord record : reference) {
      List<ComparedRecord> candidates = unmatched.getOrDefault(record.exact(), List.of());
      int match = -1;
      for (int index = 0; index < candidates.size() && match < 0; index++) {
        if (candidates.get(index).numbersClose(record)) {
          match = index;
        }
      }
      if (match < 0) {
        lost++;
        if (examples.size() < EXAMPLES) {
          examples.add("lost: " + record);
        }
      } else {
        candidates.remove(match);
      }
    }
    long duplicated = unmatched.values().stream().mapToLong(List::size).sum();
    unmatched.values().stream()
        .flatMap(List::stream)
        .limit(EXAMPLES)
        .forEach(record -> examples.add("extra: " + record));
    return new RecordDifference(
        place, reference.size(), crashed.size(), lost, duplicated, examples);
  }
}
