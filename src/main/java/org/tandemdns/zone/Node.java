package org.tandemdns.zone;

import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One owner name of a zone and its RRsets; immutable. A node with no RRsets is an empty
 * non-terminal (RFC 8020 §2, RFC 4592 §2.2.2): it exists, so it answers NODATA and blocks wildcard
 * synthesis below it.
 *
 * <p>The RRsets are kept in one byte array, in wire form, instead of as dnsjava objects: a record
 * costs its RDATA and two bytes, a million-record zone a small fraction of the objects (and of the
 * garbage collector's work). For each RRset, in ascending type order: TYPE (16 bits), TTL (32),
 * record count (32), then per record RDLENGTH (16) and the RDATA as RFC 1035 §3.2.1 writes it,
 * names uncompressed and in their original case. {@link #rrset} decodes an RRset into records
 * sharing this node's {@link Name}; {@link #wireRecords} walks the wire form for zone transfers.
 *
 * <p>RRSIGs are the one type kept as several entries: one per covered type, in ascending covered
 * type order, each with its own TTL (an RRSIG's TTL is that of the RRset it covers, RFC 4034 §3),
 * so {@link #signatures} finds the signatures of one RRset without decoding the others.
 * {@link #rrset}{@code (RRSIG)} returns all of them; {@link #rrsetAt} and {@link #rrsets} return
 * each group on its own.
 */
public final class Node {
  private static final byte[] NO_DATA = new byte[0];
  private static final byte DELEGATION = 1;
  private static final byte DNAME = 2;
  private static final byte NSEC3_ONLY = 4;
  private static final int RRSET_HEADER = 10;

  private final Name name;
  private final byte[] data;
  private final byte flags;

  /** A node of {@code rrsets}: each a non-empty RRset of one type and one TTL, in ascending type order. */
  Node(Name name, Record[][] rrsets, boolean apex) {
    this.name = name;
    this.data = rrsets.length == 0 ? NO_DATA : encode(rrsets);
    byte f = 0;
    boolean onlyNsec3 = rrsets.length > 0;
    boolean nsec3 = false;
    for (Record[] set : rrsets) {
      int type = set[0].getType();
      if (type == Type.NS && !apex) {
        f |= DELEGATION;
      } else if (type == Type.DNAME) {
        f |= DNAME;
      }
      nsec3 |= type == Type.NSEC3;
      onlyNsec3 &= type == Type.NSEC3 || type == Type.RRSIG;
    }
    if (nsec3 && onlyNsec3 && !apex) {
      f |= NSEC3_ONLY;
    }
    this.flags = f;
  }

  static Node emptyNonTerminal(Name name) {
    return new Node(name, new Record[0][], false);
  }

  private static byte[] encode(Record[][] rrsets) {
    int size = 0;
    byte[][][] rdata = new byte[rrsets.length][][];
    for (int s = 0; s < rrsets.length; s++) {
      Record[] set = rrsets[s];
      rdata[s] = new byte[set.length][];
      size += RRSET_HEADER;
      for (int k = 0; k < set.length; k++) {
        rdata[s][k] = rdataOf(set[k]);
        size += 2 + rdata[s][k].length;
      }
    }
    byte[] out = new byte[size];
    int p = 0;
    for (int s = 0; s < rrsets.length; s++) {
      Record first = rrsets[s][0];
      p = put16(out, p, first.getType());
      p = put32(out, p, first.getTTL());
      p = put32(out, p, rrsets[s].length);
      for (byte[] r : rdata[s]) {
        p = put16(out, p, r.length);
        System.arraycopy(r, 0, out, p, r.length);
        p += r.length;
      }
    }
    return out;
  }

  /** The RDATA of {@code r} in wire form, names uncompressed and as spelled. */
  private static byte[] rdataOf(Record r) {
    int type = r.getType();
    if (type == Type.A || type == Type.AAAA || type == Type.TXT) {
      return r.rdataToWireCanonical(); // no names inside: the canonical form is the wire form
    }
    if (type == Type.CNAME || type == Type.NS || type == Type.PTR || type == Type.DNAME) {
      Name target = Records.target(r);
      if (target != null) {
        return target.toWire(); // the RDATA is that one name
      }
    }
    byte[] whole = r.toWire(Section.ANSWER); // owner, TYPE, CLASS, TTL, RDLENGTH, RDATA; no compression
    int start = r.getName().length() + 10;
    return Arrays.copyOfRange(whole, start, whole.length);
  }

  public Name name() {
    return name;
  }

  /**
   * The RRset of {@code type} (records share one TTL), or null when the node has none. For RRSIG,
   * every signature at the node, whatever it covers (their TTLs may differ).
   */
  public Record[] rrset(int type) {
    for (int p = 0; p < data.length; p = next(p)) {
      int t = u16(data, p);
      if (t == type) {
        return type == Type.RRSIG ? allSignatures(p) : decode(p);
      }
      if (t > type) {
        return null;
      }
    }
    return null;
  }

  /** The RRSIGs covering this node's RRset of {@code coveredType} (RFC 4034 §3.1.1), or null. */
  public Record[] signatures(int coveredType) {
    for (int p = 0; p < data.length; p = next(p)) {
      int t = u16(data, p);
      if (t == Type.RRSIG && u16(data, p + RRSET_HEADER + 2) == coveredType) {
        return decode(p);
      }
      if (t > Type.RRSIG) {
        return null;
      }
    }
    return null;
  }

  private Record[] allSignatures(int first) {
    java.util.List<Record> all = new java.util.ArrayList<>();
    for (int p = first; p < data.length && u16(data, p) == Type.RRSIG; p = next(p)) {
      java.util.Collections.addAll(all, decode(p));
    }
    return all.toArray(new Record[0]);
  }

  /** True when the node has an RRset of {@code type}; decodes nothing. */
  public boolean has(int type) {
    for (int p = 0; p < data.length; p = next(p)) {
      int t = u16(data, p);
      if (t >= type) {
        return t == type;
      }
    }
    return false;
  }

  /** Number of RRsets; {@link #rrsetAt(int)} reads them in ascending type order. */
  public int rrsetCount() {
    int n = 0;
    for (int p = 0; p < data.length; p = next(p)) {
      n++;
    }
    return n;
  }

  /** The {@code index}th RRset, decoded. */
  public Record[] rrsetAt(int index) {
    int p = 0;
    for (int i = 0; i < index; i++) {
      p = next(p);
    }
    if (p >= data.length) {
      throw new IndexOutOfBoundsException("RRset " + index + " of " + rrsetCount() + " at " + name);
    }
    return decode(p);
  }

  /** Every RRset, decoded, in ascending type order. */
  public Record[][] rrsets() {
    Record[][] out = new Record[rrsetCount()][];
    int i = 0;
    for (int p = 0; p < data.length; p = next(p)) {
      out[i++] = decode(p);
    }
    return out;
  }

  /** The types of the RRsets, in ascending order, each once. */
  public int[] types() {
    int[] out = new int[rrsetCount()];
    int i = 0;
    for (int p = 0; p < data.length; p = next(p)) {
      int t = u16(data, p);
      if (i == 0 || out[i - 1] != t) {
        out[i++] = t;
      }
    }
    return Arrays.copyOf(out, i);
  }

  /** True for an empty non-terminal. */
  public boolean isEmpty() {
    return data.length == 0;
  }

  /** True for a zone cut: an NS RRset below the apex (RFC 1034 §4.2.1). */
  public boolean isDelegation() {
    return (flags & DELEGATION) != 0;
  }

  /**
   * True for a node that holds only an NSEC3 RRset and its signatures: the owner is a hashed name,
   * not a name of the zone (RFC 5155 §7.2: it does not exist for lookups).
   */
  public boolean isNsec3Only() {
    return (flags & NSEC3_ONLY) != 0;
  }

  /** True when the node owns a DNAME (RFC 6672 §2). */
  public boolean hasDname() {
    return (flags & DNAME) != 0;
  }

  /** Number of records in all RRsets. */
  public int recordCount() {
    int n = 0;
    for (int p = 0; p < data.length; p = next(p)) {
      n += (int) u32(data, p + 6);
    }
    return n;
  }

  /** True when {@code other} holds exactly the same RRsets (TTLs and letter case included). */
  public boolean sameData(Node other) {
    return Arrays.equals(data, other.data);
  }

  /** Bytes of RRset data held (for memory accounting). */
  public int dataSize() {
    return data.length;
  }

  /** A cursor over the node's records in wire form, in RRset order. */
  public WireRecords wireRecords() {
    return new WireRecords(data);
  }

  private Record[] decode(int p) {
    int type = u16(data, p);
    long ttl = u32(data, p + 2);
    int count = (int) u32(data, p + 6);
    Record[] out = new Record[count];
    int q = p + RRSET_HEADER;
    for (int k = 0; k < count; k++) {
      int length = u16(data, q);
      q += 2;
      out[k] = Record.newRecord(name, type, DClass.IN, ttl, length, Arrays.copyOfRange(data, q, q + length));
      q += length;
    }
    return out;
  }

  /** The offset of the RRset after the one at {@code p}. */
  private int next(int p) {
    int count = (int) u32(data, p + 6);
    int q = p + RRSET_HEADER;
    for (int k = 0; k < count; k++) {
      q += 2 + u16(data, q);
    }
    return q;
  }

  static int u16(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  static long u32(byte[] b, int p) {
    return ((long) u16(b, p) << 16) | u16(b, p + 2);
  }

  private static int put16(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 8);
    b[p + 1] = (byte) v;
    return p + 2;
  }

  private static int put32(byte[] b, int p, long v) {
    put16(b, p, (int) (v >>> 16));
    return put16(b, p + 2, (int) v);
  }

  /**
   * Walks a node's records in wire form without decoding them: after each {@link #next()} that
   * returns true, the record's TYPE, TTL and RDATA ({@code data()[rdataOffset() ..
   * rdataOffset() + rdataLength()]}) are readable.
   */
  public static final class WireRecords {
    private byte[] data;
    private int left; // records of the current RRset not yet visited
    private int pos; // offset of the next record's RDLENGTH
    private int type;
    private long ttl;
    private int rdataOffset;
    private int rdataLength;

    WireRecords(byte[] data) {
      this.data = data;
    }

    /** A cursor over nothing until {@link #reset}. */
    public WireRecords() {
      this(NO_DATA);
    }

    /** Starts over on {@code node}'s records (one cursor walks many nodes without allocating). */
    public void reset(Node node) {
      data = node.data;
      left = 0;
      pos = 0;
    }

    public boolean next() {
      while (left == 0) {
        if (pos >= data.length) {
          return false;
        }
        type = u16(data, pos);
        ttl = u32(data, pos + 2);
        left = (int) u32(data, pos + 6);
        pos += RRSET_HEADER;
      }
      rdataLength = u16(data, pos);
      rdataOffset = pos + 2;
      pos = rdataOffset + rdataLength;
      left--;
      return true;
    }

    public int type() {
      return type;
    }

    public long ttl() {
      return ttl;
    }

    public byte[] data() {
      return data;
    }

    public int rdataOffset() {
      return rdataOffset;
    }

    public int rdataLength() {
      return rdataLength;
    }
  }
}
