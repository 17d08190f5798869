package org.tandemdns.zone;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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
    Map<Name, List<Record>> touched = new LinkedHashMap<>();
    for (Record r : diff.deleted()) {
      List<Record> here = recordsAt(base, touched, r.getName());
      if (!removeExact(here, r)) {
        throw new DiffDoesNotApplyException("record to delete is not in the zone: " + r);
      }
    }
    for (Record r : diff.added()) {
      if (!r.getName().subdomain(origin)) {
        throw new DiffDoesNotApplyException("record to add is outside zone " + origin + ": " + r);
      }
      if (r.getType() == Type.SOA) {
        throw new DiffDoesNotApplyException("a diff cannot add a second SOA: " + r);
      }
      List<Record> here = recordsAt(base, touched, r.getName());
      removeExact(here, r);
      here.add(r);
    }
    List<Record> apex = recordsAt(base, touched, origin);
    apex.removeIf(r -> r.getType() == Type.SOA);
    apex.add(diff.toSoa());

    ZoneBuilder check = new ZoneBuilder(origin, "the change to serial " + diff.toSerial());
    touched.values().forEach(records -> records.forEach(r -> check.add(r, null)));
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
    int count = base.recordCount() - diff.deleted().size() + diff.added().size();
    return new ZoneSnapshot(origin, (SOARecord) nodes.get(origin).rrset(Type.SOA)[0], nodes, count);
  }

  private static List<Record> recordsAt(ZoneSnapshot base, Map<Name, List<Record>> touched, Name name) {
    return touched.computeIfAbsent(name, n -> {
      List<Record> list = new ArrayList<>();
      Node node = base.node(n);
      if (node != null) {
        for (int i = 0; i < node.rrsetCount(); i++) {
          java.util.Collections.addAll(list, node.rrsetAt(i));
        }
      }
      return list;
    });
  }

  /** Removes the record equal to {@code r} with the same TTL; false when absent. */
  private static boolean removeExact(List<Record> records, Record r) {
    for (int i = 0; i < records.size(); i++) {
      Record x = records.get(i);
      if (x.equals(r) && x.getTTL() == r.getTTL()) {
        records.remove(i);
        return true;
      }
    }
    return false;
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
