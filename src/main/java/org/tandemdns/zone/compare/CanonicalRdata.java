package org.tandemdns.zone.compare;

import java.util.Arrays;
import java.util.Objects;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * One RDATA in canonical form, with its presentation text for reports.
 *
 * <p>Equality and order use only the canonical bytes: the RDATA's canonical wire form (RFC 4034
 * §6.2), or for TXT and SPF the concatenated character-strings; order is the unsigned left-justified
 * byte order of RFC 4034 §6.3.
 */
public final class CanonicalRdata implements Comparable<CanonicalRdata> {

  private final byte[] canonical;
  private final Record record;

  private CanonicalRdata(byte[] canonical, Record record) {
    this.canonical = canonical;
    this.record = record;
  }

  /** The canonical RDATA of {@code record}. */
  public static CanonicalRdata of(Record record) {
    Objects.requireNonNull(record, "record");
    return new CanonicalRdata(canonicalBytes(record), record);
  }

  private static byte[] canonicalBytes(Record record) {
    java.util.List<byte[]> strings = null;
    if (record instanceof TXTRecord txt) {
      strings = txt.getStringsAsByteArrays();
    } else if (record instanceof SPFRecord spf) {
      strings = spf.getStringsAsByteArrays();
    }
    if (strings != null) {
      int length = 0;
      for (byte[] s : strings) {
        length += s.length;
      }
      byte[] out = new byte[length];
      int at = 0;
      for (byte[] s : strings) {
        System.arraycopy(s, 0, out, at, s.length);
        at += s.length;
      }
      return out;
    }
    return record.rdataToWireCanonical();
  }

  /**
   * The same RDATA with the SOA serial set to zero, for comparisons where serial differences are
   * reported as lag rather than as content; any other type is returned unchanged.
   */
  public CanonicalRdata withoutSerial() {
    if (record.getType() != Type.SOA) {
      return this;
    }
    SOARecord soa = (SOARecord) record;
    return of(
        new SOARecord(
            soa.getName(), soa.getDClass(), soa.getTTL(), soa.getHost(), soa.getAdmin(), 0,
            soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum()));
  }

  /** One of the records this RDATA was read from (its owner case and TTL are as received). */
  public Record record() {
    return record;
  }

  /** The RDATA in master-file presentation format, as received. */
  public String text() {
    return record.rdataToString();
  }

  /** A copy of the canonical bytes. */
  public byte[] canonicalBytes() {
    return canonical.clone();
  }

  @Override
  public int compareTo(CanonicalRdata o) {
    return Arrays.compareUnsigned(canonical, o.canonical);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CanonicalRdata other && Arrays.equals(canonical, other.canonical);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(canonical);
  }

  @Override
  public String toString() {
    return text();
  }
}
