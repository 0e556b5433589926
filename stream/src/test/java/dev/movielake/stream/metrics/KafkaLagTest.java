package dev.movielake.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

/** The lag from Kafka's offsets in Spark's JSON form, as a Kafka source's progress reports them. */
class KafkaLagTest {
  @Test
  void theLagOfATopicIsTheSumOverItsPartitions() {
    assertThat(
            KafkaLag.of(
                "{\"movies\":{\"0\":100,\"1\":40,\"2\":7},\"people\":{\"0\":12}}",
                "{\"movies\":{\"0\":130,\"1\":40,\"2\":17},\"people\":{\"0\":12}}"))
        .containsOnly(entry("movies", 40L), entry("people", 0L));
  }

  @Test
  void aPartitionTheBatchDidNotKnowIsLeftToTheNextBatch() {
    assertThat(KafkaLag.of("{\"movies\":{\"0\":5}}", "{\"movies\":{\"0\":9,\"1\":3}}"))
        .containsEntry("movies", 4L);
  }

  @Test
  void otherSourcesAndMissingOffsetsHaveNoLag() {
    String iceberg = "{\"version\":1,\"snapshot_id\":42,\"position\":3,\"scan_all_files\":false}";
    assertThat(KafkaLag.of(iceberg, iceberg)).isEmpty();
    assertThat(KafkaLag.of("{\"movies\":{\"0\":5}}", null)).isEmpty();
    assertThat(KafkaLag.of(null, "{\"movies\":{\"0\":5}}")).isEmpty();
    assertThat(KafkaLag.of("not json", "{\"movies\":{\"0\":5}}")).isEmpty();
  }
}
