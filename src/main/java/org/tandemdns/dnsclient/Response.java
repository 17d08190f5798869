package org.tandemdns.dnsclient;

import java.time.Duration;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * A response as received.
 *
 * @param message the parsed message
 * @param size its size on the wire in bytes
 * @param rtt time from sending the query to receiving this response
 * @param transport how it came
 * @param attempts how many tries it took (UDP retries)
 * @param wire the message exactly as received (TSIG verification needs the bytes)
 */
public record Response(Message message, int size, Duration rtt, Transport transport, int attempts, byte[] wire) {

  /** RCODE, extended by EDNS where present (RFC 6891 §6.1.3). */
  public int rcode() {
    return message.getRcode();
  }

  /** True if the AA bit is set (RFC 1035 §4.1.1). */
  public boolean authoritative() {
    return message.getHeader().getFlag(Flags.AA);
  }

  /** True if the TC bit is set. */
  public boolean truncated() {
    return message.getHeader().getFlag(Flags.TC);
  }
}
