package org.tandemdns.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A provider of type {@code powerdns}: the PowerDNS Authoritative Server's HTTP API.
 *
 * @param name how zones refer to it
 * @param url the API's base URL, e.g. {@code http://127.0.0.1:8081} ({@code /api/v1} is added)
 * @param apiKey the {@code X-API-Key}, inline, or
 * @param apiKeyFile a file holding it (relative to the config file), or
 * @param apiKeyEnv an environment variable holding it
 * @param serverId the server id in API paths (default {@code localhost})
 * @param nameservers addresses queried to verify a push (default: none, not verified)
 * @param timeout limit on each HTTP request (default 30s)
 */
public record PowerDnsProviderConfig(String name, URI url, String apiKey, Path apiKeyFile, String apiKeyEnv, String serverId,
    List<HostPort> nameservers, Duration timeout) implements SyncProviderConfig {

  public PowerDnsProviderConfig {
    SyncProviderConfig.checkName(name);
    TandemProviderConfig.checkUrl(name, url);
    serverId = serverId == null ? "localhost" : serverId;
    nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
    timeout = SyncProviderConfig.timeoutOrDefault(timeout);
  }

  @Override
  public String type() {
    return "powerdns";
  }

  @Override
  public PowerDnsProviderConfig resolvedAgainst(Path base) {
    return new PowerDnsProviderConfig(name, url, apiKey, Secrets.resolve(base, apiKeyFile), apiKeyEnv, serverId, nameservers, timeout);
  }

  @Override
  public PowerDnsProviderConfig withSecretsRead(UnaryOperator<String> environment) {
    String key = Secrets.resolve("api-key", apiKey, apiKeyFile, apiKeyEnv, environment);
    return new PowerDnsProviderConfig(name, url, key, null, null, serverId, nameservers, timeout);
  }

  @Override
  public String toString() {
    return "PowerDnsProviderConfig[name=" + name + ", url=" + url + ", server-id=" + serverId + "]";
  }
}
