package org.tandemdns.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code api:} section: the HTTP API (JSON under {@code /api/v1}, Prometheus at {@code /metrics},
 * the web console at {@code /ui}) on its own listener.
 *
 * @param listen default 127.0.0.1:8053; {@code off} is not a value — omit tokens and bind loopback
 * @param tokens bearer tokens; with none configured, Tandem writes an admin token to
 *     {@code <data-dir>/api.token} on first start and uses it
 * @param metricsAuth whether /metrics needs a token too (default false)
 * @param certificate a PEM certificate chain (leaf first): the listener then speaks HTTPS only
 * @param privateKey its PEM private key
 */
public record ApiConfig(HostPort listen, List<ApiToken> tokens, Boolean metricsAuth, Path certificate, Path privateKey) {
  public static final HostPort DEFAULT_LISTEN = HostPort.parse("127.0.0.1:8053", 8053);

  public ApiConfig {
    listen = listen == null ? DEFAULT_LISTEN : listen;
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
    metricsAuth = metricsAuth != null && metricsAuth;
    if ((certificate == null) != (privateKey == null)) {
      throw new IllegalArgumentException("api.certificate and api.private-key go together (PEM files): give both for HTTPS, or neither");
    }
  }

  public ApiConfig(HostPort listen, List<ApiToken> tokens, Boolean metricsAuth) {
    this(listen, tokens, metricsAuth, null, null);
  }

  public static ApiConfig defaults() {
    return new ApiConfig(null, null, null);
  }

  /** Whether the listener speaks HTTPS. */
  public boolean tls() {
    return certificate != null;
  }

  /** This section with another listen address. */
  public ApiConfig withListen(HostPort address) {
    return new ApiConfig(address, tokens, metricsAuth, certificate, privateKey);
  }

  /** This section with its tokens' files and the PEM files read from {@code base}. */
  ApiConfig resolvedAgainst(Path base) {
    return new ApiConfig(listen, tokens.stream().map(t -> t.resolvedAgainst(base)).toList(), metricsAuth,
        resolve(base, certificate), resolve(base, privateKey));
  }

  ApiConfig withTokens(List<ApiToken> t) {
    return new ApiConfig(listen, t, metricsAuth, certificate, privateKey);
  }

  private static Path resolve(Path base, Path p) {
    return p == null || p.isAbsolute() || base == null ? p : base.resolve(p);
  }
}
