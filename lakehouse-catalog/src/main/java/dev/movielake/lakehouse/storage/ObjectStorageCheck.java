package dev.movielake.lakehouse.storage;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.S3Config;
import dev.movielake.lakehouse.LakehouseException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Before any job touches an S3 warehouse: the endpoint answers, the keys are accepted, and the
 * bucket exists (created when missing, as MinIO's setup script did). A wrong endpoint or key then
 * fails within seconds with a message that names the variable to fix, instead of a Spark task
 * failing minutes later under retries. Keys are never part of a message.
 */
public final class ObjectStorageCheck {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectStorageCheck.class);

  /** A whole check, retries included, so a wrong endpoint fails in about this time. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
  private static final int ATTEMPTS = 2;

  /** What the check found. */
  public enum Outcome {
    BUCKET_EXISTS,
    BUCKET_CREATED,
    BUCKET_MISSING
  }

  private final S3Config s3;
  private final String bucket;
  private final String endpoint;

  private ObjectStorageCheck(LakehouseConfig config, String bucket) {
    this.s3 = config.s3();
    this.bucket = bucket;
    this.endpoint = s3.endpoint().orElse("the AWS endpoint of region " + s3.region());
  }

  /**
   * Checks the bucket of the configured S3 warehouse and creates it when missing.
   *
   * @throws LakehouseException naming the problem and the variable to fix
   * @throws IllegalArgumentException when the warehouse is not on S3
   */
  public static Outcome run(LakehouseConfig config) {
    if (!config.warehouseOnS3()) {
      throw new IllegalArgumentException(
          "the warehouse " + config.warehousePath() + " is not on S3");
    }
    return new ObjectStorageCheck(config, bucket(config.warehousePath())).ensureBucket();
  }

  /**
   * The same questions without changing anything (for {@code pipeline doctor}): a HeadBucket only,
   * so a missing bucket is reported as {@link Outcome#BUCKET_MISSING}, never created.
   *
   * @throws LakehouseException when the endpoint does not answer or refuses the keys
   */
  public static Outcome verify(LakehouseConfig config) {
    if (!config.warehouseOnS3()) {
      throw new IllegalArgumentException(
          "the warehouse " + config.warehousePath() + " is not on S3");
    }
    return new ObjectStorageCheck(config, bucket(config.warehousePath())).headBucket();
  }

  /**
   * A HeadBucket on another bucket of the same S3 storage (the streaming checkpoints' bucket), with
   * the warehouse's endpoint, keys and region; nothing is created.
   *
   * @throws LakehouseException when the endpoint does not answer or refuses the keys
   */
  public static Outcome verifyBucket(LakehouseConfig config, String bucket) {
    return new ObjectStorageCheck(config, bucket).headBucket();
  }

  /** The bucket of an s3://, s3a:// or s3n:// location. */
  static String bucket(String location) {
    return location.substring(location.indexOf("://") + 3).split("/", 2)[0];
  }

  private Outcome headBucket() {
    try (S3Client client = client()) {
      client.headBucket(request -> request.bucket(bucket));
      return Outcome.BUCKET_EXISTS;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Outcome.BUCKET_MISSING;
      }
      throw refused(e, "read");
    } catch (SdkClientException e) {
      throw unreachable(e);
    }
  }

  private Outcome ensureBucket() {
    try (S3Client client = client()) {
      try {
        client.headBucket(request -> request.bucket(bucket));
        return Outcome.BUCKET_EXISTS;
      } catch (S3Exception e) {
        if (e.statusCode() != 404) {
          throw refused(e, "read");
        }
      }
      try {
        client.createBucket(request -> request.bucket(bucket));
      } catch (BucketAlreadyOwnedByYouException e) {
        return Outcome.BUCKET_EXISTS; // another process created it a moment ago
      } catch (S3Exception e) {
        throw refused(e, "create");
      }
      LOG.info("created the warehouse bucket {} at {}", bucket, endpoint);
      return Outcome.BUCKET_CREATED;
    } catch (SdkClientException e) {
      throw unreachable(e);
    }
  }

  private S3Client client() {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(s3.region()))
            .forcePathStyle(s3.pathStyleAccess())
            .credentialsProvider(credentials())
            .httpClientBuilder(
                Apache5HttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(ANSWER_TIMEOUT))
            .overrideConfiguration(
                settings ->
                    settings
                        .apiCallTimeout(CALL_TIMEOUT)
                        .apiCallAttemptTimeout(ANSWER_TIMEOUT)
                        .retryStrategy(retry -> retry.maxAttempts(ATTEMPTS)));
    s3.endpoint().ifPresent(value -> builder.endpointOverride(URI.create(value)));
    return builder.build();
  }

  private AwsCredentialsProvider credentials() {
    if (s3.accessKey().isPresent() && s3.secretKey().isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(s3.accessKey().get(), s3.secretKey().get()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /** S3 answered, and said no. */
  private LakehouseException refused(S3Exception e, String action) {
    int status = e.statusCode();
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String problem;
    if (status == 403) {
      problem =
          "S3 rejected the credentials for bucket "
              + bucket
              + " at "
              + endpoint
              + " (HTTP 403"
              + (code == null ? "" : " " + code)
              + " on "
              + action
              + "): check "
              + LakehouseConfig.S3_ACCESS_KEY
              + " and "
              + LakehouseConfig.S3_SECRET_KEY
              + ", and that these keys may "
              + action
              + " the bucket";
    } else if (status == 301 || (status == 400 && s3.endpoint().isEmpty())) {
      problem =
          "the bucket "
              + bucket
              + " is not in region "
              + s3.region()
              + " at "
              + endpoint
              + " (HTTP "
              + status
              + "): set "
              + LakehouseConfig.S3_REGION
              + " to the bucket's region, or "
              + LakehouseConfig.S3_ENDPOINT
              + " to its endpoint";
    } else {
      problem =
          "S3 at "
              + endpoint
              + " refused to "
              + action
              + " bucket "
              + bucket
              + " (HTTP "
              + status
              + (code == null ? "" : " " + code)
              + "): check "
              + LakehouseConfig.WAREHOUSE_PATH
              + " and "
              + LakehouseConfig.S3_ENDPOINT
              + (s3.pathStyleAccess()
                  ? ""
                  : ", or set "
                      + LakehouseConfig.S3_PATH_STYLE_ACCESS
                      + "=true for MinIO and other S3-compatible servers");
    }
    return new LakehouseException(problem, e);
  }

  /** No answer from S3 at all, or no keys to ask with. */
  private LakehouseException unreachable(SdkException e) {
    String reason = reason(e);
    if (reason == null && String.valueOf(e.getMessage()).contains("credentials")) {
      return new LakehouseException(
          "no S3 credentials for bucket "
              + bucket
              + " at "
              + endpoint
              + ": set "
              + LakehouseConfig.S3_ACCESS_KEY
              + " and "
              + LakehouseConfig.S3_SECRET_KEY
              + " (or provide AWS default credentials)",
          e);
    }
    return new LakehouseException(
        "cannot reach the S3 endpoint "
            + endpoint
            + " ("
            + (reason == null ? e.getClass().getSimpleName() : reason)
            + ") for bucket "
            + bucket
            + ": is MinIO/the S3 server running? check "
            + LakehouseConfig.S3_ENDPOINT
            + (s3.endpoint().isEmpty() ? " (unset: AWS)" : ""),
        e);
  }

  /** The network failure behind an SDK error, or null when there was none. */
  private static String reason(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return String.valueOf(cause.getMessage()).contains("refused")
            ? "connection refused"
            : "cannot connect";
      }
      if (cause instanceof UnknownHostException) {
        return "unknown host";
      }
      // Socket and connect timeouts (Apache's ConnectTimeoutException) are interrupted I/O.
      if (cause instanceof InterruptedIOException
          || cause instanceof ApiCallTimeoutException
          || cause instanceof ApiCallAttemptTimeoutException) {
        return "no answer within " + CALL_TIMEOUT.toSeconds() + " s";
      }
    }
    return null;
  }
}
