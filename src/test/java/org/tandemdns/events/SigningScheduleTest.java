package org.tandemdns.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.change.ChangePipeline;
import org.tandemdns.change.ZoneChangePolicy;
import org.tandemdns.config.DnssecPolicy;
import org.tandemdns.dnssec.ZoneKeys;
import org.tandemdns.dnssec.ZoneSigner;
import org.tandemdns.store.JournalRetention;
import org.tandemdns.store.SqliteZoneStore;
import org.tandemdns.store.StoredSnapshots;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.SerialPolicy;
import org.tandemdns.zone.ServedZone;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Re-signing on the scheduler, driven by a manual clock: before expiry, in batches, after a clock jump. */
class SigningScheduleTest {
  private static final Name ZONE = Name.fromConstantString("signed.test.");
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir Path dir;

  /** A secondary signed here has nothing to sign before its first transfer: runs wait for it, none fails. */
  @Test
  void aZoneWithoutDataYetIsWaitedFor() throws Exception {
    MutableClock clock = new MutableClock(T0);
    ManualScheduler scheduler = new ManualScheduler(clock);
    try (SqliteZoneStore store = SqliteZoneStore.open(dir.resolve("data"))) {
      ChangePipeline pipeline = new ChangePipeline(store, clock);
      DnssecPolicy p = DnssecPolicy.builtInDefault();
      ZoneSigner signer = new ZoneSigner(ZONE, p, ZoneKeys.loadOrCreate(dir.resolve("keys"), ZONE, p, T0), clock,
          new SplittableRandom(3));
      ZoneChangePolicy policy = new ZoneChangePolicy(SerialPolicy.KEEP, JournalRetention.defaults(), signer);
      ServedZone served = new ServedZone(ZONE);
      SigningSchedule schedule = new SigningSchedule(pipeline, scheduler, clock, z -> served, z -> policy);
      schedule.start(ZONE);
      scheduler.runDue();
      assertEquals(T0.plus(SigningSchedule.MIN_WAIT), schedule.nextRun(ZONE), "tried again in a minute, not after a failure");
      pipeline.replace(served, TestZones.parse("signed.test.",
          Files.readString(Path.of("src/test/resources/dnssec/signed.test.zone"))), policy, "secondary", "", "AXFR", org.tandemdns.store.Actor.internal("test", ""));
      scheduler.advance(SigningSchedule.MIN_WAIT);
      assertTrue(schedule.nextRun(ZONE).isAfter(clock.instant().plus(SigningSchedule.MIN_WAIT).minusMillis(1)),
          "signed data: the next run follows the signatures, " + schedule.nextRun(ZONE));
    }
  }

  @Test
  void signaturesAreRenewedBeforeTheyExpireAndAfterTheClockWasSetBack() throws Exception {
    MutableClock clock = new MutableClock(T0);
    ManualScheduler scheduler = new ManualScheduler(clock);
    try (SqliteZoneStore store = SqliteZoneStore.open(dir.resolve("data"))) {
      ChangePipeline pipeline = new ChangePipeline(store, clock);
      DnssecPolicy p = DnssecPolicy.builtInDefault();
      ZoneSigner signer = new ZoneSigner(ZONE, p, ZoneKeys.loadOrCreate(dir.resolve("keys"), ZONE, p, T0), clock,
          new SplittableRandom(3));
      ZoneChangePolicy policy = new ZoneChangePolicy(SerialPolicy.KEEP, JournalRetention.defaults(), signer);
      ServedZone served = new ServedZone(ZONE);
      ZoneSnapshot unsigned = TestZones.parse("signed.test.",
          Files.readString(Path.of("src/test/resources/dnssec/signed.test.zone")));
      pipeline.replace(served, unsigned, policy, "file", "h", "first load", org.tandemdns.store.Actor.internal("test", ""));
      long firstSerial = served.snapshot().serial();
      SigningSchedule schedule = new SigningSchedule(pipeline, scheduler, clock, z -> served, z -> policy);
      schedule.start(ZONE);
      scheduler.runDue();
      assertEquals(firstSerial, served.snapshot().serial(), "nothing due: no new version");
      assertTrue(schedule.nextRun(ZONE).isAfter(T0), "next run " + schedule.nextRun(ZONE));

      // 30 days on, hour by hour: the signatures never come within a day of expiry
      for (int h = 0; h < 24 * 30; h++) {
        scheduler.advance(Duration.ofHours(1));
        Instant earliest = earliestExpiry(served.snapshot());
        assertTrue(earliest.isAfter(clock.instant().plus(Duration.ofDays(6))), "at " + clock.instant() + ": " + earliest);
      }
      assertTrue(served.snapshot().serial() > firstSerial, "re-signing made new versions");
      assertEquals(served.snapshot().serial(), StoredSnapshots.read(store, ZONE).orElseThrow().serial(), "persisted");

      // the clock is set back 20 days (and Tandem restarted): every signature now starts in the
      // future and is made again at the first run
      clock.set(clock.instant().minus(Duration.ofDays(20)));
      schedule.stop(ZONE);
      schedule.start(ZONE);
      scheduler.runDue();
      for (Node n : served.snapshot().nodes()) {
        Record[] sigs = n.rrset(Type.RRSIG);
        for (Record r : sigs == null ? new Record[0] : sigs) {
          assertTrue(!((RRSIGRecord) r).getTimeSigned().isAfter(clock.instant()), n.name() + " " + r);
        }
      }
      assertNotNull(schedule.nextRun(ZONE));
    }
  }

  /** A zone served unsigned that gets a policy is signed by the first run, as one journaled change. */
  @Test
  void anUnsignedZoneThatGetsAPolicyIsSignedAsOneChange() throws Exception {
    MutableClock clock = new MutableClock(T0);
    ManualScheduler scheduler = new ManualScheduler(clock);
    try (SqliteZoneStore store = SqliteZoneStore.open(dir.resolve("data"))) {
      ChangePipeline pipeline = new ChangePipeline(store, clock);
      ServedZone served = new ServedZone(ZONE);
      ZoneSnapshot unsigned = TestZones.parse("signed.test.",
          Files.readString(Path.of("src/test/resources/dnssec/signed.test.zone")));
      pipeline.replace(served, unsigned, new ZoneChangePolicy(SerialPolicy.KEEP, JournalRetention.defaults()), "file", "h",
          "first load", org.tandemdns.store.Actor.internal("test", ""));
      assertEquals(false, served.snapshot().signed());

      DnssecPolicy p = DnssecPolicy.builtInDefault();
      ZoneSigner signer = new ZoneSigner(ZONE, p, ZoneKeys.loadOrCreate(dir.resolve("keys"), ZONE, p, T0), clock,
          new SplittableRandom(5));
      ZoneChangePolicy policy = new ZoneChangePolicy(SerialPolicy.KEEP, JournalRetention.defaults(), signer);
      SigningSchedule schedule = new SigningSchedule(pipeline, scheduler, clock, z -> served, z -> policy);
      schedule.start(ZONE);
      scheduler.runDue();
      assertTrue(served.snapshot().signed());
      assertEquals(unsigned.serial() + 1, served.snapshot().serial());
      var journal = store.journalSince(ZONE, unsigned.serial());
      assertTrue(journal.isPresent() && journal.get().size() == 1, "one IXFR step from the unsigned version: " + journal);
      assertTrue(journal.get().get(0).added().stream().anyMatch(r -> r.getType() == Type.DNSKEY));
    }
  }

  private static Instant earliestExpiry(ZoneSnapshot z) {
    Instant earliest = Instant.MAX;
    for (Node n : z.nodes()) {
      Record[] sigs = n.rrset(Type.RRSIG);
      for (Record r : sigs == null ? new Record[0] : sigs) {
        Instant e = ((RRSIGRecord) r).getExpire();
        earliest = e.isBefore(earliest) ? e : earliest;
      }
    }
    return earliest;
  }
}
