package org.tandemdns.sync.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.change.Committed;
import org.tandemdns.config.Percent;
import org.tandemdns.config.PushConfig;
import org.tandemdns.store.SqliteZoneStore;
import org.tandemdns.store.ZoneStore;
import org.tandemdns.sync.RRsetChange;
import org.tandemdns.sync.provider.SnapshotSource;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.compare.RRsetKey;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** Continuous push with a controlled clock: incremental pushes, back-off, re-sync, restart, safety. */
class PushServiceTest {
  private static final Name ZONE = Name.fromConstantString("example.test.");
  private static final RRsetKey WWW = RRsetKey.of(Name.fromConstantString("www.example.test."), Type.A);
  private static final PushConfig SETTINGS = new PushConfig(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMinutes(10),
      new Percent(0.30));

  @TempDir Path dir;
  private ZoneStore store;
  private final ManualTime time = new ManualTime();
  private final AtomicReference<ZoneSnapshot> served = new AtomicReference<>();
  private final List<PushService> services = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    store = SqliteZoneStore.open(dir);
  }

  @AfterEach
  void close() {
    services.forEach(PushService::close);
    store.close();
  }

  private static ZoneSnapshot version(long serial, String www, String... more) {
    StringBuilder text = new StringBuilder("$ORIGIN example.test.\n$TTL 300\n@ SOA ns1 hostmaster " + serial + " 3600 600 86400 300\n"
        + "@ NS ns1\nns1 A 127.0.0.1\nwww A " + www + "\n");
    for (int i = 1; i <= 6; i++) {
      text.append("h").append(i).append(" A 192.0.2.").append(100 + i).append('\n');
    }
    for (String m : more) {
      text.append(m).append('\n');
    }
    return TestZones.parse("example.test.", text.toString());
  }

  private PushService service(ScriptedProvider provider) {
    PushService s = new PushService(Map.of("scripted", provider), z -> List.of("scripted"), z -> served.get(), store, time, time,
        SETTINGS, null);
    services.add(s);
    return s;
  }

  private void serve(PushService s, ZoneSnapshot first) {
    served.set(first);
    s.committed(new Committed(ZONE, null, first, null, "startup"));
  }

  private void commit(PushService s, ZoneSnapshot next) {
    ZoneSnapshot previous = served.getAndSet(next);
    s.committed(new Committed(ZONE, previous, next, ZoneDiff.between(previous, next), "api"));
  }

  private static ScriptedProvider holding(ZoneSnapshot s) throws Exception {
    return new ScriptedProvider(SnapshotSource.content(s).zone());
  }

  @Test
  void aCommittedChangeIsPushedAsReplacementsOfTheRRsetsItTouched() throws Exception {
    ScriptedProvider p = holding(version(1, "192.0.2.1"));
    PushService s = service(p);
    serve(s, version(1, "192.0.2.1"));
    time.runDue();
    assertThat(p.reads).as("first version: compared in full").isEqualTo(1);
    assertThat(p.batches).isEmpty();
    assertThat(s.status(ZONE).get(0).state()).isEqualTo("in-sync");

    commit(s, version(2, "192.0.2.2", "new TXT \"hello\""));
    commit(s, version(3, "192.0.2.3", "new TXT \"hello\""));
    assertThat(s.status(ZONE).get(0).state()).isEqualTo("pending");
    time.runDue();
    assertThat(p.reads).as("changes are pushed without reading the target").isEqualTo(1);
    assertThat(p.batches).hasSize(1);
    assertThat(p.batches.get(0)).extracting(RRsetChange::verb, c -> c.key().toString())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("update", "new.example.test. TXT"),
            org.assertj.core.groups.Tuple.tuple("update", "www.example.test. A"));
    assertThat(p.texts(WWW)).containsExactly("192.0.2.3");
    PushStatus st = s.status(ZONE).get(0);
    assertThat(st.state()).isEqualTo("in-sync");
    assertThat(st.pushedSerial()).isEqualTo(3L);
    assertThat(st.lastResult()).isEqualTo("2 changes");
    assertThat(store.state(ZONE)).containsEntry("push.scripted.serial", "3").doesNotContainKey("push.scripted.pending");
  }

  @Test
  void aTargetThatIsDownIsRetriedWithBackoffAndResyncedInFullWhenItReturns() throws Exception {
    ScriptedProvider p = holding(version(1, "192.0.2.1"));
    PushService s = service(p);
    serve(s, version(1, "192.0.2.1"));
    time.runDue();
    p.down = true;
    commit(s, version(2, "192.0.2.2"));
    time.runDue();
    PushStatus st = s.status(ZONE).get(0);
    assertThat(st.state()).isEqualTo("failing");
    assertThat(st.failures()).isEqualTo(1);
    assertThat(st.lastError()).isEqualTo("scripted: connection refused");
    assertThat(st.nextAttempt()).isEqualTo(time.instant().plusSeconds(1));
    assertThat(store.state(ZONE)).containsEntry("push.scripted.pending", "2");

    time.advance(Duration.ofSeconds(1));
    assertThat(s.status(ZONE).get(0).failures()).isEqualTo(2);
    assertThat(s.status(ZONE).get(0).nextAttempt()).isEqualTo(time.instant().plusSeconds(2));
    commit(s, version(3, "192.0.2.3"));
    time.runDue();
    assertThat(s.status(ZONE).get(0).failures()).as("a change during back-off waits for the retry").isEqualTo(2);
    time.advance(Duration.ofSeconds(2));
    time.advance(Duration.ofSeconds(4));
    assertThat(s.status(ZONE).get(0).failures()).isEqualTo(4);
    assertThat(s.status(ZONE).get(0).nextAttempt()).as("capped at retry-max").isEqualTo(time.instant().plusSeconds(4));

    p.down = false;
    p.held.remove(RRsetKey.of(Name.fromConstantString("h1.example.test."), Type.A)); // lost while it was away
    int readsBefore = p.reads;
    time.advance(Duration.ofSeconds(4));
    assertThat(p.reads).as("a full re-sync reads the target").isEqualTo(readsBefore + 1);
    assertThat(p.texts(WWW)).containsExactly("192.0.2.3");
    assertThat(p.texts(RRsetKey.of(Name.fromConstantString("h1.example.test."), Type.A))).containsExactly("192.0.2.101");
    st = s.status(ZONE).get(0);
    assertThat(st.state()).isEqualTo("in-sync");
    assertThat(st.failures()).isZero();
    assertThat(st.lastResult()).isEqualTo("re-sync: 2 changes");
  }

  @Test
  void pendingChangesSurviveARestartAndTargetsInSyncAreNotContacted() throws Exception {
    ScriptedProvider down = holding(version(1, "192.0.2.1"));
    PushService first = service(down);
    serve(first, version(1, "192.0.2.1"));
    time.runDue();
    down.down = true;
    commit(first, version(2, "192.0.2.2"));
    time.runDue();
    first.close();

    ScriptedProvider back = holding(version(1, "192.0.2.1"));
    PushService second = service(back);
    serve(second, version(2, "192.0.2.2"));
    time.runDue();
    assertThat(back.texts(WWW)).as("the pending change reached the target after the restart").containsExactly("192.0.2.2");
    assertThat(second.status(ZONE).get(0).state()).isEqualTo("in-sync");
    assertThat(store.state(ZONE)).containsEntry("push.scripted.serial", "2").doesNotContainKey("push.scripted.pending");

    ScriptedProvider untouched = holding(version(2, "192.0.2.2"));
    PushService third = service(untouched);
    serve(third, version(2, "192.0.2.2"));
    time.runDue();
    assertThat(untouched.reads).isZero();
    assertThat(untouched.batches).isEmpty();
    assertThat(third.status(ZONE).get(0).lastResult()).isEqualTo("pushed before the restart");
  }

  @Test
  void driftIsFoundAndCorrectedByThePeriodicResync() throws Exception {
    ScriptedProvider p = holding(version(1, "192.0.2.1"));
    PushService s = service(p);
    serve(s, version(1, "192.0.2.1"));
    time.runDue();
    p.held.remove(WWW);
    time.advance(Duration.ofMinutes(9));
    assertThat(p.texts(WWW)).isEmpty();
    time.advance(Duration.ofMinutes(1));
    assertThat(p.texts(WWW)).containsExactly("192.0.2.1");
    assertThat(s.status(ZONE).get(0).lastResult()).isEqualTo("re-sync: 1 change");
  }

  @Test
  void aResyncTheSafetyChecksRefuseChangesNothing() throws Exception {
    ScriptedProvider p = holding(version(1, "192.0.2.1", "x1 TXT \"1\"", "x2 TXT \"2\"", "x3 TXT \"3\"", "x4 TXT \"4\""));
    PushService s = service(p);
    serve(s, version(1, "192.0.2.1"));
    time.runDue();
    PushStatus st = s.status(ZONE).get(0);
    assertThat(st.state()).isEqualTo("refused");
    assertThat(st.lastError()).startsWith("re-sync refused: would update or delete 4 of the 12 RRsets")
        .endsWith("(apply it by hand: tandem sync apply --force)");
    assertThat(p.batches).isEmpty();
  }
}
