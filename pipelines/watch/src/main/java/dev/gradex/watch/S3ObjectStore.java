package dev.gradex.watch;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists objects of S3 or an S3-compatible store (MinIO) with the AWS SDK for Java v2:
 * ListObjectsV2, all pages. Credentials come from the SDK's default chain, so static keys ({@code
 * AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}), session tokens ({@code AWS_SESSION_TOKEN}),
 * web identity (IRSA: {@code AWS_ROLE_ARN} + {@code AWS_WEB_IDENTITY_TOKEN_FILE}), profiles and
 * instance or container roles all work; {@code anonymous} skips signing.
 *
 * <p>Retries are set explicitly ({@link #retryStrategy()}): the SDK's standard strategy
 * (throttling, 5xx, timeouts and connection errors are retried) with {@value #MAX_ATTEMPTS}
 * attempts in all and full-jitter exponential pauses, so a store that answers 503 for a moment does
 * not fail a pass, and one that keeps failing does so in seconds with a message naming endpoint,
 * bucket and prefix.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
  /** Attempts per request, the first included. */
  public static final int MAX_ATTEMPTS = 4;

  private final S3Client s3;
  private final String endpoint;

  /** Wraps a client the caller configured; {@link #close()} closes it. */
  public S3ObjectStore(S3Client s3) {
    this.s3 = s3;
    var c = s3.serviceClientConfiguration();
    this.endpoint = c.endpointOverride().map(URI::toString).orElse("AWS S3 in " + c.region());
  }

  /**
   * The standard strategy: {@value #MAX_ATTEMPTS} attempts, pauses drawn uniformly from 0 to {@code
   * min(100 ms * 2^(k-1), 2 s)} (throttling: from 500 ms base), the SDK's token bucket on.
   */
  public static RetryStrategy retryStrategy() {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(MAX_ATTEMPTS)
        .backoffStrategy(
            BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
        .throttlingBackoffStrategy(
            BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(2)))
        .build();
  }

  /** A client for the watcher's {@code s3:} settings (null: AWS S3, default region and chain). */
  public static S3ObjectStore create(WatchConfig.S3 settings) {
    WatchConfig.S3 s = settings == null ? new WatchConfig.S3(null, null, null, null) : settings;
    AwsCredentialsProvider credentials =
        Boolean.TRUE.equals(s.anonymous())
            ? AnonymousCredentialsProvider.create()
            : DefaultCredentialsProvider.builder().build();
    var builder =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(credentials)
            .region(region(s.region()))
            .forcePathStyle(s.pathStyleOrDefault())
            // Listing sends no payload; checksums only where S3 requires them, as S3-compatible
            // stores predating the SDK's default CRC checksums expect.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(o -> o.retryStrategy(retryStrategy()));
    if (s.endpoint() != null) {
      builder.endpointOverride(URI.create(s.endpoint()));
    }
    return new S3ObjectStore(builder.build());
  }

  /**
   * The configured region, else the SDK's region chain ({@code AWS_REGION}, profile), else
   * us-east-1.
   */
  private static Region region(String configured) {
    if (configured != null && !configured.isBlank()) {
      return Region.of(configured);
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkException e) {
      return Region.US_EAST_1;
    }
  }

  @Override
  public List<Entry> list(String bucket, String prefix) throws IOException {
    ListObjectsV2Request request =
        ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
    List<Entry> out = new ArrayList<>();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(request).contents()) {
        out.add(
            new Entry(
                o.key(),
                o.eTag() == null ? "" : o.eTag().replace("\"", ""),
                o.size() == null ? -1 : o.size()));
      }
    } catch (S3Exception e) {
      throw new IOException(
          "S3 list s3://"
              + bucket
              + "/"
              + prefix
              + " at "
              + endpoint
              + ": HTTP "
              + e.statusCode()
              + " "
              + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode())
              + ": "
              + e.getMessage(),
          e);
    } catch (SdkException e) {
      throw new IOException(
          "S3 list s3://" + bucket + "/" + prefix + " at " + endpoint + ": " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public void close() {
    s3.close();
  }
}
