package dev.movielake.ops.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The S3 keys of a local stack: random on its first start, then kept (owner-only file) so the
 * pipeline's saved configuration stays valid across restarts.
 */
record StackCredentials(String accessKey, String secretKey) {

  static StackCredentials loadOrCreate(Path file) {
    try {
      if (Files.isRegularFile(file)) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() >= 2 && !lines.get(0).isBlank() && !lines.get(1).isBlank()) {
          return new StackCredentials(lines.get(0).strip(), lines.get(1).strip());
        }
      }
      SecureRandom random = new SecureRandom();
      StackCredentials created = new StackCredentials("stack" + hex(random, 6), hex(random, 20));
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          file, created.accessKey() + "\n" + created.secretKey() + "\n", StandardCharsets.UTF_8);
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the stack's credentials in " + file, e);
    }
  }

  private static String hex(SecureRandom random, int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }

  @Override
  public String toString() {
    return "StackCredentials[****]";
  }
}
