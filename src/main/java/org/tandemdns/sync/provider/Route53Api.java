package org.tandemdns.sync.provider;

import java.net.URI;
import java.time.Duration;
import org.tandemdns.config.Route53ProviderConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The Route 53 client a provider talks through, built lazily on first use (so a config that names a
 * Route 53 provider loads on a machine without AWS credentials until it is used).
 *
 * <p>Throttling ({@code Throttling}, {@code PriorRequestNotComplete}, both HTTP 400) is retried by
 * the SDK's standard strategy with exponential back-off and jitter, up to the
 * {@code throttle-deadline} for the whole call; each HTTP attempt is bounded by {@code timeout}. The
 * circuit breaker that would stop retrying after a few throttles is off: a sync waits its turn
 * rather than fail a push.
 */
public final class Route53Api implements AutoCloseable {
  private final Route53ProviderConfig config;
  private volatile Route53Client client;

  public Route53Api(Route53ProviderConfig config) {
    this.config = config;
  }

  /** The endpoint override, or null for AWS's own. */
  URI endpoint() {
    return config.endpoint();
  }

  synchronized Route53Client client() {
    if (client == null) {
      client = build();
    }
    return client;
  }

  private Route53Client build() {
    Duration timeout = config.timeout();
    AwsCredentialsProvider credentials = config.profile() == null ? DefaultCredentialsProvider.builder().build()
        : ProfileCredentialsProvider.create(config.profile());
    var retry = AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(1000)
        .circuitBreakerEnabled(false)
        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(5)))
        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(10)))
        .build();
    var builder = Route53Client.builder()
        .region(Region.of(config.region()))
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout).build())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(retry)
            .apiCallAttemptTimeout(timeout)
            .apiCallTimeout(config.throttleDeadline())
            .build());
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    return builder.build();
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
