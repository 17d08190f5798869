package org.tandemdns.xfr;

import java.util.ArrayList;
import java.util.List;
import org.tandemdns.zone.SerialNumber;
import org.tandemdns.zone.ZoneBuilder;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneValidationException;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Reads the records of an AXFR (RFC 5936 §2.2) or IXFR (RFC 1995 §4) response one at a time and
 * decides what they are: a single SOA (up to date), an incremental sequence of diffs, or a whole
 * zone (AXFR, or an IXFR answered AXFR-style). Records outside the zone are dropped and counted;
 * the last SOA must equal the first; anything else that breaks the shape is a failure. Pure: no I/O.
 */
final class TransferReader {
  /** Thrown when the records break the transfer's shape. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  private enum State { FIRST, SECOND, AXFR, DEL_SOA, DELETING, ADDING, DONE }

  private final Name zone;
  private final long currentSerial;
  private final boolean ixfr;
  private State state = State.FIRST;
  private SOARecord first;
  private ZoneBuilder builder;
  private final List<ZoneDiff> diffs = new ArrayList<>();
  private SOARecord from;
  private SOARecord to;
  private List<Record> deleted;
  private List<Record> added;
  private long records;
  private long dropped;

  /** @param currentSerial the serial the IXFR asked from, or -1 for AXFR */
  TransferReader(Name zone, long currentSerial) {
    this.zone = zone;
    this.currentSerial = currentSerial;
    this.ixfr = currentSerial >= 0;
  }

  boolean done() {
    return state == State.DONE;
  }

  long records() {
    return records;
  }

  long dropped() {
    return dropped;
  }

  /** Call when the response ended after exactly one record: an IXFR "you are up to date" answer. */
  boolean upToDate() {
    return ixfr && state == State.SECOND && !SerialNumber.isNewer(first.getSerial(), currentSerial);
  }

  SOARecord firstSoa() {
    return first;
  }

  void accept(Record r) throws Malformed {
    records++;
    if (state == State.DONE) {
      throw new Malformed("records after the final SOA");
    }
    if (state != State.FIRST && !r.getName().subdomain(zone)) {
      dropped++;
      return;
    }
    switch (state) {
      case FIRST -> {
        if (!(r instanceof SOARecord soa) || !soa.getName().equals(zone)) {
          throw new Malformed("the transfer does not start with the SOA of " + zone + " but with " + describe(r));
        }
        first = soa;
        state = State.SECOND;
      }
      case SECOND -> {
        if (ixfr && r instanceof SOARecord soa && soa.getName().equals(zone) && soa.getSerial() == currentSerial) {
          state = State.DEL_SOA;
          accept(soaAgain(r));
        } else {
          startAxfr();
          accept(soaAgain(r));
        }
      }
      case AXFR -> {
        if (r instanceof SOARecord soa && soa.getName().equals(zone)) {
          if (!soa.equals(first) || soa.getSerial() != first.getSerial()) {
            throw new Malformed("the final SOA (serial " + soa.getSerial() + ") differs from the first (serial " + first.getSerial() + ")");
          }
          state = State.DONE;
          return;
        }
        builder.add(r, null);
      }
      case DEL_SOA -> {
        if (!(r instanceof SOARecord soa) || !soa.getName().equals(zone)) {
          throw new Malformed("IXFR: expected an SOA to start a difference, got " + describe(r));
        }
        if (soa.getSerial() == first.getSerial()) {
          if (to == null || to.getSerial() != first.getSerial()) {
            throw new Malformed("IXFR: the sequence ends at serial " + (to == null ? "?" : to.getSerial())
                + ", not at the announced " + first.getSerial());
          }
          state = State.DONE;
          return;
        }
        if (to != null && soa.getSerial() != to.getSerial()) {
          throw new Malformed("IXFR out of sequence: a difference from serial " + soa.getSerial() + " follows one to " + to.getSerial());
        }
        from = soa;
        deleted = new ArrayList<>();
        state = State.DELETING;
      }
      case DELETING -> {
        if (r instanceof SOARecord soa && soa.getName().equals(zone)) {
          to = soa;
          added = new ArrayList<>();
          state = State.ADDING;
        } else {
          deleted.add(r);
        }
      }
      case ADDING -> {
        if (r instanceof SOARecord soa && soa.getName().equals(zone)) {
          diffs.add(new ZoneDiff(from, to, deleted, added));
          state = State.DEL_SOA;
          accept(soaAgain(r));
        } else {
          added.add(r);
        }
      }
      default -> throw new Malformed("unexpected record " + describe(r));
    }
  }

  /** Re-feeding a record must not count it twice. */
  private Record soaAgain(Record r) {
    records--;
    return r;
  }

  private void startAxfr() {
    builder = new ZoneBuilder(zone, "transfer of " + zone);
    builder.add(first, null);
    state = State.AXFR;
  }

  /** True when the records were a whole zone (AXFR, or AXFR-style IXFR). */
  boolean isFull() {
    return builder != null;
  }

  ZoneSnapshot snapshot() throws ZoneValidationException {
    return builder.build();
  }

  List<ZoneDiff> diffs() {
    return List.copyOf(diffs);
  }

  private static String describe(Record r) {
    return r.getName() + " " + Type.string(r.getType());
  }
}
