package org.tandemdns.dnsclient;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How to reach a server over TLS (XoT, RFC 9103; DoT, RFC 7858): the context holding the trust
 * decision and any client certificate, and the name the server's certificate must carry.
 * Connections use TLS 1.3 only (RFC 9103 §5.1) and offer ALPN {@code dot} (§7.1).
 *
 * @param context the TLS context (trust managers, key managers)
 * @param serverName the host name to verify and send as SNI, or null to verify the IP address
 *     (ignored when the context's trust manager does not check names: pinned or opportunistic)
 * @param verifyName whether the certificate's name is checked (strict, CA-based trust)
 * @param description how logs name this trust, e.g. {@code profile provider-b (ca-file)}
 */
public record TlsClient(SSLContext context, String serverName, boolean verifyName, String description) {
  /** ALPN token of DNS over TLS, which XoT uses too (RFC 9103 §7.1). */
  public static final String ALPN_DOT = "dot";

  public TlsClient {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(description, "description");
  }
}
