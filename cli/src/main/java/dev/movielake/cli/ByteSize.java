package dev.movielake.cli;

import java.util.Locale;

/**
 * A number of bytes that prints for people ({@code 12.4 MB}); tables right-align it like a number
 * while JSON keeps the exact byte count.
 */
public record ByteSize(long bytes) {
  private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB"};

  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  @Override
  public String toString() {
    return format(bytes);
  }
}
