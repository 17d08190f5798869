package org.tandemdns.sync.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.tandemdns.sync.RRsetChange;
import org.tandemdns.zone.compare.CanonicalRRset;
import org.tandemdns.zone.compare.CanonicalRdata;
import org.tandemdns.zone.compare.RRsetKey;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Renders RRset changes as one RFC 2136 UPDATE message.
 *
 * <ul>
 *   <li>Prerequisites (§2.4) make each change conditional on what the plan read: a create needs the
 *       RRset absent (§2.4.3, class NONE), an update or a delete needs it exactly as read (§2.4.2,
 *       value dependent, class IN, TTL 0). Changes made without reading the target carry none.
 *   <li>A create adds its records (§2.5.1); an update deletes the RRset (§2.5.2, class ANY) and adds
 *       the new records; a delete deletes the RRset. The apex NS RRset cannot be deleted (§3.4.2.4),
 *       so its update adds the new records and deletes the old ones one by one (§2.5.4, class NONE).
 *   <li>Deletes come first: a server processes updates in order (§3.4.2), and adding a CNAME
 *       where other data still exists, or the reverse, is silently ignored (§3.4.2.2).
 * </ul>
 */
final class UpdateMessages {
  /** Header, zone section with the longest name, TSIG with room for the longest key name and MAC. */
  static final int OVERHEAD = 12 + 259 + 400;

  private UpdateMessages() {}

  /** The UPDATE for {@code batch} in zone {@code zone}. */
  static Update build(Name zone, List<RRsetChange> batch) {
    Update update = new Update(zone);
    List<RRsetChange> ordered = new ArrayList<>(batch.stream().filter(c -> c instanceof RRsetChange.Delete).toList());
    ordered.addAll(batch.stream().filter(c -> !(c instanceof RRsetChange.Delete)).toList());
    for (RRsetChange c : ordered) {
      for (Record r : prerequisites(c)) {
        update.addRecord(r, Section.PREREQ);
      }
      for (Record r : updates(zone, c)) {
        update.addRecord(r, Section.UPDATE);
      }
    }
    return update;
  }

  /** Bytes {@code change} adds to a message, uncompressed: an upper bound. */
  static int cost(Name zone, RRsetChange change) {
    int bytes = 0;
    for (Record r : prerequisites(change)) {
      bytes += r.toWire(Section.PREREQ).length;
    }
    for (Record r : updates(zone, change)) {
      bytes += r.toWire(Section.UPDATE).length;
    }
    return bytes;
  }

  static List<Record> prerequisites(RRsetChange c) {
    List<Record> out = new ArrayList<>();
    if (c instanceof RRsetChange.Create create) {
      out.add(Record.newRecord(create.key().owner(), create.key().type(), DClass.NONE, 0));
    } else if (c.current() != null) {
      for (CanonicalRdata r : c.current().rdatas()) {
        out.add(with(r.record(), DClass.IN, 0));
      }
    }
    return out;
  }

  static List<Record> updates(Name zone, RRsetChange c) {
    RRsetKey key = c.key();
    List<Record> out = new ArrayList<>();
    boolean apexNs = key.type() == Type.NS && key.owner().equals(zone.canonicalize());
    if (c instanceof RRsetChange.Update u && apexNs) {
      add(out, u.desired());
      if (u.current() != null) {
        for (CanonicalRdata r : u.current().rdatas()) {
          if (!u.desired().rdatas().contains(r)) {
            out.add(with(r.record(), DClass.NONE, 0));
          }
        }
      }
      return out;
    }
    if (!(c instanceof RRsetChange.Create)) {
      out.add(Record.newRecord(key.owner(), key.type(), DClass.ANY, 0));
    }
    if (c.desired() != null) {
      add(out, c.desired());
    }
    return out;
  }

  private static void add(List<Record> out, CanonicalRRset set) {
    for (CanonicalRdata r : set.rdatas()) {
      out.add(with(r.record(), DClass.IN, set.ttl()));
    }
  }

  /** {@code r} with another class and TTL, its owner and RDATA exactly as they were. */
  static Record with(Record r, int dclass, long ttl) {
    byte[] wire = r.toWire(Section.ANSWER);
    int at = r.getName().length() + 2;
    wire[at] = (byte) (dclass >>> 8);
    wire[at + 1] = (byte) dclass;
    wire[at + 2] = (byte) (ttl >>> 24);
    wire[at + 3] = (byte) (ttl >>> 16);
    wire[at + 4] = (byte) (ttl >>> 8);
    wire[at + 5] = (byte) ttl;
    try {
      return Record.fromWire(wire, Section.ANSWER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot re-read a record just written: " + r, e);
    }
  }
}
