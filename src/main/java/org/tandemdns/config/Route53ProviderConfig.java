package org.tandemdns.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A provider of type {@code route53}: Amazon Route 53 through the AWS SDK for Java v2. Credentials
 * come from the SDK's default chain (environment, system properties, {@code ~/.aws} profile, web
 * identity, container or instance role), or from the named {@code profile}; none are kept in
 * Tandem's config.
 *
 * @param name how zones refer to it
 * @param privateZone true to push to the private hosted zone of that name, false (default) for
 *     the public one
 * @param region the signing region (default {@code us-east-1}; Route 53 is global)
 * @param endpoint an endpoint override (a test server, a VPC endpoint); default the SDK's
 * @param profile a profile of {@code ~/.aws/credentials} to use instead of the default chain
 * @param nameservers addresses queried to verify a push (default: none, not verified)
 * @param timeout limit on each HTTP attempt (default 30s)
 * @param changeTimeout how long to wait for a change batch to reach {@code INSYNC} (default 5m)
 * @param throttleDeadline how long one call may keep retrying while Route 53 throttles
 *     ({@code Throttling}, {@code PriorRequestNotComplete}); default 2m
 */
public record Route53ProviderConfig(String name, Boolean privateZone, String region, URI endpoint, String profile,
    List<HostPort> nameservers, Duration timeout, Duration changeTimeout, Duration throttleDeadline) implements SyncProviderConfig {

  public Route53ProviderConfig {
    SyncProviderConfig.checkName(name);
    privateZone = privateZone != null && privateZone;
    region = region == null || region.isBlank() ? "us-east-1" : region;
    if (endpoint != null) {
      TandemProviderConfig.checkUrl(name, endpoint);
    }
    nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
    timeout = SyncProviderConfig.timeoutOrDefault(timeout);
    changeTimeout = positive(name, "change-timeout", changeTimeout, Duration.ofMinutes(5));
    throttleDeadline = positive(name, "throttle-deadline", throttleDeadline, Duration.ofMinutes(2));
  }

  private static Duration positive(String name, String key, Duration d, Duration otherwise) {
    Duration v = d == null ? otherwise : d;
    if (v.isZero() || v.isNegative()) {
      throw new IllegalArgumentException("provider " + name + ": " + key + " must be positive");
    }
    return v;
  }

  @Override
  public String type() {
    return "route53";
  }

  @Override
  public Route53ProviderConfig resolvedAgainst(Path base) {
    return this;
  }

  @Override
  public Route53ProviderConfig withSecretsRead(UnaryOperator<String> environment) {
    return this;
  }
}
