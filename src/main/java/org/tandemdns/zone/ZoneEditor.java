package org.tandemdns.zone;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Applies a {@link ZoneDiff} to a snapshot, producing the next version (RFC 1995 §4 semantics):
 * every deleted record must be present, the result must still be a valid zone. Only the touched
 * names are rebuilt and re-checked (with {@link ZoneBuilder}'s rules); the rest of the node table is
 * shared by reference. Empty non-terminals are added for new names and pruned when their last
 * descendant goes.
 */
public final class ZoneEditor {
  private ZoneEditor() {}

  public static ZoneSnapshot apply(ZoneSnapshot base, ZoneDiff diff) throws DiffDoesNotApplyException, ZoneValidationException {
    if (diff.fromSerial() != base.serial()) {
      throw new DiffDoesNotApplyException("diff starts at serial " + diff.fromSerial() + " but the zone is at " + base.serial());
    }
    Name origin = base.origin();
    Map<Name, Map<Record, Record>> touched = new LinkedHashMap<>();
    int removed = 0;
    int added = 0;
    for (Record r : diff.deleted()) {
      Map<Record, Record> here = recordsAt(base, touched, r.getName());
      Record x = here.get(r);
      if (x == null || x.getTTL() != r.getTTL()) {
        throw new DiffDoesNotApplyException("record to delete is not in the zone: " + r);
      }
      here.remove(r);
      removed++;
    }
    for (Record r : diff.added()) {
      if (!r.getName().subdomain(origin)) {
        throw new DiffDoesNotApplyException("record to add is outside zone " + origin + ": " + r);
      }
      if (r.getType() == Type.SOA) {
        throw new DiffDoesNotApplyException("a diff cannot add a second SOA: " + r);
      }
      if (recordsAt(base, touched, r.getName()).put(r, r) == null) {
        added++;
      }
    }
    Map<Record, Record> apex = recordsAt(base, touched, origin);
    int soas = apex.size();
    apex.values().removeIf(r -> r.getType() == Type.SOA);
    removed += soas - apex.size();
    apex.put(diff.toSoa(), diff.toSoa());
    added++;

    ZoneBuilder check = new ZoneBuilder(origin, "the change to serial " + diff.toSerial());
    touched.values().forEach(records -> records.values().forEach(r -> check.add(r, null)));
    ZoneSnapshot rebuilt = check.buildPartial();

    NodeTable nodes = base.copyOfNodes();
    for (Name name : touched.keySet()) {
      Node n = rebuilt.node(name);
      if (n == null || n.isEmpty()) {
        nodes.put(Node.emptyNonTerminal(name)); // provisional; pruned below if nothing is under it
      } else {
        nodes.put(n);
      }
      addAncestors(nodes, name, origin);
    }
    pruneEmptyLeaves(nodes, touched.keySet(), origin);
    int count = base.recordCount() - removed + added;
    ZoneSnapshot next = new ZoneSnapshot(origin, (SOARecord) nodes.get(origin).rrset(Type.SOA)[0], nodes, count);
    DenialChain before = base.denialIfBuilt();
    if (before != null) {
      // the untouched nodes are shared, so the chain is the old one with the touched entries redone
      next.presetDenial(DenialChain.edited(before, next, touched.keySet()));
    }
    return next;
  }

  /**
   * The records at {@code name} being edited, keyed by themselves (dnsjava's equality ignores the
   * TTL), so that each delete and add is one lookup: a list made adding n records to one RRset
   * quadratic (70,000 records took 108 s under the zone's write lock).
   */
  private static Map<Record, Record> recordsAt(ZoneSnapshot base, Map<Name, Map<Record, Record>> touched, Name name) {
    return touched.computeIfAbsent(name, n -> {
      Map<Record, Record> records = new LinkedHashMap<>();
      Node node = base.node(n);
      if (node != null) {
        for (int i = 0; i < node.rrsetCount(); i++) {
          for (Record r : node.rrsetAt(i)) {
            records.put(r, r);
          }
        }
      }
      return records;
    });
  }

  private static void addAncestors(NodeTable nodes, Name name, Name origin) {
    Name n = name;
    while (n.labels() > origin.labels() + 1) {
      n = new Name(n, 1);
      if (nodes.contains(n)) {
        return;
      }
      nodes.put(Node.emptyNonTerminal(n));
    }
  }

  /**
   * Empty nodes with nothing below them do not exist (RFC 8020): drop the touched names that are
   * empty now, and their empty ancestors, unless a node with data is below them. One walk of the
   * zone, and only when a change left a touched name empty.
   */
  private static void pruneEmptyLeaves(NodeTable nodes, Set<Name> touched, Name origin) {
    Set<Name> candidates = new HashSet<>();
    for (Name t : touched) {
      Name a = t;
      Node n = nodes.get(a);
      while (n != null && n.isEmpty() && !a.equals(origin)) {
        candidates.add(a);
        a = new Name(a, 1);
        n = nodes.get(a);
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    Set<Name> needed = new HashSet<>();
    for (Node n : nodes) {
      if (needed.size() == candidates.size()) {
        break;
      }
      if (n.isEmpty()) {
        continue;
      }
      for (Name c : candidates) {
        if (!needed.contains(c) && n.name().subdomain(c) && !n.name().equals(c)) {
          needed.add(c);
        }
      }
    }
    for (Name c : candidates) {
      if (!needed.contains(c)) {
        nodes.remove(c);
      }
    }
  }
}
