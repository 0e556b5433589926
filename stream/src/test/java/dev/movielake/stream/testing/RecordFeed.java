package dev.movielake.stream.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Deterministic TMDB-shaped messages for the five topics, in waves: each wave brings new movies
 * with their credits and reviews, new people, updated versions of earlier movies, and a little
 * garbage for the dead-letter table. Wave {@code n} is always the same records.
 */
public final class RecordFeed implements AutoCloseable {
  public static final int MOVIES_PER_WAVE = 10;

  /** Epoch seconds of wave 0's observations; each wave is observed one minute later. */
  public static final long FIRST_OBSERVATION = 1_767_261_600L; // 2026-01-01T10:00:00Z

  private static final String[] GENRES = {"Drama", "Comedy", "Horror", "Action"};
  private static final String[] REVIEW_TEXTS = {
    "An amazing film with a brilliant cast. I loved every minute of it!",
    "Boring and predictable. A waste of two hours, the worst script this year.",
    "It was fine. Some scenes worked, others did not.",
  };

  private final KafkaProducer<String, String> producer;

  public RecordFeed(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", bootstrapServers);
    properties.put("key.serializer", StringSerializer.class);
    properties.put("value.serializer", StringSerializer.class);
    properties.put("enable.idempotence", true);
    properties.put("max.in.flight.requests.per.connection", 1);
    properties.put("linger.ms", 5);
    this.producer = new KafkaProducer<>(properties);
  }

  public static void createTopics(String bootstrapServers) throws Exception {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", bootstrapServers);
    try (Admin admin = Admin.create(properties)) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("movies", 3, (short) 1),
                  new NewTopic("people", 2, (short) 1),
                  new NewTopic("credits", 2, (short) 1),
                  new NewTopic("reviews", 2, (short) 1),
                  new NewTopic("ratings", 1, (short) 1)))
          .all()
          .get();
    }
  }

  /** Sends wave {@code wave} and waits until Kafka has it. Returns the number of messages. */
  public int send(int wave) {
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    double observed = FIRST_OBSERVATION + wave * 60.0;
    for (int index = 0; index < MOVIES_PER_WAVE; index++) {
      long movieId = wave * MOVIES_PER_WAVE + index + 1L;
      records.add(movie(movieId, wave, observed));
      long personId = 10_000 + movieId;
      records.add(
          new ProducerRecord<>(
              "people",
              Long.toString(personId),
              String.format(
                  Locale.ROOT,
                  "{\"id\":%d,\"name\":\" Person %d"
                      + " \",\"birthday\":\"19%02d-03-04\",\"deathday\":null,\"popularity\":%d.5,"
                      + "\"known_for_department\":\"%s\",\"ingestion_timestamp\":%.1f,\"data_source\":\"tmdb\"}",
                  personId,
                  personId,
                  (int) (movieId % 90) + 5,
                  movieId % 30,
                  movieId % 2 == 0 ? "Acting" : "Directing",
                  observed)));
      records.add(
          new ProducerRecord<>(
              "credits",
              movieId + "_" + personId + "_cast",
              String.format(
                  Locale.ROOT,
                  "{\"movie_id\":%d,\"person_id\":%d,\"credit_type\":\"cast\",\"credit_id\":\"c%d\",\"name\":\"Person"
                      + " %d\",\"character\":\"Hero"
                      + " %d\",\"order\":%d,\"ingestion_timestamp\":%.1f,\"data_source\":\"tmdb\"}",
                  movieId,
                  personId,
                  movieId,
                  personId,
                  movieId,
                  index,
                  observed)));
      records.add(
          new ProducerRecord<>(
              "credits",
              movieId + "_" + (personId + 1) + "_crew",
              String.format(
                  Locale.ROOT,
                  "{\"movie_id\":%d,\"person_id\":%d,\"credit_type\":\"crew\",\"credit_id\":\"d%d\",\"name\":\"Person"
                      + " %d\",\"job\":\"Director\",\"department\":\"Directing\","
                      + "\"ingestion_timestamp\":%.1f,\"data_source\":\"tmdb\"}",
                  movieId,
                  personId + 1,
                  movieId,
                  personId + 1,
                  observed)));
      records.add(
          new ProducerRecord<>(
              "reviews",
              "r" + movieId,
              String.format(
                  Locale.ROOT,
                  "{\"id\":\"r%d\",\"movie_id\":%d,\"author\":\"critic%d\",\"content\":\"%s\","
                      + "\"created_at\":\"2025-0%d-15T10:20:30.123Z\",\"author_details\":{\"rating\":%d.0},"
                      + "\"ingestion_timestamp\":%.1f,\"data_source\":\"tmdb\"}",
                  movieId,
                  movieId,
                  movieId % 7,
                  REVIEW_TEXTS[(int) (movieId % 3)],
                  movieId % 9 + 1,
                  movieId % 11,
                  observed)));
    }
    if (wave > 0) {
      // A new version of an earlier movie: more popular now.
      records.add(movie((wave - 1) * MOVIES_PER_WAVE + 1L, wave, observed));
    }
    records.add(new ProducerRecord<>("movies", "garbage", "{not json, wave " + wave + "}"));
    records.add(new ProducerRecord<>("reviews", "garbage", "{\"movie_id\":\"not a number\"}"));
    records.add(
        new ProducerRecord<>(
            "movies",
            "blank",
            String.format(
                Locale.ROOT,
                "{\"id\":%d,\"title\":\"   \",\"ingestion_timestamp\":%.1f}",
                900_000 + wave,
                observed))); // quarantined
    for (ProducerRecord<String, String> record : records) {
      producer.send(record);
    }
    producer.flush();
    return records.size();
  }

  private static ProducerRecord<String, String> movie(long movieId, int wave, double observed) {
    String genre = GENRES[(int) (movieId % GENRES.length)];
    return new ProducerRecord<>(
        "movies",
        Long.toString(movieId),
        String.format(
            Locale.ROOT,
            "{\"id\":%d,\"title\":\"Movie %d\",\"overview\":\"A  story\\n"
                + " about %d.\",\"release_date\":\"%d-05-01\","
                + "\"popularity\":%d.0,\"vote_average\":%.1f,\"vote_count\":%d,"
                + "\"budget\":%d,\"revenue\":%d,\"runtime\":%d,"
                + "\"original_language\":\"EN\",\"genres\":[{\"id\":1,\"name\":\"%s\"}],\"ingestion_timestamp\":%.1f,"
                + "\"data_source\":\"tmdb\"}",
            movieId,
            movieId,
            movieId,
            2000 + movieId % 20,
            10 + wave + movieId % 50,
            5 + (movieId % 50) / 10.0,
            100 + movieId,
            1000 * movieId,
            3000 * movieId,
            90 + movieId % 40,
            genre,
            observed));
  }

  @Override
  public void close() {
    producer.close();
  }
}
