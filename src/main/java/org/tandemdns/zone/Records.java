package org.tandemdns.zone;

import java.io.IOException;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Small record helpers dnsjava lacks. */
public final class Records {
  private Records() {}

  /** {@code r} with another TTL, everything else (RDATA case included) as it was. */
  public static Record withTtl(Record r, long ttl) {
    if (r.getTTL() == ttl) {
      return r;
    }
    byte[] wire = r.toWire(Section.ANSWER);
    int at = r.getName().length() + 4;
    wire[at] = (byte) (ttl >>> 24);
    wire[at + 1] = (byte) (ttl >>> 16);
    wire[at + 2] = (byte) (ttl >>> 8);
    wire[at + 3] = (byte) ttl;
    try {
      return Record.fromWire(wire, Section.ANSWER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot re-read a record just written: " + r, e);
    }
  }
}
