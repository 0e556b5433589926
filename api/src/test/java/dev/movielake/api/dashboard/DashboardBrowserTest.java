package dev.movielake.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.movielake.api.ApiServer;
import dev.movielake.api.lakehouse.LakehouseView;
import dev.movielake.api.testing.FakeLakehouse;
import dev.movielake.config.ServeConfig;
import dev.movielake.infra.FreePort;
import dev.movielake.infra.mongo.EmbeddedMongo;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard in headless Chromium against the real API server on the embedded MongoDB: every
 * chart draws the published data, the page logs no error, and an empty database shows the
 * empty-state text instead. Leaves a screenshot in {@code target/dashboard.png}.
 */
class DashboardBrowserTest {
  private static final Logger log = LoggerFactory.getLogger(DashboardBrowserTest.class);
  private static final List<String> CHARTS =
      List.of(
          "trending-chart",
          "genre-chart",
          "sentiment-chart",
          "tables-chart",
          "snapshots-chart",
          "maintenance-chart",
          "table-health-chart",
          "quality-chart",
          "monitor-chart",
          "audits-chart");
  private static final String EMPTY_TEXT = "No data yet \u2014 run ./pipeline demo";
  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path profile;
  private static ChromeDriver browser;

  @BeforeAll
  static void startBrowser() {
    browser = Chromium.start(profile, Path.of("target"));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void drawsEveryChartFromThePublishedData() throws IOException {
    SampleServingData sample = new SampleServingData(Instant.now());
    try (Api api = Api.start(Map.of(), sample::publish, sample.lakehouse())) {
      browser.get(api.server().url() + "/");

      Map<String, String> states = awaitCharts("rendered");

      CHARTS.forEach(
          chart ->
              assertThat(Integer.parseInt(attribute(chart, "data-points")))
                  .as("data points of %s (%s)", chart, states)
                  .isPositive());
      CHARTS.forEach(
          chart -> assertThat(attribute(chart, "data-rendered")).as(chart).isEqualTo("true"));
      List<WebElement> rows = browser.findElements(By.cssSelector("#trending-table tbody tr"));
      assertThat(rows).hasSize(5);
      assertThat(rows.get(0).getText()).contains(SampleServingData.TOP_TRENDING_TITLE);
      assertThat(browser.findElement(By.id("banner")).isDisplayed()).as(bannerText()).isFalse();
      assertThat(attribute("snapshots-chart", "data-points"))
          .as("bronze.movies_raw has the most snapshots")
          .isEqualTo("8");
      assertThat(attribute("table-health-chart", "data-points")).isEqualTo("3");
      List<WebElement> unhealthy =
          browser.findElements(By.cssSelector("#table-health-deductions li"));
      assertThat(unhealthy).as("only bronze lost points").hasSize(1);
      assertThat(unhealthy.get(0).getText())
          .isEqualTo("bronze.movies_raw 60: 14 small files in the table (limit 5) (\u221240)");
      assertThat(unhealthy.get(0).getAttribute("data-level")).isEqualTo("degraded");
      assertThat(attribute("quality-chart", "data-points")).isEqualTo("4");
      assertThat(attribute("monitor-chart", "data-points"))
          .as("tables of the latest quality monitor run")
          .isEqualTo("3");
      assertThat(attribute("audits-chart", "data-points")).as("tables audited").isEqualTo("2");
      assertThat(browser.findElement(By.id("audits-held")).getText())
          .contains("1 held: silver.movies_clean")
          .contains("vote_average_null_share");
      WebElement overall = browser.findElement(By.id("monitor-overall"));
      assertThat(overall.getText()).startsWith("Overall: 0.85 good").contains("3 table(s)");
      assertThat(overall.getAttribute("data-level")).isEqualTo("good");
      assertNoConsoleErrors();
      saveScreenshot(Path.of("target", "dashboard.png"));
    }
  }

  @Test
  void showsTheEmptyStateOnAnEmptyDatabase() {
    try (Api api = Api.start(Map.of(), database -> {}, new FakeLakehouse(Instant.now()))) {
      browser.get(api.server().url() + "/");

      awaitCharts("empty");

      CHARTS.forEach(
          chart ->
              assertThat(
                      browser
                          .findElement(By.cssSelector("#" + chart + " + .empty-state"))
                          .getText())
                  .as(chart)
                  .isEqualTo(EMPTY_TEXT));
      assertThat(browser.findElement(By.cssSelector("#trending-table tbody")).getText())
          .isEqualTo(EMPTY_TEXT);
      assertThat(browser.findElement(By.id("monitor-overall")).getText())
          .isEqualTo("Overall: no run yet");
      assertThat(browser.findElements(By.cssSelector("#table-health-deductions li"))).isEmpty();
      assertThat(browser.findElement(By.id("banner")).isDisplayed()).as(bannerText()).isFalse();
      assertNoConsoleErrors();
    }
  }

  @Test
  void forwardsTheApiKeyOfThePageAddress() {
    SampleServingData sample = new SampleServingData(Instant.now());
    try (Api api =
        Api.start(
            Map.of(ServeConfig.API_KEYS, "dashboard-key"), sample::publish, sample.lakehouse())) {
      browser.get(api.server().url() + "/?api_key=dashboard-key");

      awaitCharts("rendered");

      assertNoConsoleErrors();
    }
  }

  /**
   * Waits until every chart is in {@code state}; on time-out tells each chart's state and the
   * banner.
   */
  private static Map<String, String> awaitCharts(String state) {
    try {
      new WebDriverWait(browser, PAGE_TIMEOUT)
          .until(driver -> chartStates().values().stream().allMatch(state::equals));
    } catch (TimeoutException e) {
      throw new AssertionError(
          "charts not "
              + state
              + " after "
              + PAGE_TIMEOUT.toSeconds()
              + " s: "
              + chartStates()
              + "; banner: "
              + bannerText()
              + "; console: "
              + consoleMessages(Level.ALL),
          e);
    }
    return chartStates();
  }

  private static Map<String, String> chartStates() {
    Map<String, String> states = new LinkedHashMap<>();
    CHARTS.forEach(chart -> states.put(chart, attribute(chart, "data-state")));
    return states;
  }

  private static String attribute(String id, String name) {
    return browser.findElement(By.id(id)).getAttribute(name);
  }

  private static String bannerText() {
    return browser.findElement(By.id("banner")).getAttribute("textContent");
  }

  private static void assertNoConsoleErrors() {
    assertThat(consoleMessages(Level.SEVERE)).as("browser console errors").isEmpty();
  }

  /** The console entries since the last call at {@code level} or above. */
  private static List<String> consoleMessages(Level level) {
    return browser.manage().logs().get("browser").getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= level.intValue())
        .map(LogEntry::toString)
        .toList();
  }

  /**
   * The whole page, beyond the window (Chrome's DevTools screenshot; WebDriver's stops at the
   * viewport).
   */
  @SuppressWarnings("unchecked")
  private static void saveScreenshot(Path file) throws IOException {
    Map<String, Object> layout = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    Map<String, Object> content = (Map<String, Object>) layout.get("cssContentSize");
    Map<String, Object> clip =
        Map.of(
            "x",
            0,
            "y",
            0,
            "width",
            content.get("width"),
            "height",
            content.get("height"),
            "scale",
            1);
    Map<String, Object> shot =
        browser.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    log.info("Dashboard screenshot: {}", file.toAbsolutePath());
  }

  /** The real API on a free port over an embedded in-memory MongoDB filled by {@code publish}. */
  private record Api(EmbeddedMongo mongo, MongoClient client, ApiServer server)
      implements AutoCloseable {
    static Api start(
        Map<String, String> variables, Consumer<MongoDatabase> publish, LakehouseView lakehouse) {
      EmbeddedMongo mongo = EmbeddedMongo.startInMemory();
      MongoClient client = MongoClients.create(mongo.connectionString());
      MongoDatabase database = client.getDatabase("moviedb");
      publish.accept(database);
      Map<String, String> settings = new LinkedHashMap<>(variables);
      settings.put(ServeConfig.API_PORT, Integer.toString(FreePort.find()));
      settings.put(ServeConfig.API_RATE_LIMIT, "0");
      ApiServer server =
          ApiServer.start(
              ServeConfig.from(settings),
              database,
              lakehouse,
              new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      return new Api(mongo, client, server);
    }

    @Override
    public void close() {
      server.close();
      client.close();
      mongo.close();
    }
  }
}
