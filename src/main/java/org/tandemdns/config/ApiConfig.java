package org.tandemdns.config;

import java.util.List;

/**
 * The {@code api:} section: the HTTP API (JSON under {@code /api/v1}, Prometheus at {@code /metrics})
 * on its own listener.
 *
 * @param listen default 127.0.0.1:8053; {@code off} is not a value — omit tokens and bind loopback
 * @param tokens bearer tokens; with none configured, Tandem writes an admin token to
 *     {@code <data-dir>/api.token} on first start and uses it
 * @param metricsAuth whether /metrics needs a token too (default false)
 */
public record ApiConfig(HostPort listen, List<ApiToken> tokens, Boolean metricsAuth) {
  public static final HostPort DEFAULT_LISTEN = HostPort.parse("127.0.0.1:8053", 8053);

  public ApiConfig {
    listen = listen == null ? DEFAULT_LISTEN : listen;
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
    metricsAuth = metricsAuth != null && metricsAuth;
  }

  public static ApiConfig defaults() {
    return new ApiConfig(null, null, null);
  }

  /** This section with another listen address. */
  public ApiConfig withListen(HostPort address) {
    return new ApiConfig(address, tokens, metricsAuth);
  }
}
