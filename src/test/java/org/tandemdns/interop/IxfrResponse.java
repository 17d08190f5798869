package org.tandemdns.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * The records of an IXFR response (RFC 1995 §4), checked for their framing: the server's current
 * SOA first and last; in between either nothing (a single SOA: the client is current, or must retry
 * over TCP) or one or more deltas, each the old SOA, the deleted records, the new SOA, the added
 * records, chained from serial to serial. A response that does not frame like this throws.
 */
final class IxfrResponse {

  /** One difference sequence: from serial, deleted records, to serial, added records. */
  record Delta(long from, List<Record> deleted, long to, List<Record> added) {}

  private final long currentSerial;
  private final List<Delta> deltas;

  private IxfrResponse(long currentSerial, List<Delta> deltas) {
    this.currentSerial = currentSerial;
    this.deltas = List.copyOf(deltas);
  }

  /** Parses {@code records}, the answer records in order (TSIG excluded). */
  static IxfrResponse parse(List<Record> records) {
    if (records.isEmpty() || !(records.get(0) instanceof SOARecord first)) {
      throw new AssertionError("an IXFR response starts with the current SOA; got " + records);
    }
    long current = first.getSerial();
    if (records.size() == 1) {
      return new IxfrResponse(current, List.of());
    }
    if (!(records.get(records.size() - 1) instanceof SOARecord last) || last.getSerial() != current) {
      throw new AssertionError("an IXFR response ends with the current SOA (" + current + "); got " + records);
    }
    if (!(records.get(1) instanceof SOARecord)) {
      throw new AssertionError("second record is not a SOA: this is an AXFR-style response, not a difference: " + records);
    }
    List<Delta> deltas = new ArrayList<>();
    int i = 1;
    long expectedFrom = -1;
    while (i < records.size() - 1) {
      long from = ((SOARecord) records.get(i++)).getSerial();
      if (expectedFrom >= 0 && from != expectedFrom) {
        throw new AssertionError("delta starts at serial " + from + ", the previous one ended at " + expectedFrom);
      }
      List<Record> deleted = new ArrayList<>();
      while (i < records.size() && !(records.get(i) instanceof SOARecord)) {
        deleted.add(records.get(i++));
      }
      if (i >= records.size() - 1) {
        throw new AssertionError("delta from serial " + from + " has no new SOA: " + records);
      }
      long to = ((SOARecord) records.get(i++)).getSerial();
      List<Record> added = new ArrayList<>();
      while (i < records.size() && !(records.get(i) instanceof SOARecord)) {
        added.add(records.get(i++));
      }
      deltas.add(new Delta(from, deleted, to, added));
      expectedFrom = to;
    }
    if (deltas.get(deltas.size() - 1).to() != current) {
      throw new AssertionError("the last delta ends at " + deltas.get(deltas.size() - 1).to() + ", not at the current serial " + current);
    }
    return new IxfrResponse(current, deltas);
  }

  long currentSerial() {
    return currentSerial;
  }

  /** True when the response is the current SOA alone. */
  boolean isSingleSoa() {
    return deltas.isEmpty();
  }

  List<Delta> deltas() {
    return deltas;
  }

  /**
   * {@code old} (canonical record text, SOA included) with every delta applied in order: deletions
   * must exist, additions must not; the SOA is replaced by each delta's new SOA.
   */
  Set<String> applyTo(Set<String> old, Record currentSoa) {
    Set<String> zone = new TreeSet<>(old);
    zone.removeIf(r -> r.contains("\tSOA\t"));
    for (Delta d : deltas) {
      for (Record r : d.deleted()) {
        if (!zone.remove(r.toString())) {
          throw new AssertionError("delta " + d.from() + "->" + d.to() + " deletes " + r + ", which is not in the zone");
        }
      }
      for (Record r : d.added()) {
        if (!zone.add(r.toString())) {
          throw new AssertionError("delta " + d.from() + "->" + d.to() + " adds " + r + ", which is already in the zone");
        }
      }
    }
    zone.add(currentSoa.toString());
    return zone;
  }
}
