package org.tandemdns.security;

/**
 * What protects the connection a request arrived on, for ACL entries that require TLS (RFC 9103
 * §9.3: XoT access control may require TLS, and mutual TLS for client authentication).
 */
public enum TransportSecurity {
  /** UDP or plain TCP. */
  NONE,
  /** TLS, the client not authenticated by a certificate. */
  TLS,
  /** TLS with a client certificate verified against the listener's {@code client-ca}. */
  MUTUAL_TLS;

  /** True when this connection meets {@code required}. */
  public boolean satisfies(TransportSecurity required) {
    return ordinal() >= required.ordinal();
  }
}
