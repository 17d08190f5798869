package org.tandemdns.zone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Collects a zone's records, checks them as they arrive and builds an immutable {@link
 * ZoneSnapshot}. Rules: exactly one SOA, at the apex, and NS at the apex (RFC 1034 §4.2.1); a CNAME
 * alone at its name (RFC 1034 §3.6.2, RFC 2181 §10.1, DNSSEC records excepted); at most one DNAME
 * and no CNAME beside it (RFC 6672 §2.3); one TTL per RRset (RFC 2181 §5.2); data outside the zone
 * ignored with a warning; glue below delegations kept, other data there warned as occluded.
 */
public final class ZoneBuilder {
  private static final Logger log = LoggerFactory.getLogger(ZoneBuilder.class);
  private static final int MAX_PROBLEMS = 20;
  private static final int MAX_LOGGED_WARNINGS = 20;

  private final Name origin;
  private final String source;
  private final Map<Name, List<Record>> byName = new HashMap<>();
  private final List<String> errors = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private SOARecord soa;
  private int warningCount;

  /** @param source names the input in messages (a file name, "AXFR from 192.0.2.1", ...) */
  public ZoneBuilder(Name origin, String source) {
    this.origin = origin;
    this.source = source;
  }

  public Name origin() {
    return origin;
  }

  /** Adds one record read at {@code where} (which may be null for records without a source line). */
  public void add(Record record, SourceLocation where) {
    String at = where == null ? source : where.toString();
    Name name = record.getName();
    int type = record.getType();
    if (!name.subdomain(origin)) {
      warn(at + ": " + name + " " + Type.string(type) + " is outside zone " + origin + "; ignored");
      return;
    }
    if (record.getDClass() != DClass.IN) {
      error(at + ": class " + DClass.string(record.getDClass()) + " is not supported (only IN)");
      return;
    }
    if (!Type.isRR(type) || type == Type.OPT) {
      error(at + ": " + Type.string(type) + " is a meta-type and cannot be zone data");
      return;
    }
    List<Record> here = byName.computeIfAbsent(name, n -> new ArrayList<>(2));
    if (!checkCoexistence(record, here, at)) {
      return;
    }
    if (type == Type.SOA) {
      if (!name.equals(origin)) {
        error(at + ": SOA at " + name + " is not at the zone apex " + origin);
        return;
      }
      if (soa != null && !soa.equals(record)) {
        error(at + ": a second SOA record at the apex; a zone has exactly one");
        return;
      }
      soa = (SOARecord) record;
    }
    for (Record r : here) {
      if (r.getType() == type) {
        if (r.equals(record)) {
          return; // duplicate: an RRset is a set (RFC 2181 §5)
        }
        if (r.getTTL() != record.getTTL()) {
          warn(at + ": TTL " + record.getTTL() + " differs from " + r.getTTL() + " for the rest of "
              + name + " " + Type.string(type) + "; using " + r.getTTL() + " (RFC 2181 §5.2)");
          record = Records.withTtl(record, r.getTTL());
        }
        break;
      }
    }
    here.add(record);
  }

  /** CNAME and DNAME coexistence rules; false when the record is refused. */
  private boolean checkCoexistence(Record record, List<Record> here, String at) {
    int type = record.getType();
    for (Record r : here) {
      int other = r.getType();
      if (type == Type.CNAME && other == Type.CNAME && !r.equals(record)) {
        return error(at + ": more than one CNAME at " + record.getName());
      }
      if ((type == Type.CNAME && !mayAccompanyCname(other)) || (other == Type.CNAME && !mayAccompanyCname(type))) {
        return error(at + ": " + record.getName() + " has a CNAME and other data ("
            + Type.string(type == Type.CNAME ? other : type) + "); a CNAME must be alone at its name (RFC 1034 §3.6.2)");
      }
      if (type == Type.DNAME && other == Type.DNAME && !r.equals(record)) {
        return error(at + ": more than one DNAME at " + record.getName() + " (RFC 6672 §2.4)");
      }
    }
    return true;
  }

  private static boolean mayAccompanyCname(int type) {
    return type == Type.CNAME || type == Type.RRSIG || type == Type.NSEC || type == Type.KEY;
  }

  /** Builds the snapshot, or explains every problem found. */
  public ZoneSnapshot build() throws ZoneValidationException {
    if (soa == null) {
      errors.add(source + ": no SOA record at the zone apex " + origin);
    }
    List<Record> apexRecords = byName.get(origin);
    if (apexRecords == null || apexRecords.stream().noneMatch(r -> r.getType() == Type.NS)) {
      errors.add(source + ": no NS records at the zone apex " + origin);
    }
    if (!errors.isEmpty()) {
      throw new ZoneValidationException(origin.toString(), errors);
    }
    Map<Name, Node> nodes = new HashMap<>(byName.size() * 4 / 3 + 16);
    int count = 0;
    for (Map.Entry<Name, List<Record>> e : byName.entrySet()) {
      Node node = toNode(e.getKey(), e.getValue());
      nodes.put(node.name(), node);
      count += node.recordCount();
    }
    addEmptyNonTerminals(nodes);
    shareTargetNames(nodes);
    warnOccluded(nodes);
    if (warningCount > MAX_LOGGED_WARNINGS) {
      log.warn("zone {}: {} more warnings not shown", origin, warningCount - MAX_LOGGED_WARNINGS);
    }
    return new ZoneSnapshot(origin, soa, nodes, count);
  }

  /**
   * Builds the nodes of the records added so far, with every record rule checked but without the
   * whole-zone checks (SOA and apex NS present) or empty non-terminals: for {@link ZoneEditor}, which
   * rebuilds only the names a diff touches.
   */
  ZoneSnapshot buildPartial() throws ZoneValidationException {
    if (!errors.isEmpty()) {
      throw new ZoneValidationException(origin.toString(), errors);
    }
    List<Record> apexRecords = byName.get(origin);
    if (apexRecords != null && apexRecords.stream().noneMatch(r -> r.getType() == Type.NS)) {
      throw new ZoneValidationException(origin.toString(), List.of(source + ": the change removes every NS record at the apex"));
    }
    Map<Name, Node> nodes = new HashMap<>();
    for (Map.Entry<Name, List<Record>> e : byName.entrySet()) {
      Node node = toNode(e.getKey(), e.getValue());
      nodes.put(node.name(), node);
    }
    return ZoneSnapshot.partial(origin, nodes);
  }

  /** Warnings gathered so far (out-of-zone data, TTL mismatches, occluded data). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  private Node toNode(Name name, List<Record> records) {
    records.sort((a, b) -> Integer.compare(a.getType(), b.getType()));
    List<Record[]> sets = new ArrayList<>();
    int i = 0;
    while (i < records.size()) {
      int type = records.get(i).getType();
      int j = i;
      while (j < records.size() && records.get(j).getType() == type) {
        j++;
      }
      Record[] set = new Record[j - i];
      for (int k = i; k < j; k++) {
        Record r = records.get(k);
        set[k - i] = r.getName() == name ? r : r.withName(name);
      }
      sets.add(set);
      i = j;
    }
    return new Node(name, sets.toArray(new Record[0][]), name.equals(origin));
  }

  private void addEmptyNonTerminals(Map<Name, Node> nodes) {
    List<Name> owners = new ArrayList<>(nodes.keySet());
    for (Name owner : owners) {
      Name parent = owner;
      while (parent.labels() > origin.labels() + 1) {
        parent = new Name(parent, 1);
        if (nodes.containsKey(parent)) {
          break;
        }
        nodes.put(parent, Node.emptyNonTerminal(parent));
      }
    }
  }

  /**
   * A CNAME, MX, NS... target that is a name of this zone, spelled the same, points at that node's
   * Name instance instead of a copy: in a big zone that is a large share of all names.
   */
  private static void shareTargetNames(Map<Name, Node> nodes) {
    for (Node node : nodes.values()) {
      for (int i = 0; i < node.rrsetCount(); i++) {
        Record[] set = node.rrsetAt(i);
        for (int k = 0; k < set.length; k++) {
          Name target = Records.target(set[k]);
          Node at = target == null ? null : nodes.get(target);
          if (at != null && at.name() != target && at.name().toString().equals(target.toString())) {
            set[k] = Records.withTarget(set[k], at.name());
          }
        }
      }
    }
  }

  /** Data below a zone cut (other than glue addresses) or below a DNAME is never served. */
  private void warnOccluded(Map<Name, Node> nodes) {
    for (Node node : nodes.values()) {
      if (node.isEmpty() || node.name().equals(origin)) {
        continue;
      }
      Node cut = occludingAncestor(nodes, node.name());
      if (cut == null) {
        continue;
      }
      for (int i = 0; i < node.rrsetCount(); i++) {
        int type = node.rrsetAt(i)[0].getType();
        boolean glue = cut.isDelegation() && (type == Type.A || type == Type.AAAA);
        if (!glue) {
          warn(source + ": " + node.name() + " " + Type.string(type) + " is below the "
              + (cut.isDelegation() ? "delegation" : "DNAME") + " at " + cut.name() + " and will not be served");
        }
      }
    }
  }

  private Node occludingAncestor(Map<Name, Node> nodes, Name name) {
    Name n = name;
    while (n.labels() > origin.labels() + 1) {
      n = new Name(n, 1);
      Node up = nodes.get(n);
      if (up != null && (up.isDelegation() || up.hasDname())) {
        return up;
      }
    }
    Node apex = nodes.get(origin);
    return apex != null && apex.hasDname() && !name.equals(origin) ? apex : null;
  }

  private boolean error(String message) {
    if (errors.size() < MAX_PROBLEMS) {
      errors.add(message);
    }
    return false;
  }

  private void warn(String message) {
    warningCount++;
    if (warnings.size() < MAX_PROBLEMS) {
      warnings.add(message);
    }
    if (warningCount <= MAX_LOGGED_WARNINGS) {
      log.warn("zone {}: {}", origin, message);
    }
  }
}
