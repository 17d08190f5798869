package org.tandemdns.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A provider of type {@code tandem}: another Tandem's HTTP API ({@code /api/v1}, bearer token).
 *
 * @param name how zones refer to it
 * @param url the API's base URL, e.g. {@code http://127.0.0.1:8053}
 * @param token an admin bearer token, inline, or
 * @param tokenFile a file holding it (relative to the config file), or
 * @param tokenEnv an environment variable holding it
 * @param nameservers addresses queried to verify a push (default: none, not verified)
 * @param timeout limit on each HTTP request (default 30s)
 */
public record TandemProviderConfig(String name, URI url, String token, Path tokenFile, String tokenEnv,
    List<HostPort> nameservers, Duration timeout) implements SyncProviderConfig {

  public TandemProviderConfig {
    SyncProviderConfig.checkName(name);
    checkUrl(name, url);
    nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
    timeout = SyncProviderConfig.timeoutOrDefault(timeout);
  }

  static void checkUrl(String name, URI url) {
    if (url == null) {
      throw new IllegalArgumentException("provider " + name + ": missing 'url'");
    }
    if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException("provider " + name + ": url '" + url + "' is not an http or https URL");
    }
  }

  @Override
  public String type() {
    return "tandem";
  }

  @Override
  public TandemProviderConfig resolvedAgainst(Path base) {
    return new TandemProviderConfig(name, url, token, Secrets.resolve(base, tokenFile), tokenEnv, nameservers, timeout);
  }

  @Override
  public TandemProviderConfig withSecretsRead(UnaryOperator<String> environment) {
    String t = Secrets.resolve("token", token, tokenFile, tokenEnv, environment);
    return new TandemProviderConfig(name, url, t, null, null, nameservers, timeout);
  }

  @Override
  public String toString() {
    return "TandemProviderConfig[name=" + name + ", url=" + url + "]";
  }
}
