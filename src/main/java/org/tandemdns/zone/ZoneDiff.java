package org.tandemdns.zone;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * The difference between two versions of a zone, in the shape of one IXFR sequence (RFC 1995 §4):
 * the old SOA, the records deleted, the new SOA, the records added. SOA records never appear in
 * {@code deleted} or {@code added}. A TTL change is a deletion plus an addition.
 */
public record ZoneDiff(SOARecord fromSoa, SOARecord toSoa, List<Record> deleted, List<Record> added) {
  public ZoneDiff {
    Objects.requireNonNull(fromSoa, "fromSoa");
    Objects.requireNonNull(toSoa, "toSoa");
    deleted = List.copyOf(deleted);
    added = List.copyOf(added);
  }

  public long fromSerial() {
    return fromSoa.getSerial();
  }

  public long toSerial() {
    return toSoa.getSerial();
  }

  /** True when records other than the SOA change. */
  public boolean changesContent() {
    return !deleted.isEmpty() || !added.isEmpty();
  }

  /** Records in the diff, both SOAs included, as an IXFR sequence counts them. */
  public int recordCount() {
    return deleted.size() + added.size() + 2;
  }

  /** What changed from {@code old} to {@code next}; O(records) in both. */
  public static ZoneDiff between(ZoneSnapshot old, ZoneSnapshot next) {
    List<Record> deleted = new ArrayList<>();
    List<Record> added = new ArrayList<>();
    for (Node n : next.nodes()) {
      compareNode(old.node(n.name()), n, deleted, added);
    }
    for (Node o : old.nodes()) {
      if (next.node(o.name()) == null) {
        compareNode(o, null, deleted, added);
      }
    }
    return new ZoneDiff(old.soa(), next.soa(), deleted, added);
  }

  private static void compareNode(Node old, Node next, List<Record> deleted, List<Record> added) {
    if (old != null) {
      for (int i = 0; i < old.rrsetCount(); i++) {
        Record[] set = old.rrsetAt(i);
        if (set[0].getType() != Type.SOA) {
          collectMissing(set, next == null ? null : next.rrset(set[0].getType()), deleted);
        }
      }
    }
    if (next != null) {
      for (int i = 0; i < next.rrsetCount(); i++) {
        Record[] set = next.rrsetAt(i);
        if (set[0].getType() != Type.SOA) {
          collectMissing(set, old == null ? null : old.rrset(set[0].getType()), added);
        }
      }
    }
  }

  /** Adds to {@code out} the records of {@code from} absent from {@code in} (TTL included). */
  private static void collectMissing(Record[] from, Record[] in, List<Record> out) {
    if (in == null) {
      Collections.addAll(out, from);
      return;
    }
    for (Record r : from) {
      boolean found = false;
      for (Record s : in) {
        if (r.equals(s) && r.getTTL() == s.getTTL()) { // per record: the RRSIGs of one node have several TTLs
          found = true;
          break;
        }
      }
      if (!found) {
        out.add(r);
      }
    }
  }

  /**
   * Condenses consecutive diffs (each {@code toSerial} equal to the next {@code fromSerial}) into one
   * from the first version to the last (RFC 1995 §4, "condensation"): a record added then deleted
   * disappears; a record deleted then re-added with the same TTL disappears.
   */
  public static ZoneDiff condense(List<ZoneDiff> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("nothing to condense");
    }
    Map<RecordKey, Record> deleted = new LinkedHashMap<>();
    Map<RecordKey, Record> added = new LinkedHashMap<>();
    for (int i = 0; i < chain.size(); i++) {
      ZoneDiff d = chain.get(i);
      if (i > 0 && chain.get(i - 1).toSerial() != d.fromSerial()) {
        throw new IllegalArgumentException("journal gap: serial " + chain.get(i - 1).toSerial() + " then " + d.fromSerial());
      }
      for (Record r : d.deleted) {
        RecordKey k = new RecordKey(r);
        if (added.remove(k) == null) {
          deleted.put(k, r);
        }
      }
      for (Record r : d.added) {
        RecordKey k = new RecordKey(r);
        if (deleted.remove(k) == null) {
          added.put(k, r);
        }
      }
    }
    return new ZoneDiff(chain.get(0).fromSoa, chain.get(chain.size() - 1).toSoa,
        new ArrayList<>(deleted.values()), new ArrayList<>(added.values()));
  }

  /** A record's identity including its TTL (dnsjava's equals ignores the TTL). */
  private record RecordKey(Record record, long ttl) {
    RecordKey(Record record) {
      this(record, record.getTTL());
    }
  }
}
