package dev.movielake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.config.ScheduleConfig.Job;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleConfigTest {
  @Test
  void defaultsAreTheOriginalDagSchedules() {
    ScheduleConfig config = ScheduleConfig.from(Map.of());

    assertThat(config.jobs().keySet())
        .containsExactly(Job.INGESTION, Job.PROCESSING, Job.QUALITY, Job.MAINTENANCE);
    assertThat(config.jobs().get(Job.INGESTION))
        .isEqualTo(
            new ScheduleConfig.JobSchedule(Optional.of("0 * * * *"), 3, Duration.ofMinutes(50)));
    assertThat(config.jobs().get(Job.PROCESSING))
        .isEqualTo(
            new ScheduleConfig.JobSchedule(Optional.of("0 0 * * *"), 1, Duration.ofHours(3)));
    assertThat(config.jobs().get(Job.QUALITY))
        .isEqualTo(
            new ScheduleConfig.JobSchedule(Optional.of("0 */6 * * *"), 1, Duration.ofHours(1)));
    assertThat(config.jobs().get(Job.MAINTENANCE))
        .isEqualTo(
            new ScheduleConfig.JobSchedule(Optional.of("0 2 * * 0"), 2, Duration.ofHours(6)));
    assertThat(config.retryDelay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.timeZone()).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void everyVariableIsMapped() {
    Map<String, String> variables = new HashMap<>();
    variables.put("SCHEDULE_INGESTION_CRON", "*/15 * * * *");
    variables.put("SCHEDULE_INGESTION_RETRIES", "0");
    variables.put("SCHEDULE_INGESTION_TIMEOUT_MINUTES", "10");
    variables.put("SCHEDULE_PROCESSING_CRON", "off");
    variables.put("SCHEDULE_QUALITY_RETRIES", "4");
    variables.put("SCHEDULE_MAINTENANCE_TIMEOUT_MINUTES", "30");
    variables.put("SCHEDULE_RETRY_DELAY_SECONDS", "60");
    variables.put("SCHEDULE_TIME_ZONE", "Europe/Paris");

    ScheduleConfig config = ScheduleConfig.from(variables);

    assertThat(config.jobs().get(Job.INGESTION))
        .isEqualTo(
            new ScheduleConfig.JobSchedule(Optional.of("*/15 * * * *"), 0, Duration.ofMinutes(10)));
    assertThat(config.jobs().get(Job.PROCESSING).cron()).isEmpty();
    assertThat(config.jobs().get(Job.QUALITY).retries()).isEqualTo(4);
    assertThat(config.jobs().get(Job.MAINTENANCE).timeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.retryDelay()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> ScheduleConfig.from(Map.of("SCHEDULE_MAINTENANCE_RETRIES", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SCHEDULE_MAINTENANCE_RETRIES")
        .hasMessageContaining("'-1'");
    assertThatThrownBy(() -> ScheduleConfig.from(Map.of("SCHEDULE_TIME_ZONE", "Mars/Olympus")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SCHEDULE_TIME_ZONE");
    assertThatThrownBy(() -> ScheduleConfig.from(Map.of("SCHEDULE_QUALITY_TIMEOUT_MINUTES", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SCHEDULE_QUALITY_TIMEOUT_MINUTES");
  }
}
