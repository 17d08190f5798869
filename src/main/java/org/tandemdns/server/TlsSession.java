package org.tandemdns.server;

import org.tandemdns.security.TransportSecurity;

/**
 * A TLS connection's properties once its handshake is done.
 *
 * @param security TLS, or mutual TLS when the client's certificate was verified
 * @param alpnDot the client and Tandem agreed on ALPN {@code dot}, without which zone transfers
 *     are refused (RFC 9103 §7.1); queries are answered either way (RFC 7858 has no ALPN)
 */
public record TlsSession(TransportSecurity security, boolean alpnDot) {}
