package org.tandemdns.xfr;

import java.net.InetSocketAddress;
import org.tandemdns.security.TsigCheck;
import org.xbill.DNS.Message;

/**
 * An AXFR or IXFR request and what is known about where it came from.
 *
 * @param signed the verified TSIG of the request, or null when unsigned
 */
public record TransferRequest(Message query, boolean overTcp, InetSocketAddress remote, TsigCheck.Verified signed) {
  String remoteText() {
    return new org.tandemdns.config.HostPort(remote.getAddress(), remote.getPort()).toString();
  }

  String keyName() {
    return signed == null ? "-" : signed.key().name().toString();
  }
}
