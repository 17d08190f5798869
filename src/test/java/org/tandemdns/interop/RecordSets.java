package org.tandemdns.interop;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Record;

/** Records compared as sets of canonical text (dnsjava's presentation format, TTL included). */
final class RecordSets {

  private RecordSets() {}

  static Set<String> of(List<Record> records) {
    Set<String> out = new TreeSet<>();
    records.forEach(r -> out.add(r.toString()));
    return out;
  }

  /** {@code a} without the members of {@code b}. */
  static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }
}
