package org.tandemdns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.change.ChangePipeline;
import org.tandemdns.change.FileZones;
import org.tandemdns.change.ZoneChangePolicy;
import org.tandemdns.config.CatalogConsumerConfig;
import org.tandemdns.config.MemberTemplate;
import org.tandemdns.config.Remote;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.config.ZoneType;
import org.tandemdns.events.ExecutorScheduler;
import org.tandemdns.store.SqliteZoneStore;
import org.tandemdns.xfr.PrimaryClient;
import org.tandemdns.zone.ZoneBuilder;
import org.tandemdns.zone.ZoneFileReader;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.Name;

/**
 * RFC 9432 §5 across the life of a server: members provisioned from a catalog come back after a
 * restart, a removed member's data outlives its grace period by nothing, a member that returns
 * within it keeps its data, and a consumer taken out of the config drops its members. (The
 * primaries are unreachable here; CatalogConsumerIT does the same against real producers.)
 */
class CatalogConsumersTest {
  private static final Name CAT = Name.fromConstantString("cat.test.");
  private static final Name A = Name.fromConstantString("a.test.");
  private static final Name B = Name.fromConstantString("b.test.");

  @TempDir Path dir;
  private final org.tandemdns.events.MutableClock clock = new org.tandemdns.events.MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final PrimaryClient unreachable = new PrimaryClient() {
    @Override
    public SoaProbe querySoa(Name zone, Remote primary) {
      return new SoaProbe.Failure("unreachable in this test");
    }

    @Override
    public InboundTransfer transfer(Name zone, Remote primary, ZoneSnapshot current, boolean full,
        org.tandemdns.config.TransferLimitsConfig limits) {
      return new InboundTransfer.Failure("unreachable in this test", false);
    }
  };
  private SqliteZoneStore store;
  private ExecutorScheduler scheduler;
  private ChangePipeline pipeline;
  private ZoneRegistry registry;
  private CatalogConsumers consumers;
  private final ZoneConfig catalog = new ZoneConfig(CAT, ZoneType.CATALOG_CONSUMER, null, List.of(Remote.parse("192.0.2.1")),
      null, null, null, null, null, null, null, null, null, null, null, null, null, null,
      new CatalogConsumerConfig(MemberTemplate.defaults(), null, Duration.ofDays(1)));

  @AfterEach
  void close() {
    stop();
  }

  private void start(ZoneConfig... config) throws Exception {
    store = SqliteZoneStore.open(dir.resolve("data"));
    scheduler = new ExecutorScheduler(clock, 1);
    ZoneTable table = new ZoneTable();
    pipeline = new ChangePipeline(store, clock);
    registry = new ZoneRegistry(table, pipeline, store, new FileZones(table, pipeline, store), unreachable, scheduler, clock);
    consumers = new CatalogConsumers(registry, store, clock);
    for (ZoneConfig z : config) {
      registry.register(z, ZoneRegistry.Source.CONFIG);
    }
    registry.restoreApiZones(new org.tandemdns.config.ConfigLoader());
    consumers.restore();
  }

  private void stop() {
    if (consumers != null) {
      consumers.close();
      registry.stop();
      scheduler.close();
      store.close();
      consumers = null;
    }
  }

  /** A new version of the catalog, as a transfer would commit it; then its members are reconciled. */
  private void publish(long serial, String... members) throws Exception {
    StringBuilder text = new StringBuilder("@ 0 SOA invalid. invalid. " + serial + " 3600 600 2419200 0\n@ 0 NS invalid.\n"
        + "version 0 TXT \"2\"\n");
    for (String m : members) {
      text.append(m).append('\n');
    }
    ZoneBuilder b = new ZoneBuilder(CAT, "test");
    ZoneFileReader.forUntrustedText().read(new StringReader(text.toString()), "test", CAT, b::add);
    pipeline.replace(registry.get(CAT).served(), b.build(), ZoneChangePolicy.defaults(), "transfer", "", "test", org.tandemdns.store.Actor.internal("test", ""));
    consumers.reconcile(CAT);
  }

  /** Gives a member data, as its first transfer would. */
  private void transferred(Name member) throws Exception {
    ZoneBuilder b = new ZoneBuilder(member, "test");
    ZoneFileReader.forUntrustedText().read(new StringReader("@ 300 SOA ns1 h 1 3600 600 86400 300\n@ 300 NS ns1\nns1 300 A 192.0.2.9\n"),
        "test", member, b::add);
    pipeline.replace(registry.get(member).served(), b.build(), ZoneChangePolicy.defaults(), "transfer", "", "test", org.tandemdns.store.Actor.internal("test", ""));
  }

  @Test
  void membersComeBackAfterARestartAndRemovedOnesGoAfterTheirGrace() throws Exception {
    start(catalog);
    publish(1, "ida.zones PTR a.test.", "idb.zones PTR b.test.");
    assertThat(registry.get(A).source()).isEqualTo(ZoneRegistry.Source.CATALOG);
    assertThat(registry.catalogOwner(A)).isEqualTo(CAT);
    transferred(A);
    transferred(B);

    stop();
    start(catalog);
    assertThat(registry.get(A)).as("served again after a restart").isNotNull();
    assertThat(registry.get(A).served().snapshot()).as("from its stored copy").isNotNull();
    assertThat(registry.catalogStatus(CAT).members()).isEqualTo(2);

    publish(2, "ida.zones PTR a.test.");
    assertThat(registry.get(B)).as("left the catalog: not served").isNull();
    assertThat(store.info(B)).as("its data kept for the grace period").isPresent();
    clock.advance(Duration.ofHours(23));
    registry.purgeRemoved();
    assertThat(store.info(B)).isPresent();
    clock.advance(Duration.ofHours(2));
    registry.purgeRemoved();
    assertThat(store.info(B)).as("a day (removed-grace) later: deleted").isEmpty();

    publish(3, "ida.zones PTR a.test.", "idb.zones PTR b.test.");
    assertThat(registry.get(B)).as("listed again: provisioned anew").isNotNull();
    assertThat(registry.get(B).served().snapshot()).as("with no data: transferred anew").isNull();
  }

  @Test
  void aMemberBackWithinItsGraceKeepsItsDataUnlessItsIdChanged() throws Exception {
    start(catalog);
    publish(1, "ida.zones PTR a.test.", "idb.zones PTR b.test.");
    transferred(A);
    transferred(B);
    publish(2);
    assertThat(registry.get(A)).isNull();
    publish(3, "ida.zones PTR a.test.", "new.zones PTR b.test.");
    assertThat(registry.get(A).served().snapshot()).as("same unique id: its data again, no transfer needed").isNotNull();
    assertThat(store.state(A)).doesNotContainKeys(ZoneRegistry.REMOVED_AT, ZoneRegistry.DELETE_AT);
    assertThat(registry.get(B).served().snapshot()).as("another unique id: reset").isNull();
    assertThat(store.info(B)).isEmpty();
  }

  @Test
  void aConsumerTakenOutOfTheConfigDropsItsMembersAndAMemberNeverTakesAConfigZone() throws Exception {
    ZoneConfig local = ZoneConfig.secondary(B, List.of(Remote.parse("192.0.2.2")));
    start(catalog, local);
    publish(1, "ida.zones PTR a.test.", "idb.zones PTR b.test.");
    assertThat(registry.get(B).source()).as("the config file's zone stays").isEqualTo(ZoneRegistry.Source.CONFIG);
    assertThat(registry.catalogStatus(CAT).problems()).anyMatch(p -> p.contains("b.test. of catalog cat.test. is a zone of this"
        + " server already"));
    transferred(A);

    registry.remove(CAT, false);
    consumers.reconfigured();
    assertThat(registry.get(A)).as("its catalog is no longer consumed").isNull();
    assertThat(store.state(A)).containsKey(ZoneRegistry.DELETE_AT);
    stop();
    start(local);
    assertThat(registry.get(A)).as("nor after a restart").isNull();
  }
}
