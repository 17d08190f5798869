package org.tandemdns.zone;

import java.util.ArrayList;
import java.util.List;
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
  private static final int WINDOW = 4;

  private final Name origin;
  private final String source;
  /** Nodes completed while records are added; {@link #nodes} once built. */
  private final NodeTable parts;
  private NodeTable nodes;
  /**
   * Names whose records are still being gathered, oldest first: the records of one name may come in
   * a few runs close together ("h5 A", "w5 CNAME h5", "h5 MX"), gathered here without a lookup.
   */
  private final Pending[] window = new Pending[WINDOW];
  private int pendingCount;
  /** The pending records of the name of the record being added. */
  private List<Record> here;
  /** Names made nodes so far, to tell a name seen before without probing the list (most are new). */
  private NameFilter seen;

  private static final class Pending {
    Name name;
    final List<Record> records = new ArrayList<>(4);
    /** True when the name had a node already (its records came in more runs than the window holds). */
    boolean reopened;
  }

  /**
   * The most wire bytes an RRset may take in an edited zone: a DNS message is at most 65,535 bytes
   * (RFC 1035 §4.2.2), of which the header and question take at least 12 + 5. A bigger RRset can
   * never be answered, so a change (API, UPDATE, IXFR) that makes one is refused; zone files and
   * AXFR are served as given.
   */
  static final int MAX_RRSET_WIRE = 65_535 - 12 - 5;

  private final List<String> errors = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private SOARecord soa;
  private int recordCount;
  private int warningCount;

  /** @param source names the input in messages (a file name, "AXFR from 192.0.2.1", ...) */
  public ZoneBuilder(Name origin, String source) {
    this(origin, source, 0);
  }

  /** As above, sized for about {@code expectedNames} owner names (a hint; the builder grows). */
  public ZoneBuilder(Name origin, String source, int expectedNames) {
    this.origin = origin;
    this.source = source;
    this.parts = new NodeTable(expectedNames);
    this.seen = new NameFilter(expectedNames);
  }

  public Name origin() {
    return origin;
  }

  /**
   * Adds one record read at {@code where} (which may be null for records without a source line).
   * Records of one name usually come together (zone files, AXFR); they are gathered and become a
   * node when the next name starts, so a big zone is built without an intermediate map.
   */
  public void add(Record record, SourceLocation where) {
    Name name = record.getName();
    int type = record.getType();
    if (!name.subdomain(origin)) {
      warn(at(where) + ": " + name + " " + Type.string(type) + " is outside zone " + origin + "; ignored");
      return;
    }
    if (record.getDClass() != DClass.IN) {
      error(at(where) + ": class " + DClass.string(record.getDClass()) + " is not supported (only IN)");
      return;
    }
    if (!Type.isRR(type) || type == Type.OPT) {
      error(at(where) + ": " + Type.string(type) + " is a meta-type and cannot be zone data");
      return;
    }
    if (record.getTTL() > Records.MAX_TTL) {
      warn(at(where) + ": " + name + " " + Type.string(type) + " has TTL " + record.getTTL()
          + ", which has the top bit set; taken as 0 (RFC 2181 §8)");
      record = Records.withTtl(record, 0);
    }
    here = pendingFor(name).records;
    if (!checkCoexistence(record, where)) {
      return;
    }
    if (type == Type.SOA) {
      if (!name.equals(origin)) {
        error(at(where) + ": SOA at " + name + " is not at the zone apex " + origin);
        return;
      }
      if (soa != null && !soa.equals(record)) {
        error(at(where) + ": a second SOA record at the apex; a zone has exactly one");
        return;
      }
      soa = (SOARecord) record;
    }
    long key = Records.rrsetKey(record);
    for (Record r : here) {
      if (Records.rrsetKey(r) == key) {
        if (r.equals(record)) {
          return; // duplicate: an RRset is a set (RFC 2181 §5)
        }
        if (r.getTTL() != record.getTTL()) {
          warn(at(where) + ": TTL " + record.getTTL() + " differs from " + r.getTTL() + " for the rest of "
              + name + " " + Type.string(type) + "; using " + r.getTTL() + " (RFC 2181 §5.2)");
          record = Records.withTtl(record, r.getTTL());
        }
        break;
      }
    }
    here.add(record);
  }

  private String at(SourceLocation where) {
    return where == null ? source : where.toString();
  }

  /**
   * The pending records of {@code name}: one of the last few names, or a new pending entry (with
   * the records it already has when it came before), the oldest pending name becoming a node.
   */
  private Pending pendingFor(Name name) {
    for (int i = pendingCount - 1; i >= 0; i--) {
      Pending p = window[i];
      if (p.name == name || p.name.equals(name)) {
        return p;
      }
    }
    Pending p;
    if (pendingCount == WINDOW) {
      p = window[0];
      flush(p);
      System.arraycopy(window, 1, window, 0, WINDOW - 1);
      pendingCount--;
    } else {
      p = new Pending();
    }
    window[pendingCount++] = p;
    Node earlier = seen.mightContain(name) ? parts.get(name) : null;
    p.reopened = earlier != null;
    if (earlier != null) {
      p.name = earlier.name();
      for (Record[] set : earlier.rrsets()) {
        java.util.Collections.addAll(p.records, set);
      }
      recordCount -= earlier.recordCount();
    } else {
      p.name = name;
    }
    return p;
  }

  /** Makes {@code p}'s records a node (replacing the node of its name if it came before). */
  private void flush(Pending p) {
    if (!p.records.isEmpty()) {
      Node node = toNode(p.name, p.records);
      if (p.reopened) {
        parts.put(node);
      } else {
        parts.putAbsent(node);
      }
      if (seen.add(p.name)) {
        seen = NameFilter.rebuilt(parts, parts.size());
      }
      recordCount += p.records.size();
    }
    p.records.clear();
    p.name = null;
  }

  private void flushAll() {
    for (int i = 0; i < pendingCount; i++) {
      flush(window[i]);
    }
    pendingCount = 0;
    here = null;
  }

  /** CNAME and DNAME coexistence rules; false when the record is refused. */
  private boolean checkCoexistence(Record record, SourceLocation where) {
    int type = record.getType();
    for (Record r : here) {
      int other = r.getType();
      if (type == Type.CNAME && other == Type.CNAME && !r.equals(record)) {
        return error(at(where) + ": more than one CNAME at " + record.getName());
      }
      if ((type == Type.CNAME && !mayAccompanyCname(other)) || (other == Type.CNAME && !mayAccompanyCname(type))) {
        return error(at(where) + ": " + record.getName() + " has a CNAME and other data ("
            + Type.string(type == Type.CNAME ? other : type) + "); a CNAME must be alone at its name (RFC 1034 §3.6.2)");
      }
      if (type == Type.DNAME && other == Type.DNAME && !r.equals(record)) {
        return error(at(where) + ": more than one DNAME at " + record.getName() + " (RFC 6672 §2.4)");
      }
    }
    return true;
  }

  private static boolean mayAccompanyCname(int type) {
    return type == Type.CNAME || type == Type.RRSIG || type == Type.NSEC || type == Type.KEY;
  }

  /** Builds the snapshot, or explains every problem found. The builder is spent afterwards. */
  public ZoneSnapshot build() throws ZoneValidationException {
    flushAll();
    seen = null;
    if (soa == null) {
      errors.add(source + ": no SOA record at the zone apex " + origin);
    }
    Node apex = parts.get(origin);
    if (apex == null || !apex.has(Type.NS)) {
      errors.add(source + ": no NS records at the zone apex " + origin);
    }
    if (!errors.isEmpty()) {
      throw new ZoneValidationException(origin.toString(), errors);
    }
    warnOccluded(apex);
    addEmptyNonTerminals();
    nodes = parts.trimmed();
    if (warningCount > MAX_LOGGED_WARNINGS) {
      log.warn("zone {}: {} more warnings not shown", origin, warningCount - MAX_LOGGED_WARNINGS);
    }
    return new ZoneSnapshot(origin, soa, nodes, recordCount);
  }

  /**
   * Builds the nodes of the records added so far, with every record rule checked but without the
   * whole-zone checks (SOA and apex NS present) or empty non-terminals: for {@link ZoneEditor}, which
   * rebuilds only the names a diff touches.
   */
  ZoneSnapshot buildPartial() throws ZoneValidationException {
    flushAll();
    seen = null;
    nodes = parts.trimmed();
    if (!errors.isEmpty()) {
      throw new ZoneValidationException(origin.toString(), errors);
    }
    Node apex = nodes.get(origin);
    if (apex != null && !apex.has(Type.NS)) {
      throw new ZoneValidationException(origin.toString(), List.of(source + ": the change removes every NS record at the apex"));
    }
    List<String> tooBig = new ArrayList<>();
    nodes.forEach(node -> {
      for (int i = 0; i < node.rrsetCount(); i++) {
        Record[] set = node.rrsetAt(i);
        long bytes = Records.wireSize(set);
        if (bytes > MAX_RRSET_WIRE) {
          tooBig.add(source + ": " + node.name() + " " + Type.string(set[0].getType()) + " would be " + set.length
              + " records, " + bytes + " bytes: more than fits in a DNS message (" + MAX_RRSET_WIRE + " bytes with its header)");
        }
      }
    });
    if (!tooBig.isEmpty()) {
      throw new ZoneValidationException(origin.toString(), tooBig);
    }
    return ZoneSnapshot.partial(origin, nodes);
  }

  /** Warnings gathered so far (out-of-zone data, TTL mismatches, occluded data). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  private Node toNode(Name name, List<Record> records) {
    records.sort((a, b) -> Long.compare(Records.rrsetKey(a), Records.rrsetKey(b)));
    dropDuplicates(records);
    int setCount = 0;
    for (int i = 0; i < records.size(); i++) {
      if (i == 0 || Records.rrsetKey(records.get(i)) != Records.rrsetKey(records.get(i - 1))) {
        setCount++;
      }
    }
    Record[][] sets = new Record[setCount][];
    int i = 0;
    int s = 0;
    while (i < records.size()) {
      long key = Records.rrsetKey(records.get(i));
      int j = i;
      while (j < records.size() && Records.rrsetKey(records.get(j)) == key) {
        j++;
      }
      Record[] set = new Record[j - i];
      for (int k = i; k < j; k++) {
        Record r = records.get(k);
        set[k - i] = r.getName() == name ? r : r.withName(name);
      }
      sets[s++] = set;
      i = j;
    }
    return new Node(name, sets, name.equals(origin));
  }

  /**
   * Removes repeated records from {@code records} (sorted by RRset): an RRset is a set (RFC 2181
   * §5). {@link #add} drops a repeat of an RRset's first record; a repeat of a later one (a A 1,
   * a A 2, a A 2) got through and was served twice. Sets of three or more are checked here.
   */
  private static void dropDuplicates(List<Record> records) {
    int i = 0;
    while (i < records.size()) {
      long key = Records.rrsetKey(records.get(i));
      int j = i;
      while (j < records.size() && Records.rrsetKey(records.get(j)) == key) {
        j++;
      }
      if (j - i >= 3) {
        java.util.Set<Record> unique = new java.util.LinkedHashSet<>(records.subList(i, j));
        if (unique.size() < j - i) {
          records.subList(i, j).clear();
          records.addAll(i, unique);
          j = i + unique.size();
        }
      }
      i = j;
    }
  }

  /** Adds an empty node for every missing ancestor of a name (RFC 8020: they exist). */
  private void addEmptyNonTerminals() {
    int deep = origin.labels() + 1;
    for (Node node : parts) { // only the nodes there before (a walk ends where the table ended): parents of the added ones are added too
      Name parent = node.name();
      while (parent.labels() > deep) {
        parent = new Name(parent, 1);
        if (parts.get(parent) != null) {
          break;
        }
        parts.putAbsent(Node.emptyNonTerminal(parent));
      }
    }
  }

  /**
   * Data below a zone cut (other than glue addresses) or below a DNAME is never served: warned
   * about. Names right below the apex are only looked at when the apex owns a DNAME.
   */
  private void warnOccluded(Node apex) {
    boolean apexDname = apex.hasDname();
    for (Node node : parts) {
      if (node.isEmpty() || node == apex || node.name().labels() <= origin.labels() + 1 && !apexDname) {
        continue;
      }
      Node cut = Occlusion.ancestor(origin, node.name(), parts::get);
      if (cut == null) {
        continue;
      }
      for (int type : node.types()) {
        boolean glue = cut.isDelegation() && (type == Type.A || type == Type.AAAA);
        if (!glue) {
          warn(source + ": " + node.name() + " " + Type.string(type) + " is below the "
              + (cut.isDelegation() ? "delegation" : "DNAME") + " at " + cut.name() + " and will not be served");
        }
      }
    }
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
