package org.tandemdns.zone;

import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One owner name of a zone and its RRsets; immutable. A node with no RRsets is an empty
 * non-terminal (RFC 8020 §2, RFC 4592 §2.2.2): it exists, so it answers NODATA and blocks wildcard
 * synthesis below it. Records of a node share its {@link Name} instance to save memory.
 */
public final class Node {
  private static final Record[][] NO_RRSETS = new Record[0][];
  private static final byte DELEGATION = 1;
  private static final byte DNAME = 2;

  private final Name name;
  private final Record[][] rrsets;
  private final byte flags;

  Node(Name name, Record[][] rrsets, boolean apex) {
    this.name = name;
    this.rrsets = rrsets.length == 0 ? NO_RRSETS : rrsets;
    byte f = 0;
    for (Record[] set : this.rrsets) {
      int type = set[0].getType();
      if (type == Type.NS && !apex) {
        f |= DELEGATION;
      } else if (type == Type.DNAME) {
        f |= DNAME;
      }
    }
    this.flags = f;
  }

  static Node emptyNonTerminal(Name name) {
    return new Node(name, NO_RRSETS, false);
  }

  public Name name() {
    return name;
  }

  /** The RRset of {@code type} (records share one TTL), or null when the node has none. */
  public Record[] rrset(int type) {
    for (Record[] set : rrsets) {
      if (set[0].getType() == type) {
        return set;
      }
    }
    return null;
  }

  /** Number of RRsets; {@link #rrsetAt(int)} reads them in ascending type order. */
  public int rrsetCount() {
    return rrsets.length;
  }

  public Record[] rrsetAt(int index) {
    return rrsets[index];
  }

  /** True for an empty non-terminal. */
  public boolean isEmpty() {
    return rrsets.length == 0;
  }

  /** True for a zone cut: an NS RRset below the apex (RFC 1034 §4.2.1). */
  public boolean isDelegation() {
    return (flags & DELEGATION) != 0;
  }

  /** True when the node owns a DNAME (RFC 6672 §2). */
  public boolean hasDname() {
    return (flags & DNAME) != 0;
  }

  /** Number of records in all RRsets. */
  public int recordCount() {
    int n = 0;
    for (Record[] set : rrsets) {
      n += set.length;
    }
    return n;
  }
}
