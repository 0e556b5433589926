package dev.movielake.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.bench.RecordDifference.ComparedRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The crash benchmark's comparison: records as multisets, floating-point values equal within
 * rounding, and a changed record counted as one lost and one extra.
 */
class RecordDifferenceTest {
  private static ComparedRecord record(String exact, double... numbers) {
    return new ComparedRecord(exact, numbers);
  }

  @Test
  void sameRecordsInAnotherOrderDifferInNothing() {
    RecordDifference difference =
        RecordDifference.between(
            "silver.movies_clean",
            List.of(record("id=1", 7.5), record("id=2", 6.0), record("id=2", 6.0)),
            List.of(record("id=2", 6.0), record("id=1", 7.5), record("id=2", 6.0)));

    assertThat(difference.lost()).isZero();
    assertThat(difference.duplicated()).isZero();
    assertThat(difference.examples()).isEmpty();
  }

  @Test
  void averagesSummedInAnotherOrderAreEqualButOtherValuesAreNot() {
    double inOrder = (0.1 + 0.2 + 0.3) / 3;
    double otherOrder = (0.3 + 0.2 + 0.1) / 3;
    assertThat(inOrder).isNotEqualTo(otherOrder);

    assertThat(
            RecordDifference.between(
                    "gold.movies_by_year_genre",
                    List.of(record("year=2001", inOrder, Double.NaN)),
                    List.of(record("year=2001", otherOrder, Double.NaN)))
                .lost())
        .isZero();
    assertThat(
            RecordDifference.between(
                    "gold.movies_by_year_genre",
                    List.of(record("year=2001", 0.2)),
                    List.of(record("year=2001", 0.2000001)))
                .lost())
        .isEqualTo(1);
  }

  @Test
  void missingCopiesAreLostExtraCopiesDuplicatedAndAChangedRecordIsBoth() {
    RecordDifference difference =
        RecordDifference.between(
            "mongodb.movies",
            List.of(record("id=1"), record("id=2"), record("id=3 title=new")),
            List.of(record("id=1"), record("id=1"), record("id=3 title=old")));

    assertThat(difference.referenceRecords()).isEqualTo(3);
    assertThat(difference.crashedRecords()).isEqualTo(3);
    assertThat(difference.lost()).isEqualTo(2); // id=2, and id=3's new version
    assertThat(difference.duplicated()).isEqualTo(2); // the second id=1, and id=3's old version
    assertThat(difference.examples())
        .contains("lost: id=2", "lost: id=3 title=new", "extra: id=3 title=old");
  }
}
