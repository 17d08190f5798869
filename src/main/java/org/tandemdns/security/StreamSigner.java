package org.tandemdns.security;

import java.time.Clock;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * Signs every message of a multi-message response (a zone transfer) already rendered to bytes:
 * the first MAC covers the request's MAC, the message and all TSIG variables; each later one the
 * prior MAC, the message and the timers only (RFC 8945 §5.3.1). Not thread-safe: one per stream.
 */
public final class StreamSigner {
  private final TSIG tsig;
  private final Message idCarrier;
  private TSIGRecord previous;
  private boolean first = true;

  public StreamSigner(TsigCheck.Verified request, int messageId, Clock clock) {
    this.tsig = request.key().tsig(clock);
    this.previous = request.request();
    this.idCarrier = new Message(messageId);
  }

  /** Returns {@code message} with a TSIG record appended and ARCOUNT raised by one. */
  public byte[] sign(byte[] message) {
    TSIGRecord record = tsig.generate(idCarrier, message, Rcode.NOERROR, previous, first);
    byte[] rr = record.toWire(Section.ADDITIONAL);
    byte[] out = new byte[message.length + rr.length];
    System.arraycopy(message, 0, out, 0, message.length);
    System.arraycopy(rr, 0, out, message.length, rr.length);
    int arcount = ((out[10] & 0xff) << 8 | (out[11] & 0xff)) + 1;
    out[10] = (byte) (arcount >> 8);
    out[11] = (byte) arcount;
    previous = record;
    first = false;
    return out;
  }

  /** Extra bytes {@link #sign} adds to each message, to reserve room for. */
  public int overhead() {
    return tsig.recordLength();
  }
}
