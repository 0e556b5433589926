package dev.movielake.api.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium and chromedriver for browser tests. Both come from the distribution,
 * installed here on first use when missing (as root with apt-get), because the test machines reach
 * no download site: Selenium Manager must never be asked, so the driver and browser paths are set.
 */
final class Chromium {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path APT_GET = Path.of("/usr/bin/apt-get");

  /**
   * Flags this machine needs: no sandbox as root, no GPU, and nothing that reaches the network on
   * its own (QUIC probes, component updates, sync), which would fail or hang on a closed network.
   */
  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=1400,1000");

  private Chromium() {}

  /** Installs Debian's chromium and chromium-driver unless both are there; once per machine. */
  static synchronized void ensureInstalled(Path logFolder) {
    if (installed()) {
      return;
    }
    if (!Files.isExecutable(APT_GET) || !isRoot()) {
      throw new IllegalStateException(
          "the browser tests need "
              + BROWSER
              + " and "
              + DRIVER
              + ", and they cannot be installed here (needs root and apt-get); install them with "
              + "'apt-get install chromium chromium-driver'");
    }
    Path log = logFolder.resolve("chromium-install.log");
    System.err.println(
        "Installing Debian's chromium and chromium-driver for the browser tests (a minute or two); "
            + "output in "
            + log);
    List<String> install =
        List.of(
            APT_GET.toString(),
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver");
    // A fresh machine may have no package lists yet, or stale ones: update only when needed.
    if (run(install, log) != 0
        && (run(List.of(APT_GET.toString(), "update"), log) != 0 || run(install, log) != 0)) {
      throw new IllegalStateException(
          "installing chromium and chromium-driver with apt-get failed; see "
              + log
              + ":\n"
              + tail(log));
    }
    if (!installed()) {
      throw new IllegalStateException(
          "apt-get installed chromium and chromium-driver but "
              + BROWSER
              + " or "
              + DRIVER
              + " is still missing; see "
              + log);
    }
  }

  /**
   * Starts a headless browser with a fresh profile in {@code profile}, recording every console
   * message, so tests can read them with {@code driver.manage().logs().get("browser")}.
   */
  static ChromeDriver start(Path profile, Path logFolder) {
    ensureInstalled(logFolder);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(logFolder.resolve("chromedriver.log").toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new ChromeDriver(service, options);
  }

  private static boolean installed() {
    return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
  }

  private static boolean isRoot() {
    try {
      Process process = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
      String uid =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return process.waitFor() == 0 && uid.equals("0");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int run(List<String> command, Path log) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(Map.of("DEBIAN_FRONTEND", "noninteractive"));
      Process process = builder.start();
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish in 15 minutes; see " + log);
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ")";
    }
  }
}
