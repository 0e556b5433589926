package dev.movielake.cli;

import dev.movielake.config.LakehouseConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text the command line prints (error messages, stack traces, table
 * properties): the values of secret variables wherever they appear, and passwords embedded in URIs,
 * which a JDBC or catalog error may echo back.
 */
public final class SecretMasker {
  public static final String MASK = "****";
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(password|passwd|secret|token|credential|access[_.-]?key|api[_.-]?key|private[_.-]?key).*");

  /** {@code scheme://user:password@host}: the password part. */
  private static final Pattern URI_PASSWORD = Pattern.compile("(://[^/\\s:@]+:)[^@\\s/]+@");

  /** {@code password=...} in JDBC URLs and property lists. */
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)((?:password|secret|token)[^=\\s&;]*=)[^&;\\s,]+");

  /**
   * Secrets shorter than this would mask ordinary words (a password "1" would hide every digit).
   */
  private static final int MINIMUM_SECRET_LENGTH = 4;

  private final List<String> secrets;

  private SecretMasker(List<String> secrets) {
    // Longest first, so a secret containing another is masked whole.
    this.secrets =
        secrets.stream()
            .filter(secret -> secret.length() >= MINIMUM_SECRET_LENGTH)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  public static SecretMasker none() {
    return new SecretMasker(List.of());
  }

  /** The values of every variable whose name says it holds a secret. */
  public static SecretMasker of(Map<String, String> variables) {
    List<String> secrets = new ArrayList<>();
    variables.forEach(
        (name, value) -> {
          if (value != null && isSecretName(name)) {
            secrets.add(value.strip());
          }
        });
    return new SecretMasker(secrets);
  }

  public static SecretMasker of(LakehouseConfig config) {
    List<String> secrets = new ArrayList<>();
    config.catalog().jdbcPassword().ifPresent(secrets::add);
    config.s3().accessKey().ifPresent(secrets::add);
    config.s3().secretKey().ifPresent(secrets::add);
    return new SecretMasker(secrets);
  }

  public SecretMasker and(SecretMasker other) {
    List<String> both = new ArrayList<>(secrets);
    both.addAll(other.secrets);
    return new SecretMasker(both);
  }

  public static boolean isSecretName(String name) {
    return SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
  }

  public String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (String secret : secrets) {
      masked = masked.replace(secret, MASK);
    }
    masked = URI_PASSWORD.matcher(masked).replaceAll("$1" + MASK + "@");
    return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
  }

  /** A property's value as it may be shown: masked entirely when its name says it is a secret. */
  public String maskProperty(String name, String value) {
    return isSecretName(name) ? MASK : mask(value);
  }
}
