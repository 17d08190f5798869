package org.tandemdns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.change.ChangePipeline;
import org.tandemdns.change.FileZones;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.events.ExecutorScheduler;
import org.tandemdns.store.SqliteZoneStore;
import org.tandemdns.testing.TestZones;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.Name;

/** Issue 15, item 3: a zone taken out of the config file keeps its data for the grace period, then loses it. */
class ZoneRegistryRemovalTest {

  @TempDir Path dir;
  private Instant now = Instant.parse("2026-12-03T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private SqliteZoneStore store;
  private ExecutorScheduler scheduler;

  @AfterEach
  void close() {
    scheduler.close();
    store.close();
  }

  private ZoneRegistry registry() throws Exception {
    store = SqliteZoneStore.open(dir.resolve("data"));
    scheduler = new ExecutorScheduler(clock, 1);
    ZoneTable table = new ZoneTable();
    ChangePipeline pipeline = new ChangePipeline(store, clock);
    return new ZoneRegistry(table, pipeline, store, new FileZones(table, pipeline, store), null, scheduler, clock);
  }

  @Test
  void removedDataStaysForTheGracePeriodComesBackWithTheZoneAndIsDeletedAfter() throws Exception {
    ZoneRegistry registry = registry();
    Name kept = Name.fromConstantString("kept.test.");
    Name gone = Name.fromConstantString("gone.test.");
    for (Name z : new Name[] {kept, gone}) {
      registry.load(registry.register(ZoneConfig.primary(z, TestZones.write(dir, z.toString(), 1)), ZoneRegistry.Source.CONFIG));
    }
    registry.remove(kept, false);
    registry.remove(gone, false);
    assertThat(registry.get(gone)).isNull();

    now = now.plus(ZoneRegistry.REMOVED_GRACE).minus(Duration.ofMinutes(1));
    registry.purgeRemoved();
    assertThat(store.info(gone)).as("still within the grace period").isPresent();

    registry.add(ZoneConfig.primary(kept, dir.resolve("kept.test.zone")));
    now = now.plus(Duration.ofMinutes(2));
    registry.purgeRemoved();
    assertThat(store.info(gone)).as("past the grace period").isEmpty();
    assertThat(store.info(kept)).as("back in the config before the grace ended: kept").isPresent();
    assertThat(store.state(kept)).doesNotContainKey(ZoneRegistry.REMOVED_AT);
  }

  @Test
  void purgeDeletesAtOnce() throws Exception {
    ZoneRegistry registry = registry();
    Name z = Name.fromConstantString("purged.test.");
    registry.load(registry.register(ZoneConfig.primary(z, TestZones.write(dir, z.toString(), 1)), ZoneRegistry.Source.CONFIG));
    registry.remove(z, true);
    assertThat(store.info(z)).isEmpty();
  }
}
