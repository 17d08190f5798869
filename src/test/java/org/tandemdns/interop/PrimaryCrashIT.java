package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.Transfers;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * A Tandem primary killed with SIGKILL while it commits a reload of a big zone (issue 3): after a
 * restart the zone is whole, exactly the old version or exactly the new one with the matching
 * serial, and IXFR from the old serial answers consistently (the SOA alone if the old version
 * survived, the difference if the new one did); once the zone file is read again, both end at the
 * new version with the same difference.
 *
 * <p>What the store kept is made visible by restarting with the zone file unreadable: Tandem then
 * serves the stored version (README: "a zone file that does not load never replaces what is
 * served"), which an AXFR compares with both versions. Kill moments, one per trial: the first write
 * to the SQLite write-ahead log ({@code tandem.db-wal}) after the SIGHUP (the commit's pages going
 * to disk), 5 ms after that, half-way through the reading of the file (no store write yet), and after
 * the commit was logged. A kill "landed mid-commit" when the WAL had been written to and the commit
 * had not been logged; at least one must.
 */
class PrimaryCrashIT {

  private static final String ZONE = "crash.test";
  private static final int RECORDS = 80_000;
  private static final int CHANGE_EVERY = 4;
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration XFR_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration TRIGGER_LIMIT = Duration.ofSeconds(40);

  /** When to kill, counted from the SIGHUP. */
  enum Trigger {
    FIRST_WAL_WRITE,
    FIRST_WAL_WRITE_PLUS_5_MS,
    HALF_WAY_TO_THE_FIRST_WAL_WRITE,
    AFTER_THE_COMMIT_IS_LOGGED
  }

  /** What one trial saw. */
  record Outcome(Trigger trigger, long killedAfterMs, boolean walWritten, boolean commitLogged, String survivor) {
    boolean midCommit() {
      return walWritten && !commitLogged;
    }
  }

  @TempDir Path tmp;

  private final Endpoint tandemAt = Endpoint.freeLoopback();

  @Test
  void aKillDuringACommitLeavesOneWholeVersionAndIxfrConsistent() {
    Path file = tmp.resolve(ZONE + ".zone");
    Path wal = tmp.resolve("data").resolve("tandem.db-wal");
    Path config = TandemYaml.primary(ZONE, file).listen(tandemAt).dataDir(tmp.resolve("data"))
        .allowTransfer("127.0.0.1").writeTo(tmp.resolve("tandem.yaml"));
    BigZone current = BigZone.version(ZONE, 1, RECORDS, CHANGE_EVERY);
    current.writeTo(file);
    List<Outcome> outcomes = new ArrayList<>();
    long msToFirstWalWrite = -1;

    TandemProcess tandem = start(config);
    // the first version of a file zone is served while it is being stored (ChangePipeline.replace);
    // this test is about a kill during a later commit, so it begins once the first one is stored
    tandem.awaitLog("zone " + ZONE + ".: loaded, serial", START);
    try {
      for (Trigger trigger : Trigger.values()) {
        BigZone next = current.next();
        next.writeTo(file);
        Wal before = Wal.of(wal);
        long sighup = System.nanoTime();
        tandem.sighup();
        String commitLine = "committed serial " + current.serial() + " -> " + next.serial();
        long walAfterMs = awaitTrigger(trigger, tandem, wal, before, sighup, msToFirstWalWrite, commitLine);
        tandem.kill9();
        long killedAfterMs = (System.nanoTime() - sighup) / 1_000_000;
        if (walAfterMs >= 0 && msToFirstWalWrite < 0) {
          msToFirstWalWrite = walAfterMs;
        }
        boolean walWritten = !Wal.of(wal).equals(before);
        boolean commitLogged = tandem.log().contains(commitLine);
        tandem.close();

        // what did the store keep? Restart with the file unreadable: Tandem serves the stored version
        writeUnreadableZoneFile(file);
        tandem = start(config);
        tandem.awaitLog("serving the stored version", Duration.ofSeconds(10)); // logged just after the swap that serves it
        String survivor = assertWholeVersion(tandem, current, next);
        assertIxfrConsistent(current, survivor.equals("old") ? current : next);
        Outcome outcome = new Outcome(trigger, killedAfterMs, walWritten, commitLogged, survivor);
        outcomes.add(outcome);
        System.out.println("crash trial: " + outcome);
        if (commitLogged) {
          assertThat(survivor).as("a commit that was logged survives the kill: %s", outcome).isEqualTo("new");
        }

        // the file is readable again: a reload brings the new version, IXFR gives the whole difference
        next.writeTo(file);
        tandem.sighup();
        tandem.awaitSerial(ZONE, next.serial(), START);
        assertThat(texts(Transfers.axfr(tandemAt, ZONE, null, XFR_TIMEOUT))).as("after the reload").isEqualTo(next.texts());
        assertIxfrConsistent(current, next);
        current = next;
      }
    } finally {
      tandem.close();
    }
    System.out.println("crash trials: " + outcomes);
    assertThat(outcomes).as("at least one kill must land mid-commit, or this test proved nothing")
        .anyMatch(Outcome::midCommit);
  }

  // ---------------------------------------------------------------------------------------------

  private TandemProcess start(Path config) {
    return TandemProcess.builder().config(config, tandemAt).awaitZone(ZONE).readyTimeout(START).start();
  }

  /**
   * Waits (bounded) for the moment {@code trigger} names; returns how long after the SIGHUP the
   * write-ahead log was first written to, or -1 if that was not watched.
   */
  private static long awaitTrigger(Trigger trigger, TandemProcess tandem, Path wal, Wal before, long sighup,
      long msToFirstWalWrite, String commitLine) {
    long deadline = sighup + TRIGGER_LIMIT.toNanos();
    switch (trigger) {
      case FIRST_WAL_WRITE, FIRST_WAL_WRITE_PLUS_5_MS -> {
        while (Wal.of(wal).equals(before)) {
          checkDeadline(deadline, trigger, tandem);
          LockSupport.parkNanos(200_000);
        }
        long walAfterMs = (System.nanoTime() - sighup) / 1_000_000;
        if (trigger == Trigger.FIRST_WAL_WRITE_PLUS_5_MS) {
          pause(Duration.ofMillis(5));
        }
        return walAfterMs;
      }
      case HALF_WAY_TO_THE_FIRST_WAL_WRITE -> {
        assertThat(msToFirstWalWrite).as("measured in an earlier trial").isPositive();
        pause(Duration.ofMillis(msToFirstWalWrite / 2).minusNanos(System.nanoTime() - sighup));
        return -1;
      }
      case AFTER_THE_COMMIT_IS_LOGGED -> {
        while (!tandem.log().contains(commitLine)) {
          checkDeadline(deadline, trigger, tandem);
          LockSupport.parkNanos(1_000_000);
        }
        return -1;
      }
      default -> throw new IllegalArgumentException(trigger.name());
    }
  }

  private static void checkDeadline(long deadline, Trigger trigger, TandemProcess tandem) {
    if (System.nanoTime() - deadline > 0) {
      throw new AssertionError("no " + trigger + " within " + TRIGGER_LIMIT.toSeconds() + " s of the SIGHUP\n" + tandem.log());
    }
  }

  /** Lets {@code duration} pass (kill timing, not an assertion). */
  private static void pause(Duration duration) {
    long until = System.nanoTime() + Math.max(0, duration.toNanos());
    while (System.nanoTime() - until < 0) {
      LockSupport.parkNanos(Math.min(until - System.nanoTime(), 200_000));
    }
  }

  /** The served zone is exactly {@code old} or exactly {@code next}, serial included; returns which. */
  private String assertWholeVersion(TandemProcess tandem, BigZone old, BigZone next) {
    List<Record> axfr = Transfers.axfr(tandemAt, ZONE, null, XFR_TIMEOUT);
    Set<String> served = texts(axfr);
    long serial = ((SOARecord) axfr.get(0)).getSerial();
    if (served.equals(old.texts())) {
      return "old";
    }
    if (served.equals(next.texts())) {
      return "new";
    }
    Set<String> notOld = new HashSet<>(served);
    notOld.removeAll(old.texts());
    Set<String> notNew = new HashSet<>(served);
    notNew.removeAll(next.texts());
    throw new AssertionError("after the kill Tandem serves serial " + serial + " with " + served.size()
        + " records: neither version " + old.serial() + " (" + notOld.size() + " records not in it) nor version "
        + next.serial() + " (" + notNew.size() + " records not in it)\n" + tandem.log());
  }

  /** {@code kdig IXFR=<old serial>}: the current SOA alone when {@code served} is {@code old}, else exactly the diff. */
  private void assertIxfrConsistent(BigZone old, BigZone served) {
    CommandResult kdig = DigRunner.run(XFR_TIMEOUT, null, "kdig",
        List.of("@" + tandemAt.host(), "-p", Integer.toString(tandemAt.port()), ZONE, "IXFR=" + old.serial())).requireOk();
    List<Record> records = XfrText.records(kdig.stdout());
    IxfrResponse ixfr = IxfrResponse.parse(records);
    assertThat(ixfr.currentSerial()).as("IXFR's current serial").isEqualTo(served.serial());
    if (served == old) {
      assertThat(ixfr.isSingleSoa()).as("IXFR from the served serial is the SOA alone").isTrue();
      assertThat(records.get(0).toString()).isEqualTo(old.soaText());
      return;
    }
    assertThat(ixfr.deltas()).as("IXFR %d->%d", old.serial(), served.serial()).hasSize(1);
    Set<String> deleted = texts(ixfr.deltas().get(0).deleted());
    Set<String> added = texts(ixfr.deltas().get(0).added());
    Set<String> expectedDeleted = new HashSet<>(old.textsWithoutSoa());
    expectedDeleted.removeAll(served.textsWithoutSoa());
    Set<String> expectedAdded = new HashSet<>(served.textsWithoutSoa());
    expectedAdded.removeAll(old.textsWithoutSoa());
    assertThat(deleted).as("IXFR deletions").hasSize(RECORDS / CHANGE_EVERY).isEqualTo(expectedDeleted);
    assertThat(added).as("IXFR additions").isEqualTo(expectedAdded);
  }

  private static void writeUnreadableZoneFile(Path file) {
    try {
      Files.writeString(file, "$ORIGIN " + ZONE + ".\nthis line is not a resource record\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> texts(List<Record> records) {
    Set<String> out = new HashSet<>(records.size() * 2);
    records.forEach(r -> out.add(r.toString()));
    return out;
  }

  /** Size and modification time of the write-ahead log; any write changes one or the other. */
  private record Wal(long size, FileTime modified) {
    static Wal of(Path wal) {
      try {
        return Files.exists(wal) ? new Wal(Files.size(wal), Files.getLastModifiedTime(wal)) : new Wal(-1, null);
      } catch (IOException e) {
        return new Wal(-2, null); // vanished between the two calls: a change all the same
      }
    }
  }
}
