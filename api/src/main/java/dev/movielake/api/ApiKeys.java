package dev.movielake.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

/**
 * The accepted API keys. Only their SHA-256 digests are kept, and a presented key is compared with
 * every one of them in constant time, so neither its length nor its prefix can be timed.
 */
final class ApiKeys {
  private final List<byte[]> digests;

  ApiKeys(Set<String> keys) {
    this.digests = keys.stream().map(ApiKeys::digest).toList();
  }

  boolean enabled() {
    return !digests.isEmpty();
  }

  boolean accepts(String presented) {
    if (presented == null || presented.isEmpty()) {
      return false;
    }
    byte[] digest = digest(presented);
    boolean accepted = false;
    for (byte[] known : digests) {
      accepted |= MessageDigest.isEqual(known, digest);
    }
    return accepted;
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every Java runtime has SHA-256", impossible);
    }
  }
}
