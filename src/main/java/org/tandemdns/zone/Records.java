package org.tandemdns.zone;

import java.io.IOException;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;

/** Small record helpers dnsjava lacks. */
public final class Records {
  /** The largest TTL a record may carry: values with the top bit set are invalid (RFC 2181 §8). */
  public static final long MAX_TTL = 0x7FFFFFFFL;

  private Records() {}

  /** The name in the RDATA of a CNAME, DNAME, NS, PTR, MX or SRV record, or null for other types. */
  public static Name target(Record r) {
    if (r instanceof CNAMERecord c) {
      return c.getTarget();
    }
    if (r instanceof DNAMERecord d) {
      return d.getTarget();
    }
    if (r instanceof NSRecord n) {
      return n.getTarget();
    }
    if (r instanceof PTRRecord p) {
      return p.getTarget();
    }
    if (r instanceof MXRecord m) {
      return m.getTarget();
    }
    if (r instanceof SRVRecord v) {
      return v.getTarget();
    }
    return null;
  }

  /**
   * What groups records into one RRset inside a node: the type, and for RRSIG also the covered type
   * (the signatures of each RRset keep that RRset's TTL, RFC 4034 §3). Orders as the node stores.
   */
  public static long rrsetKey(Record r) {
    int type = r.getType();
    return r instanceof org.xbill.DNS.RRSIGRecord sig ? ((long) type << 16) | sig.getTypeCovered() : (long) type << 16;
  }

  /**
   * The bytes {@code set} takes in a message's answer section: its owner name once, a compression
   * pointer for the others, and for each record type, class, TTL, length and its RDATA uncompressed
   * (an upper bound where RDATA names could be compressed).
   */
  public static long wireSize(Record[] set) {
    if (set.length == 0) {
      return 0;
    }
    long bytes = set[0].getName().length() - 2L;
    for (Record r : set) {
      bytes += 2 + 10 + r.rdataToWireCanonical().length;
    }
    return bytes;
  }

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
