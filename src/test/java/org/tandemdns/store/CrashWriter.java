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
 * there), printing {@code inside <serial>}, and waits to be killed.
 */
public final class CrashWriter {
  private static final int COMMITS_BEFORE_PAUSE = 6;

  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    long deadline = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
    PausingClock clock = new PausingClock();
    try (SqliteZoneStore store = new SqliteZoneStore(Path.of(args[0]), clock)) {
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
