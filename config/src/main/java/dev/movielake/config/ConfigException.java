package dev.movielake.config;

/**
 * A configuration value that cannot be used. The message always names the variable, what was wrong
 * and what is accepted, so it can be printed to the user as it is.
 */
public final class ConfigException extends RuntimeException {
  private final String variable;

  public ConfigException(String variable, String message) {
    super(variable + ": " + message);
    this.variable = variable;
  }

  public String variable() {
    return variable;
  }
}
