package dev.movielake.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;

/**
 * The browser set-up itself: Chromium starts headless from Debian's packages and hands over the
 * page's console, so the dashboard tests' "no console error" assertion can actually fail.
 */
class ChromiumTest {
  @TempDir Path profile;

  @Test
  void runsAPageAndRecordsItsConsoleErrors() {
    ChromeDriver browser = Chromium.start(profile, Path.of("target"));
    try {
      browser.get(
          "data:text/html,<title>probe</title><script>console.error('probe failure')</script>");

      assertThat(browser.getTitle()).isEqualTo("probe");
      assertThat(browser.manage().logs().get("browser").getAll())
          .filteredOn(entry -> entry.getLevel().equals(Level.SEVERE))
          .extracting(LogEntry::getMessage)
          .anySatisfy(message -> assertThat(message).contains("probe failure"));
    } finally {
      browser.quit();
    }
  }
}
