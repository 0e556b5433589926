package dev.movielake.config;

import java.util.Optional;

/**
 * S3-compatible object storage (MinIO, s3proxy, AWS). Without an endpoint the AWS default applies;
 * without keys the AWS default credential chain does.
 */
public record S3Config(
    Optional<String> endpoint,
    Optional<String> accessKey,
    Optional<String> secretKey,
    boolean pathStyleAccess,
    String region) {

  @Override
  public String toString() {
    // Keys are secrets: never printed.
    return "S3Config[endpoint="
        + endpoint.orElse("(aws default)")
        + ", accessKey="
        + (accessKey.isPresent() ? "****" : "-")
        + ", secretKey="
        + (secretKey.isPresent() ? "****" : "-")
        + ", pathStyleAccess="
        + pathStyleAccess
        + ", region="
        + region
        + "]";
  }
}
