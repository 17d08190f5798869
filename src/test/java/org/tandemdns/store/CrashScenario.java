package org.tandemdns.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * A deterministic stream of commits shared by {@link CrashWriter} (which commits it) and
 * {@link SqliteCrashTest} (which checks what survived): the diff leading from serial {@code s} adds
 * the records of step {@code s} and deletes those of step {@code s - 3}. Every fifth diff is big, so
 * that a kill often lands inside a commit.
 */
final class CrashScenario {
  static final long FIRST_SERIAL = 1;
  static final JournalRetention RETENTION = new JournalRetention(100_000, 1L << 30);
  private static final int DELETE_AFTER = 3;

  private CrashScenario() {}

  static ZoneSnapshot initial() {
    StringBuilder text = new StringBuilder("""
        $ORIGIN z.test.
        $TTL 3600
        @ SOA ns1 hostmaster 1 7200 900 1209600 300
        @ NS ns1
        ns1 A 192.0.2.1
        """);
    for (int i = 0; i < 20; i++) {
      text.append("r").append(i).append(" A 192.0.2.").append(100 + i).append('\n');
    }
    return TestZones.parse("z.test.", text.toString());
  }

  static boolean isBig(long fromSerial) {
    return fromSerial % 5 == 0;
  }

  static ZoneDiff diff(long fromSerial) {
    List<Record> deleted = fromSerial - DELETE_AFTER >= FIRST_SERIAL ? step(fromSerial - DELETE_AFTER) : List.of();
    return new ZoneDiff(TestRecords.soa(fromSerial), TestRecords.soa(fromSerial + 1), deleted, step(fromSerial));
  }

  /** The records added by the diff from {@code serial}. */
  private static List<Record> step(long serial) {
    int count = isBig(serial) ? 3000 : 10;
    List<Record> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Name owner = Name.fromConstantString("s" + serial + "-" + i + ".z.test.");
      records.add(new TXTRecord(owner, DClass.IN, 300, "step " + serial + " record " + i));
    }
    return records;
  }

  /** The zone at {@code serial}: the initial records with every diff up to it applied, as sorted lines. */
  static List<String> expectedAt(long serial) {
    Set<String> lines = new HashSet<>(TestRecords.texts(initial()));
    lines.remove(TestRecords.line(TestRecords.soa(FIRST_SERIAL)));
    for (long s = FIRST_SERIAL; s < serial; s++) {
      ZoneDiff d = diff(s);
      for (Record r : d.deleted()) {
        if (!lines.remove(TestRecords.line(r))) {
          throw new IllegalStateException("scenario deletes a record it never added: " + r);
        }
      }
      d.added().forEach(r -> lines.add(TestRecords.line(r)));
    }
    lines.add(TestRecords.line(TestRecords.soa(serial)));
    List<String> sorted = new ArrayList<>(lines);
    sorted.sort(null);
    return sorted;
  }
}
