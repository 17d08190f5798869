package org.tandemdns.store;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneFileReader;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/** Records, SOAs, diffs and comparable texts for store tests, all in zone {@code z.test.}. */
final class TestRecords {
  static final Name ZONE = Name.fromConstantString("z.test.");

  private TestRecords() {}

  /** Parses master-file lines (relative to {@code z.test.}, default TTL 3600). */
  static List<Record> parse(String lines) {
    List<Record> out = new ArrayList<>();
    try {
      ZoneFileReader.forUntrustedText()
          .read(new StringReader("$TTL 3600\n" + lines), "test", ZONE, (r, where) -> out.add(r));
    } catch (Exception e) {
      throw new IllegalArgumentException("test records do not parse: " + e.getMessage(), e);
    }
    return out;
  }

  static Record one(String line) {
    return parse(line).get(0);
  }

  static SOARecord soa(long serial) {
    return new SOARecord(ZONE, DClass.IN, 3600, Name.fromConstantString("ns1.z.test."),
        Name.fromConstantString("hostmaster.z.test."), serial, 7200, 900, 1209600, 300);
  }

  static ZoneDiff diff(long from, long to, String deleted, String added) {
    return new ZoneDiff(soa(from), soa(to), parse(deleted), parse(added));
  }

  /** A record as one line with single spaces: owner, TTL, class, type, RDATA, exact case kept. */
  static String line(Record r) {
    return r.getName() + " " + r.getTTL() + " " + DClass.string(r.getDClass()) + " " + Type.string(r.getType()) + " "
        + r.rdataToString();
  }

  /** Every record of a snapshot, in presentation form (exact case and TTL), sorted. */
  static List<String> texts(ZoneSnapshot snapshot) {
    List<String> out = new ArrayList<>();
    for (Node n : snapshot.nodes()) {
      for (int i = 0; i < n.rrsetCount(); i++) {
        for (Record r : n.rrsetAt(i)) {
          out.add(line(r));
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** What {@code readZone} streams, in presentation form, sorted. */
  static List<String> stored(ZoneStore store, Name zone) throws StoreException {
    List<String> out = new ArrayList<>();
    store.readZone(zone, r -> out.add(line(r)));
    out.sort(null);
    return out;
  }

  /** A diff in presentation form, TTLs included (ZoneDiff.equals would ignore them). */
  static String text(ZoneDiff d) {
    StringBuilder s = new StringBuilder(line(d.fromSoa()));
    d.deleted().forEach(r -> s.append("\n- ").append(line(r)));
    s.append('\n').append(line(d.toSoa()));
    d.added().forEach(r -> s.append("\n+ ").append(line(r)));
    return s.toString();
  }

  static List<String> texts(List<ZoneDiff> diffs) {
    return diffs.stream().map(TestRecords::text).toList();
  }
}
