package org.tandemdns.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * Measures the store on a big zone; not a test (timings on a shared machine assert nothing). Run:
 * {@code java -cp target/classes:target/test-classes:$(cat target/test-classpath.txt)
 * org.tandemdns.store.StoreBenchmark [records] [dir]}.
 */
public final class StoreBenchmark {
  private StoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("tandem-bench");
    Name origin = Name.fromConstantString("bench.test.");
    ZoneSnapshot zone = BigZones.generate(origin, records, 1);
    System.out.printf("zone of %,d records generated%n", zone.recordCount());
    try (SqliteZoneStore store = SqliteZoneStore.open(dir)) {
      time("replace into an empty store", () -> store.replace(origin, zone, "file", "a"));
      time("replace over the stored version", () -> store.replace(origin, zone, "file", "b"));
      for (int round = 0; round < 2; round++) {
        AtomicLong count = new AtomicLong();
        time("readZone", () -> store.readZone(origin, r -> count.incrementAndGet()));
        System.out.printf("  read %,d records%n", count.get());
      }
      commits(store, origin, zone.soa(), 200);
      time("journalSince over 200 entries", () -> store.journalSince(origin, 1).orElseThrow());
    }
    System.out.printf("database: %,d bytes in %s%n", Files.size(dir.resolve(SqliteZoneStore.FILE_NAME)), dir);
  }

  private static void commits(ZoneStore store, Name origin, SOARecord soa, int n) throws Exception {
    long[] nanos = new long[n];
    Record previous = null;
    for (int i = 0; i < n; i++) {
      SOARecord next = withSerial(soa, soa.getSerial() + 1);
      Record added = new ARecord(BigZones.name("commit" + i, origin), DClass.IN, 300,
          java.net.InetAddress.getByAddress(new byte[] {10, 99, (byte) (i >> 8), (byte) i}));
      List<Record> deleted = previous == null ? List.of() : List.of(previous);
      ZoneDiff diff = new ZoneDiff(soa, next, deleted, new ArrayList<>(List.of(added)));
      long t = System.nanoTime();
      store.commit(origin, diff, "c" + i, JournalRetention.defaults());
      nanos[i] = System.nanoTime() - t;
      soa = next;
      previous = added;
    }
    Arrays.sort(nanos);
    System.out.printf("commit of a 2-record diff (x%d): median %.2f ms, p90 %.2f ms, max %.2f ms%n", n,
        nanos[n / 2] / 1e6, nanos[n * 9 / 10] / 1e6, nanos[n - 1] / 1e6);
  }

  static SOARecord withSerial(SOARecord s, long serial) {
    return new SOARecord(s.getName(), DClass.IN, s.getTTL(), s.getHost(), s.getAdmin(), serial, s.getRefresh(),
        s.getRetry(), s.getExpire(), s.getMinimum());
  }

  private interface Work {
    void run() throws Exception;
  }

  private static void time(String what, Work work) throws Exception {
    long t = System.nanoTime();
    work.run();
    System.out.printf("%s: %d ms%n", what, (System.nanoTime() - t) / 1_000_000);
  }
}
