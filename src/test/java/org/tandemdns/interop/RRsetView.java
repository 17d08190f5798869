package org.tandemdns.interop;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * An RRset as the comparison sees it: owner (case-insensitive), class, type, and the sorted list of
 * its records' TTL and canonical RDATA (RFC 4034 §6.2), so record order inside an RRset is ignored
 * while TTLs are compared.
 */
record RRsetView(String owner, int dclass, int type, List<String> records, String text) {

  /** The RRsets of one section in order of first appearance; OPT and TSIG are left out. */
  static List<RRsetView> of(Message message, int section) {
    Map<String, List<Record>> groups = new LinkedHashMap<>();
    for (Record r : message.getSection(section)) {
      if (r.getType() == Type.OPT || r.getType() == Type.TSIG) {
        continue;
      }
      String key = r.getName().canonicalize() + " " + r.getDClass() + " " + r.getType();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    List<RRsetView> sets = new ArrayList<>();
    for (List<Record> records : groups.values()) {
      Record first = records.get(0);
      List<String> keys = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      for (Record r : records) {
        keys.add(r.getTTL() + " " + HexFormat.of().formatHex(r.rdataToWireCanonical()));
        text.append(text.length() == 0 ? "" : " | ").append(r.getTTL()).append(' ').append(r.rdataToString());
      }
      keys.sort(null);
      String owner = first.getName().canonicalize().toString();
      sets.add(new RRsetView(owner, first.getDClass(), first.getType(), List.copyOf(keys),
          owner + " " + DClass.string(first.getDClass()) + " " + Type.string(first.getType()) + " [" + text + "]"));
    }
    return sets;
  }

  /** Equal RRsets: same owner, class, type, TTLs and RDATA; the display text is not compared. */
  boolean sameAs(RRsetView other) {
    return owner.equals(other.owner) && dclass == other.dclass && type == other.type && records.equals(other.records);
  }

  @Override
  public String toString() {
    return text;
  }
}
