package org.tandemdns.xfr;

import java.util.Iterator;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Compression;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Type;

/**
 * A whole zone for AXFR (RFC 5936 §2.2): the SOA, every other record, the SOA again. Records are
 * copied from the nodes' wire form, never made into objects; a node's owner is compressed against
 * the owner before it ({@link OwnerNames}), and the owner of its second and later records in a
 * message is a pointer to where the first one wrote it (RFC 1035 §4.1.4).
 */
final class SnapshotRecords implements OutboundRecords {
  private static final int MAX_POINTER = 0x3FFF;

  private final ZoneSnapshot snapshot;
  private final Iterator<Node> nodes;
  private final OwnerNames owners = new OwnerNames();
  private final Node.WireRecords records = new Node.WireRecords();
  private Node current;
  private int state; // 0: first SOA, 1: the nodes' records, 2: last SOA, 3: done
  private int ownerOffset = -1; // where this message holds the current node's owner, or -1

  SnapshotRecords(ZoneSnapshot snapshot) {
    this.snapshot = snapshot;
    this.nodes = snapshot.nodes().iterator();
  }

  @Override
  public boolean hasCurrent() {
    return state < 3;
  }

  @Override
  public void writeCurrent(DNSOutput out, Compression compression) {
    if (state != 1) {
      OutboundRecords.write(out, snapshot.soa(), compression);
      return;
    }
    int at = out.current();
    if (ownerOffset >= 0) {
      out.writeU16(0xC000 | ownerOffset);
    } else {
      owners.write(out, current.name());
      if (at <= MAX_POINTER && out.current() - at > 2) { // written in full (not itself a pointer) and reachable
        ownerOffset = at;
      }
    }
    out.writeU16(records.type());
    out.writeU16(DClass.IN);
    out.writeU32(records.ttl());
    out.writeU16(records.rdataLength());
    out.writeByteArray(records.data(), records.rdataOffset(), records.rdataLength());
  }

  @Override
  public void advance() {
    if (state == 0) {
      state = 1;
      nextBodyRecord();
    } else if (state == 1) {
      nextBodyRecord();
    } else {
      state = 3;
    }
  }

  @Override
  public void newMessage() {
    ownerOffset = -1;
    owners.newMessage();
  }

  /** Moves to the next record other than the SOA, or to the closing SOA. */
  private void nextBodyRecord() {
    while (true) {
      if (records.next()) {
        if (records.type() != Type.SOA) {
          return;
        }
        continue;
      }
      if (!nodes.hasNext()) {
        state = 2;
        return;
      }
      current = nodes.next();
      records.reset(current);
      ownerOffset = -1;
    }
  }
}
