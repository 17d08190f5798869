package org.tandemdns.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code tls:} section: the TLS listener for zone transfers (XoT, RFC 9103) and queries (DoT,
 * RFC 7858), and the profiles the transfer client trusts primaries by. TLS 1.3 only (RFC 9103
 * §5.1), ALPN {@code dot} (§7.1). The PEM files are read again on every reload (SIGHUP), so a
 * renewed certificate is taken without a restart.
 *
 * @param listen addresses of the TLS listener ({@code HOST[:PORT]}, port 853 unless given); none:
 *     no listener
 * @param certificate the listener's certificate chain (PEM, leaf first)
 * @param privateKey the listener's private key (PEM)
 * @param clientCa PEM CA certificates that client certificates are verified against; when given,
 *     clients are asked for a certificate and ACL entries with {@code mtls} can match
 * @param handshakeTimeout a connection whose TLS handshake is not done within this is closed (default 5s)
 * @param profiles how the transfer client trusts primaries listed with {@code tls NAME}
 */
public record TlsConfig(
    @com.fasterxml.jackson.databind.annotation.JsonDeserialize(contentUsing = TlsConfig.TlsPort.class) List<HostPort> listen, Path certificate, Path privateKey, Path clientCa, Duration handshakeTimeout,
    List<TlsProfile> profiles) {
  public TlsConfig {
    listen = listen == null ? List.of() : List.copyOf(listen);
    profiles = profiles == null ? List.of() : List.copyOf(profiles);
    handshakeTimeout = handshakeTimeout == null ? Duration.ofSeconds(5) : handshakeTimeout;
    if (handshakeTimeout.isZero() || handshakeTimeout.isNegative()) {
      throw new IllegalArgumentException("tls.handshake-timeout must be positive");
    }
    if (!listen.isEmpty() && (certificate == null || privateKey == null)) {
      throw new IllegalArgumentException("tls.listen needs tls.certificate and tls.private-key (PEM files)");
    }
    if (listen.isEmpty() && (certificate != null || privateKey != null || clientCa != null)) {
      throw new IllegalArgumentException("tls.certificate, tls.private-key and tls.client-ca are for the listener:"
          + " add tls.listen, or remove them");
    }
    Set<String> names = new HashSet<>();
    for (TlsProfile p : profiles) {
      if (p.name() == null || p.name().isBlank()) {
        throw new IllegalArgumentException("tls.profiles: a profile has no 'name'");
      }
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("tls profile " + p.name() + " is defined twice");
      }
    }
  }

  public static TlsConfig none() {
    return new TlsConfig(null, null, null, null, null, null);
  }

  /** The profile named {@code name}, or null. */
  public TlsProfile profile(String name) {
    return profiles.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * What a reload to {@code next} runs with: next's profiles; next's listener files while both
   * have a listener, else ours; our addresses (a listener's addresses change at a restart).
   */
  public TlsConfig reloaded(TlsConfig next) {
    return !listen.isEmpty() && next.certificate() != null
        ? new TlsConfig(listen, next.certificate(), next.privateKey(), next.clientCa(), next.handshakeTimeout(), next.profiles())
        : new TlsConfig(listen, certificate, privateKey, clientCa, handshakeTimeout, next.profiles());
  }

  TlsConfig resolvedAgainst(Path base) {
    return new TlsConfig(listen, TlsProfile.resolve(base, certificate), TlsProfile.resolve(base, privateKey),
        TlsProfile.resolve(base, clientCa), handshakeTimeout, profiles.stream().map(p -> p.resolvedAgainst(base)).toList());
  }

  /** Reads a listen address with 853 as the default port. */
  static final class TlsPort extends com.fasterxml.jackson.databind.JsonDeserializer<HostPort> {
    @Override
    public HostPort deserialize(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.DeserializationContext c)
        throws java.io.IOException {
      return HostPort.parse(p.getValueAsString(), Remote.TLS_PORT);
    }
  }
}
