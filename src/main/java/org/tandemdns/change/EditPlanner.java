package org.tandemdns.change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.Records;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Turns requested {@link RecordChange}s into the records to delete and add against a version,
 * following RFC 2136 §3.4.2: the SOA is never deleted (only replaced), the apex NS RRset is never
 * emptied by an RRset or name deletion, a deletion of what is absent is a no-op, an addition of what
 * is present (same RDATA) updates the TTL, and all records of an RRset get one TTL (RFC 2181 §5.2).
 */
final class EditPlanner {
  private final ZoneSnapshot base;
  private final Map<Key, List<Record>> rrsets = new LinkedHashMap<>();

  private record Key(Name name, int type) {}

  EditPlanner(ZoneSnapshot base) {
    this.base = base;
  }

  void apply(RecordChange change) throws ChangeRejectedException {
    if (change instanceof RecordChange.Add a) {
      add(a.record());
    } else if (change instanceof RecordChange.Delete d) {
      current(d.record().getName(), d.record().getType()).removeIf(r -> r.equals(d.record()));
    } else if (change instanceof RecordChange.DeleteRRset d) {
      deleteRRset(d.name(), d.type());
    } else if (change instanceof RecordChange.DeleteName d) {
      Node n = base.node(d.name());
      if (n != null) {
        for (int i = 0; i < n.rrsetCount(); i++) {
          deleteRRset(d.name(), n.rrsetAt(i)[0].getType());
        }
      }
      for (Key k : new ArrayList<>(rrsets.keySet())) {
        if (k.name.equals(d.name())) {
          deleteRRset(k.name, k.type);
        }
      }
    } else if (change instanceof RecordChange.ReplaceRRset r) {
      for (Record rec : r.records()) {
        if (!rec.getName().equals(r.name()) || rec.getType() != r.type()) {
          throw new ChangeRejectedException("record " + rec + " does not belong to RRset " + r.name() + " " + Type.string(r.type()));
        }
      }
      if (r.type() == Type.SOA && r.records().size() != 1) {
        throw new ChangeRejectedException("the SOA RRset holds exactly one record");
      }
      List<Record> set = current(r.name(), r.type());
      set.clear();
      set.addAll(r.records());
    }
  }

  private void add(Record r) {
    List<Record> set = current(r.getName(), r.getType());
    if (r.getType() == Type.SOA) {
      set.clear();
      set.add(r);
      return;
    }
    set.removeIf(x -> x.equals(r));
    set.add(r);
  }

  private void deleteRRset(Name name, int type) {
    if (type == Type.SOA && name.equals(base.origin())) {
      return; // RFC 2136 §3.4.2.2: the SOA is never deleted
    }
    if (type == Type.NS && name.equals(base.origin())) {
      return; // RFC 2136 §3.4.2.4: the apex NS RRset is never deleted
    }
    current(name, type).clear();
  }

  private List<Record> current(Name name, int type) {
    return rrsets.computeIfAbsent(new Key(name, type), k -> {
      List<Record> list = new ArrayList<>();
      Node n = base.node(name);
      Record[] set = n == null ? null : n.rrset(type);
      if (set != null) {
        java.util.Collections.addAll(list, set);
      }
      return list;
    });
  }

  /** The deletions and additions, TTLs made uniform within each RRset (the last one given wins). */
  void collect(List<Record> deleted, List<Record> added) {
    for (Map.Entry<Key, List<Record>> e : rrsets.entrySet()) {
      Node n = base.node(e.getKey().name);
      Record[] before = n == null ? new Record[0] : Objects.requireNonNullElse(n.rrset(e.getKey().type), new Record[0]);
      List<Record> after = uniformTtl(e.getValue());
      for (Record r : before) {
        if (after.stream().noneMatch(a -> a.equals(r) && a.getTTL() == r.getTTL())) {
          deleted.add(r);
        }
      }
      for (Record a : after) {
        boolean existed = false;
        for (Record r : before) {
          existed |= a.equals(r) && a.getTTL() == r.getTTL();
        }
        if (!existed) {
          added.add(a);
        }
      }
    }
  }

  private static List<Record> uniformTtl(List<Record> set) {
    if (set.isEmpty()) {
      return set;
    }
    long ttl = set.get(set.size() - 1).getTTL();
    List<Record> out = new ArrayList<>();
    for (Record r : set) {
      out.add(Records.withTtl(r, ttl));
    }
    return out;
  }
}
