package org.tandemdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.change.ChangePipeline;
import org.tandemdns.change.FileZones;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.Remote;
import org.tandemdns.config.TransferLimitsConfig;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.config.ZoneType;
import org.tandemdns.events.ExecutorScheduler;
import org.tandemdns.security.AclEntry;
import org.tandemdns.store.SqliteZoneStore;
import org.tandemdns.testing.TestZones;
import org.tandemdns.update.UpdatePolicy;
import org.tandemdns.xfr.PrimaryClient;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/** Issue 18, promote and demote: the role given at run time, kept across restarts, and what ends it. */
class ZoneRegistryRoleTest {

  private static final Name ZONE = Name.fromConstantString("role.test.");
  private static final Remote OLD_PRIMARY = Remote.parse("192.0.2.1");
  private static final Remote NEW_PRIMARY = Remote.parse("192.0.2.2");

  @TempDir Path dir;
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
  private SqliteZoneStore store;
  private ExecutorScheduler scheduler;
  /** The serial the fake primaries serve; -1: they do not answer. */
  private volatile long primarySerial = -1;

  private final PrimaryClient client = new PrimaryClient() {
    @Override
    public SoaProbe querySoa(Name zone, Remote primary) {
      if (primarySerial < 0) {
        return new SoaProbe.Failure("timed out");
      }
      Name ns = Name.fromConstantString("ns.role.test.");
      return new SoaProbe.Answer(new SOARecord(zone, DClass.IN, 3600, ns, ns, primarySerial, 3600, 600, 86400, 300), null);
    }

    @Override
    public InboundTransfer transfer(Name zone, Remote primary, ZoneSnapshot current, boolean full, TransferLimitsConfig limits) {
      return new InboundTransfer.Failure("no transfers in this test", false);
    }
  };

  private ZoneRegistry current;

  @AfterEach
  void close() {
    if (current != null) {
      current.stop();
    }
    if (scheduler != null) {
      scheduler.close();
      store.close();
    }
  }

  /** A new registry over the store (a restart); the zone's data, serial 5, stored once by a primary of the same name. */
  private ZoneRegistry restart() throws Exception {
    close();
    store = SqliteZoneStore.open(dir.resolve("data"));
    scheduler = new ExecutorScheduler(clock, 1);
    ZoneTable table = new ZoneTable();
    ChangePipeline pipeline = new ChangePipeline(store, clock);
    current = new ZoneRegistry(table, pipeline, store, new FileZones(table, pipeline, store), client, scheduler, clock);
    return current;
  }

  /**
   * Promotes once the secondary's first refresh (started at registration, failing against the
   * unreachable primary) has ended: promote refuses while one is under way, which is not what these
   * tests are about.
   */
  private static ZoneRegistry.Entry promoteIdle(ZoneRegistry r, List<AclEntry> allowUpdate) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (r.get(ZONE).secondary() != null && System.nanoTime() < deadline
        && (r.get(ZONE).secondary().status().lastAttempt() == null || r.get(ZONE).secondary().status().refreshing())) {
      Thread.sleep(5);
    }
    return r.promote(ZONE, allowUpdate);
  }

  private ZoneRegistry withData() throws Exception {
    ZoneRegistry r = restart();
    r.load(r.register(ZoneConfig.primary(ZONE, TestZones.write(dir, ZONE.toString(), 5)), ZoneRegistry.Source.CONFIG));
    r.stop();
    return restart();
  }

  @Test
  void aPromotedConfigSecondaryStaysPrimaryAcrossRestartsUntilTheFileChangesItsPrimaries() throws Exception {
    ZoneRegistry r = withData();
    ZoneConfig file = ZoneConfig.secondary(ZONE, List.of(OLD_PRIMARY));
    r.register(file, ZoneRegistry.Source.CONFIG);
    assertThat(r.updatePolicy(ZONE).mode()).isEqualTo(UpdatePolicy.Mode.SECONDARY);

    ZoneRegistry.Entry promoted = promoteIdle(r, List.of(AclEntry.parse("127.0.0.1")));
    assertThat(promoted.secondary()).isNull();
    assertThat(promoted.config().type()).isEqualTo(ZoneType.PRIMARY);
    assertThat(promoted.config().managed()).isTrue();
    assertThat(promoted.served().snapshot().serial()).isEqualTo(5);
    assertThat(r.updatePolicy(ZONE).mode()).isEqualTo(UpdatePolicy.Mode.UPDATABLE);
    assertThat(r.notifyAccess(ZONE)).as("a primary takes no NOTIFY").isNull();
    assertThatThrownBy(() -> r.promote(ZONE, List.of())).hasMessageContaining("is a primary already");

    ZoneRegistry after = restart();
    ZoneRegistry.Entry e = after.register(file, ZoneRegistry.Source.CONFIG);
    assertThat(e.secondary()).as("still promoted after a restart").isNull();
    after.load(e);
    assertThat(e.served().snapshot().serial()).isEqualTo(5);
    assertThat(e.config().allowUpdate()).extracting(Object::toString).containsExactly("127.0.0.1/32");

    ZoneRegistry.Entry same = after.update(file.withAllowTransfer(List.of(AclEntry.parse("any"))));
    assertThat(same.secondary()).as("an ACL edited in the file keeps the role").isNull();
    assertThat(same.config().allowTransfer()).extracting(Object::toString).containsExactly("any");

    ZoneRegistry.Entry back = after.update(ZoneConfig.secondary(ZONE, List.of(NEW_PRIMARY)));
    assertThat(back.secondary()).as("the file names other primaries: the file wins").isNotNull();
    assertThat(back.config().primaries()).containsExactly(NEW_PRIMARY);
    assertThat(store.state(ZONE)).doesNotContainKey(ZoneRegistry.ROLE);
  }

  @Test
  void theFileSayingPrimaryMakesThePromotionPermanent() throws Exception {
    ZoneRegistry r = withData();
    r.register(ZoneConfig.secondary(ZONE, List.of(OLD_PRIMARY)), ZoneRegistry.Source.CONFIG);
    promoteIdle(r, List.of());
    ZoneRegistry after = restart();
    ZoneConfig managed = new ConfigLoader().readZone("{\"name\": \"role.test\"}", "test");
    ZoneRegistry.Entry e = after.register(managed, ZoneRegistry.Source.CONFIG);
    assertThat(e.config()).isEqualTo(managed);
    assertThat(store.state(ZONE)).doesNotContainKey(ZoneRegistry.ROLE);
  }

  @Test
  void demoteWantsTheNewPrimaryToServeOurSerialOrNewer() throws Exception {
    ZoneRegistry r = withData();
    ZoneConfig file = ZoneConfig.secondary(ZONE, List.of(OLD_PRIMARY));
    r.register(file, ZoneRegistry.Source.CONFIG);
    promoteIdle(r, List.of());

    primarySerial = -1;
    assertThatThrownBy(() -> r.demote(ZONE, List.of(NEW_PRIMARY), false))
        .hasMessageContaining("192.0.2.2:53 does not serve it (timed out)").hasMessageContaining("--force");
    primarySerial = 4;
    assertThatThrownBy(() -> r.demote(ZONE, List.of(NEW_PRIMARY), false))
        .hasMessageContaining("serves serial 4, older than ours (5)").hasMessageContaining("tandem zone export");
    assertThat(r.get(ZONE).secondary()).as("refused: still a primary").isNull();

    primarySerial = 5;
    ZoneRegistry.Entry demoted = r.demote(ZONE, List.of(NEW_PRIMARY), false);
    assertThat(demoted.secondary()).isNotNull();
    assertThat(demoted.config().primaries()).containsExactly(NEW_PRIMARY);
    assertThat(demoted.config().allowUpdate()).isEmpty();
    assertThat(demoted.served().snapshot().serial()).as("its data kept").isEqualTo(5);
    assertThat(r.updatePolicy(ZONE).mode()).isEqualTo(UpdatePolicy.Mode.SECONDARY);
    assertThat(r.notifyAccess(ZONE)).as("NOTIFY taken from the new primary").isNotNull();
    assertThat(demoted.config().notifyAcl().entries()).extracting(Object::toString).containsExactly("192.0.2.2/32");

    ZoneRegistry after = restart();
    assertThat(after.register(file, ZoneRegistry.Source.CONFIG).config().primaries())
        .as("a secondary of the new primary after a restart, though the file names the old one").containsExactly(NEW_PRIMARY);
    after.stop();

    ZoneRegistry again = restart();
    again.register(file, ZoneRegistry.Source.CONFIG);
    promoteIdle(again, List.of());
    primarySerial = -1;
    assertThat(again.demote(ZONE, List.of(OLD_PRIMARY), true).config().primaries()).as("--force").containsExactly(OLD_PRIMARY);
    assertThat(store.state(ZONE)).as("back to what the file says: no role kept").doesNotContainKey(ZoneRegistry.ROLE);
  }

  @Test
  void anApiZoneHasItsStoredSettingsRewritten() throws Exception {
    ZoneRegistry r = withData();
    ZoneConfig settings = new ConfigLoader().readZone(
        "{\"name\": \"role.test\", \"type\": \"secondary\", \"primaries\": [\"192.0.2.1\"], \"allow-transfer\": [\"any\"]}", "test");
    store.putState(ZONE, ZoneRegistry.SETTINGS, org.tandemdns.config.ZoneConfigJson.write(settings));
    ZoneRegistry after = restart();
    after.restoreApiZones(new ConfigLoader());
    promoteIdle(after, List.of());
    ZoneRegistry promoted = restart();
    List<ZoneRegistry.Entry> primaries = promoted.restoreApiZones(new ConfigLoader());
    assertThat(primaries).hasSize(1);
    assertThat(primaries.get(0).config().transferAcl().entries()).extracting(Object::toString).containsExactly("any");
    promoted.load(primaries.get(0));
    assertThat(primaries.get(0).served().snapshot().serial()).isEqualTo(5);

    primarySerial = 9;
    promoted.demote(ZONE, List.of(NEW_PRIMARY), false);
    ZoneRegistry demoted = restart();
    assertThat(demoted.restoreApiZones(new ConfigLoader())).as("a secondary now").isEmpty();
    assertThat(demoted.get(ZONE).config().primaries()).containsExactly(NEW_PRIMARY);
    demoted.stop();
  }

  @Test
  void aZoneWithoutDataOrFromAFileIsRefused() throws Exception {
    ZoneRegistry r = restart();
    r.register(ZoneConfig.secondary(ZONE, List.of(OLD_PRIMARY)), ZoneRegistry.Source.CONFIG);
    assertThatThrownBy(() -> r.promote(ZONE, List.of())).hasMessageContaining("has no data yet");
    Name filed = Name.fromConstantString("filed.test.");
    r.load(r.register(ZoneConfig.primary(filed, TestZones.write(dir, filed.toString(), 1)), ZoneRegistry.Source.CONFIG));
    assertThatThrownBy(() -> r.demote(filed, List.of(NEW_PRIMARY), true)).hasMessageContaining("is served from its file");
    assertThatThrownBy(() -> r.promote(Name.fromConstantString("none.test."), List.of())).hasMessageContaining("no zone none.test.");
    r.stop();
  }
}
