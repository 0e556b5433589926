package dev.movielake.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where configuration values come from: the process environment, over an optional {@code .env}
 * file. A variable set in the environment always wins, so a deployment can override the file.
 */
public final class EnvironmentSource {
  private EnvironmentSource() {}

  /** The process environment over {@code .env} in the working directory (when there is one). */
  public static Map<String, String> load() {
    String file = System.getenv().getOrDefault(ConfigurationVariables.ENV_FILE, ".env");
    return merge(System.getenv(), Path.of(file));
  }

  static Map<String, String> merge(Map<String, String> environment, Path dotEnv) {
    Map<String, String> values = new HashMap<>();
    if (Files.isRegularFile(dotEnv)) {
      try {
        values.putAll(parse(Files.readAllLines(dotEnv, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + dotEnv.toAbsolutePath(), e);
      }
    }
    values.putAll(environment);
    return values;
  }

  /**
   * Parses {@code .env} lines: {@code KEY=value}, optional {@code export }, blank lines and {@code
   * #} comments, quoted values, and inline comments after unquoted values (the seed's own example
   * writes {@code ICEBERG_TARGET_FILE_SIZE_BYTES=134217728 # 128MB}).
   */
  public static Map<String, String> parse(List<String> lines) {
    Map<String, String> values = new HashMap<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String key = line.substring(0, equals).strip();
      String value = line.substring(equals + 1).strip();
      values.put(key, unquote(value));
    }
    return values;
  }

  private static String unquote(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      if ((first == '"' || first == '\'')) {
        int close = value.indexOf(first, 1);
        if (close > 0) {
          return value.substring(1, close);
        }
      }
    }
    int comment = value.indexOf(" #");
    if (comment < 0) {
      comment = value.indexOf("\t#");
    }
    return comment >= 0 ? value.substring(0, comment).strip() : value;
  }
}
