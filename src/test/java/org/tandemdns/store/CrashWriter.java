package org.tandemdns.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.tandemdns.zone.ZoneDiff;

/**
 * Run in a separate JVM by {@link SqliteCrashTest}, which kills it: commits {@link CrashScenario}'s
 * diffs to the store at {@code args[0]} for at most {@code args[1]} seconds, printing
 * {@code committed <serial>} once each commit is acknowledged. With {@code args[2]} = {@code pause},
 * the first big commit after a few others stops inside its transaction (the store reads its clock
 * there), printing {@code inside <serial>}, and waits to be killed. With {@code reproducible}, it
 * stores new zones {@code r1.test.}, {@code r2.test.}, ... by {@link ZoneStore#replaceReproducible}
 * (not synced to disk), printing {@code stored <n>} once each is acknowledged, and after every
 * fifth one commits a diff of the scenario's zone (synced) as above.
 */
public final class CrashWriter {
  private static final int COMMITS_BEFORE_PAUSE = 6;

  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    long deadline = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
    PausingClock clock = new PausingClock();
    try (SqliteZoneStore store = new SqliteZoneStore(Path.of(args[0]), clock)) {
      if (args.length > 2 && args[2].equals("reproducible")) {
        storeReproducibly(store, deadline);
        return;
      }
      long serial = store.info(TestRecords.ZONE).orElseThrow().serial();
      long start = serial;
      while (System.nanoTime() < deadline) {
        ZoneDiff diff = CrashScenario.diff(serial);
        boolean pause = args.length > 2 && args[2].equals("pause") && serial >= start + COMMITS_BEFORE_PAUSE
            && CrashScenario.isBig(serial);
        clock.armed = pause ? diff.toSerial() : -1;
        System.out.println("committing " + diff.toSerial());
        store.commit(TestRecords.ZONE, diff, "", CrashScenario.RETENTION);
        serial = diff.toSerial();
        System.out.println("committed " + serial);
      }
    }
  }

  private static void storeReproducibly(SqliteZoneStore store, long deadline) throws StoreException {
    long serial = store.info(TestRecords.ZONE).orElseThrow().serial();
    for (int n = 1; System.nanoTime() < deadline; n++) {
      String zone = "r" + n + ".test.";
      store.replaceReproducible(org.xbill.DNS.Name.fromConstantString(zone), org.tandemdns.zone.TestZones.parse(zone,
          "@ 3600 IN SOA ns1 h 1 7200 900 1209600 300\n@ 3600 IN NS ns1\nns1 3600 IN A 192.0.2." + (n % 250 + 1) + "\n"),
          "file", "hash-" + n);
      System.out.println("stored " + n);
      if (n % 5 == 0) {
        ZoneDiff diff = CrashScenario.diff(serial);
        System.out.println("committing " + diff.toSerial());
        store.commit(TestRecords.ZONE, diff, "", CrashScenario.RETENTION);
        serial = diff.toSerial();
        System.out.println("committed " + serial);
      }
    }
  }

  /** The system clock, except that when armed it reports being read and then sleeps. */
  private static final class PausingClock extends Clock {
    volatile long armed = -1;

    @Override
    public long millis() {
      if (armed >= 0) {
        System.out.println("inside " + armed);
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return System.currentTimeMillis();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
