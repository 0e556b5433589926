package dev.movielake.ops.schedule;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Pattern;

/** A five-field Unix cron expression (as Airflow and crontab read it) in a time zone. */
public final class CronSchedule {
  private static final Pattern WEEKDAY =
      Pattern.compile("at ((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day) day");
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final String expression;
  private final Cron cron;
  private final ExecutionTime executionTime;
  private final ZoneId zone;

  private CronSchedule(String expression, Cron cron, ZoneId zone) {
    this.expression = expression;
    this.cron = cron;
    this.executionTime = ExecutionTime.forCron(cron);
    this.zone = zone;
  }

  /**
   * @param source where the expression came from (a variable), named in the error
   */
  public static CronSchedule parse(String expression, ZoneId zone, String source) {
    try {
      return new CronSchedule(
          expression.strip(), PARSER.parse(expression.strip()).validate(), zone);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source
              + ": '"
              + expression
              + "' is not a cron expression ("
              + e.getMessage()
              + "); use five fields, minute hour day-of-month month day-of-week, e.g. '0 2 * * 0'"
              + " for Sunday 2 AM, or 'off'");
    }
  }

  /** The first time strictly after {@code instant} the expression matches. */
  public Instant nextAfter(Instant instant) {
    return executionTime
        .nextExecution(ZonedDateTime.ofInstant(instant, zone))
        .orElseThrow(
            () -> new IllegalStateException("'" + expression + "' never fires after " + instant))
        .toInstant();
  }

  public String expression() {
    return expression;
  }

  /** In words, e.g. "at 02:00 on Sunday". */
  public String describe() {
    // cron-utils words a single weekday as "at Sunday day".
    return WEEKDAY.matcher(CronDescriptor.instance(Locale.UK).describe(cron)).replaceAll("on $1");
  }

  @Override
  public String toString() {
    return expression + " (" + zone + ")";
  }
}
