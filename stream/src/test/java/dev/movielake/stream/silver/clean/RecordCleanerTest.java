package dev.movielake.stream.silver.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.model.RecordType;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RecordCleanerTest {
  private static final LocalDate TODAY = LocalDate.of(2024, 6, 1);

  @Test
  void choosesTheCleanerOfEachSilverRecordType() {
    assertThat(RecordCleaner.of(RecordType.MOVIES, TODAY)).isInstanceOf(MovieCleaner.class);
    assertThat(RecordCleaner.of(RecordType.PEOPLE, TODAY)).isInstanceOf(PersonCleaner.class);
    assertThat(RecordCleaner.of(RecordType.CREDITS, TODAY)).isInstanceOf(CreditCleaner.class);
    assertThat(RecordCleaner.of(RecordType.REVIEWS, TODAY)).isInstanceOf(ReviewCleaner.class);
  }

  @Test
  void refusesRatingsWhichStayInBronze() {
    assertThatThrownBy(() -> RecordCleaner.of(RecordType.RATINGS, TODAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratings");
  }
}
