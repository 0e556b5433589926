package dev.movielake.infra.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ServerTest {
  private static final String ACCESS_KEY = "movielake-test";
  private static final String SECRET_KEY = "movielake-test-secret";

  @TempDir static Path folder;
  private static S3Server server;

  @BeforeAll
  static void startServer() {
    server =
        S3Server.start(
            folder.resolve("s3-data"), 0, ACCESS_KEY, SECRET_KEY, folder.resolve("logs/s3.log"));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static S3Client client(String secretKey) {
    return S3Client.builder()
        .endpointOverride(URI.create(server.endpoint()))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secretKey)))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(
            settings ->
                settings
                    .apiCallTimeout(Duration.ofSeconds(10))
                    .retryStrategy(retry -> retry.maxAttempts(1)))
        .build();
  }

  @Test
  void anObjectIsAFileInItsBucketFolderAndItsAgeIsTheFileAge() throws Exception {
    assertThat(server.endpoint()).isEqualTo("http://127.0.0.1:" + server.port());
    try (S3Client s3 = client(SECRET_KEY)) {
      s3.createBucket(request -> request.bucket("movies"));
      s3.putObject(
          request -> request.bucket("movies").key("raw/603.json"),
          RequestBody.fromString("{\"title\":\"The Matrix\"}"));

      assertThat(
              s3.getObjectAsBytes(request -> request.bucket("movies").key("raw/603.json"))
                  .asUtf8String())
          .isEqualTo("{\"title\":\"The Matrix\"}");
      Path file = server.objectFile("movies", "raw/603.json");
      assertThat(file).isRegularFile().hasContent("{\"title\":\"The Matrix\"}");

      // Orphan-file removal trusts an object's Last-Modified: it must be the file's age on disk.
      Instant fiveDaysAgo = Instant.now().minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
      Files.setLastModifiedTime(file, FileTime.from(fiveDaysAgo));
      assertThat(
              s3.headObject(request -> request.bucket("movies").key("raw/603.json")).lastModified())
          .isEqualTo(fiveDaysAgo);
      assertThat(s3.listObjectsV2(request -> request.bucket("movies").prefix("raw/")).contents())
          .singleElement()
          .satisfies(object -> assertThat(object.lastModified()).isEqualTo(fiveDaysAgo));
    }
  }

  @Test
  void aWrongSecretKeyIsRejected() {
    try (S3Client s3 = client("not-the-secret")) {
      assertThatThrownBy(() -> s3.listBuckets())
          .isInstanceOf(S3Exception.class)
          .satisfies(error -> assertThat(((S3Exception) error).statusCode()).isEqualTo(403));
    }
  }

  @Test
  void aRestartKeepsPortAndData() {
    try (S3Client s3 = client(SECRET_KEY)) {
      s3.createBucket(request -> request.bucket("survivors"));
      s3.putObject(
          request -> request.bucket("survivors").key("a/b.txt"), RequestBody.fromString("kept"));
      long firstPid = server.pid();
      int port = server.port();

      server.stop();
      assertThat(server.isRunning()).isFalse();
      assertThatThrownBy(
              () -> s3.getObjectAsBytes(request -> request.bucket("survivors").key("a/b.txt")))
          .isInstanceOf(SdkClientException.class);

      server.restart();
      assertThat(server.isRunning()).isTrue();
      assertThat(server.pid()).isNotEqualTo(firstPid);
      assertThat(server.port()).isEqualTo(port);
      assertThat(
              s3.getObjectAsBytes(request -> request.bucket("survivors").key("a/b.txt"))
                  .asString(StandardCharsets.UTF_8))
          .isEqualTo("kept");
    }
  }
}
