package org.tandemdns.server;

import java.net.InetSocketAddress;
import org.tandemdns.security.TransportSecurity;

/**
 * What is known about a request besides its bytes: the transport, both ends and, over TLS, the
 * session's properties.
 *
 * @param tls the TLS session, or null over UDP and plain TCP
 */
public record RequestContext(Transport transport, InetSocketAddress remote, InetSocketAddress local, TlsSession tls) {
  /** A request over UDP or plain TCP. */
  public RequestContext(Transport transport, InetSocketAddress remote, InetSocketAddress local) {
    this(transport, remote, local, null);
  }

  /** What protects the request's connection, for ACL entries requiring TLS. */
  public TransportSecurity security() {
    return tls == null ? TransportSecurity.NONE : tls.security();
  }
}
