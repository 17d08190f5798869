package org.tandemdns.xfr;

import java.net.InetSocketAddress;
import org.tandemdns.security.TsigCheck;
import org.xbill.DNS.Message;

/**
 * An AXFR or IXFR request and what is known about where it came from.
 *
 * @param signed the verified TSIG of the request, or null when unsigned
 * @param security what protects the connection (TLS, mutual TLS), for ACL entries requiring it
 */
public record TransferRequest(Message query, boolean overTcp, InetSocketAddress remote, TsigCheck.Verified signed,
    org.tandemdns.security.TransportSecurity security) {
  /** A request over UDP or plain TCP. */
  public TransferRequest(Message query, boolean overTcp, InetSocketAddress remote, TsigCheck.Verified signed) {
    this(query, overTcp, remote, signed, org.tandemdns.security.TransportSecurity.NONE);
  }

  String remoteText() {
    String where = new org.tandemdns.config.HostPort(remote.getAddress(), remote.getPort()).toString();
    return switch (security) {
      case NONE -> where;
      case TLS -> where + "/tls";
      case MUTUAL_TLS -> where + "/mtls";
    };
  }

  String keyName() {
    return signed == null ? "-" : signed.key().name().toString();
  }
}
