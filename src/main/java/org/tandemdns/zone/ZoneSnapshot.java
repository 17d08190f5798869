package org.tandemdns.zone;

import java.util.Collection;
import java.util.Collections;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * One immutable version of a zone: every node by owner name, built once by {@link ZoneBuilder} and
 * never changed. Readers (queries, outbound transfers) hold one snapshot from start to end, so they
 * never observe half of a change.
 */
public final class ZoneSnapshot {
  private final Name origin;
  private final SOARecord soa;
  private final SOARecord negativeSoa;
  private final NodeTable nodes;
  private final Node apex;
  private final int recordCount;
  private volatile DenialChain denial;

  /** {@code nodes} becomes this snapshot's and must not change afterwards. */
  ZoneSnapshot(Name origin, SOARecord soa, NodeTable nodes, int recordCount) {
    this.origin = origin;
    this.soa = soa;
    this.nodes = nodes;
    this.apex = this.nodes.get(origin);
    this.recordCount = recordCount;
    if (soa == null) {
      this.negativeSoa = null;
      return;
    }
    long negativeTtl = Math.min(soa.getTTL(), soa.getMinimum());
    this.negativeSoa =
        new SOARecord(soa.getName(), soa.getDClass(), negativeTtl, soa.getHost(), soa.getAdmin(),
            soa.getSerial(), soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
  }

  /** Nodes only, for {@link ZoneEditor}'s rebuilt names; never served. */
  static ZoneSnapshot partial(Name origin, NodeTable nodes) {
    return new ZoneSnapshot(origin, null, nodes, 0);
  }

  /** A copy of the node table, for {@link ZoneEditor} to make the next version from. */
  NodeTable copyOfNodes() {
    return nodes.copy();
  }

  public Name origin() {
    return origin;
  }

  public SOARecord soa() {
    return soa;
  }

  public long serial() {
    return soa.getSerial();
  }

  /** The SOA to put in the authority section of negative answers: TTL min(SOA TTL, MINIMUM) (RFC 2308 §3). */
  public SOARecord negativeSoa() {
    return negativeSoa;
  }

  public Node apex() {
    return apex;
  }

  /** The node owning {@code name} (empty non-terminals included), or null. */
  public Node node(Name name) {
    return nodes.get(name);
  }

  /**
   * The NSEC or NSEC3 chain of this version, built on first use and kept: {@link ServedZone#swap}
   * builds it before the version is served, so queries only search it.
   */
  /** The chain if it is built already, else null (nothing is built). */
  DenialChain denialIfBuilt() {
    return denial;
  }

  /** Sets the chain, made from the previous version's ({@link DenialChain#edited}); before this version is shared. */
  void presetDenial(DenialChain d) {
    denial = d;
  }

  public DenialChain denial() {
    DenialChain d = denial;
    if (d == null) {
      synchronized (this) {
        d = denial;
        if (d == null) {
          d = DenialChain.of(this);
          denial = d;
        }
      }
    }
    return d;
  }

  /**
   * True when {@code name} is below a zone cut or a DNAME of this zone (an apex DNAME included), so
   * it is not served and not signed (RFC 4035 §2.2).
   */
  public boolean occluded(Name name) {
    return Occlusion.ancestor(origin, name, nodes::get) != null;
  }

  /** True when the apex has a DNSKEY RRset: DNSSEC records are then added to answers with DO (RFC 4035 §3.1). */
  public boolean signed() {
    return apex != null && apex.has(Type.DNSKEY);
  }

  /** Every node, in no particular order. */
  public Collection<Node> nodes() {
    return Collections.unmodifiableCollection(nodes);
  }

  public int nodeCount() {
    return nodes.size();
  }

  public int recordCount() {
    return recordCount;
  }

  /** This version with another SOA (a new serial chosen by a {@link SerialPolicy}); O(nodes). */
  public ZoneSnapshot withSoa(SOARecord newSoa) {
    if (!newSoa.getName().equals(origin)) {
      throw new IllegalArgumentException("SOA owner " + newSoa.getName() + " is not the apex " + origin);
    }
    Record[][] sets = new Record[apex.rrsetCount()][];
    for (int i = 0; i < sets.length; i++) {
      Record[] set = apex.rrsetAt(i);
      sets[i] = set[0].getType() == Type.SOA ? new Record[] {newSoa.withName(apex.name())} : set;
    }
    NodeTable copy = nodes.copy();
    copy.put(new Node(apex.name(), sets, true));
    return new ZoneSnapshot(origin, (SOARecord) copy.get(origin).rrset(Type.SOA)[0], copy, recordCount);
  }

  /** This version with serial {@code serial}; the SOA is otherwise unchanged. */
  public ZoneSnapshot withSerial(long serial) {
    return withSoa(new SOARecord(soa.getName(), soa.getDClass(), soa.getTTL(), soa.getHost(), soa.getAdmin(),
        serial, soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum()));
  }

  /** Calls {@code action} for every record, the SOA first. */
  public void forEachRecord(java.util.function.Consumer<Record> action) {
    action.accept(soa);
    for (Node n : nodes) {
      for (int i = 0; i < n.rrsetCount(); i++) {
        for (Record r : n.rrsetAt(i)) {
          if (r.getType() != Type.SOA) {
            action.accept(r);
          }
        }
      }
    }
  }
}
