package org.tandemdns.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.tandemdns.change.Committed;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/** Issue 15, item 6: no phantom secondary, and no change said to have reached a secondary not yet known. */
class PropagationTrackerTest {

  private static final Name ZONE = Name.fromConstantString("example.test.");
  private Instant now = Instant.parse("2026-12-03T10:00:00Z");
  private final PropagationTracker tracker = new PropagationTracker(new Clock() {
    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  });

  private static ZoneSnapshot zone(long serial) {
    return TestZones.parse("example.test.", "$TTL 300\n@ SOA ns1 hostmaster " + serial + " 3600 600 86400 300\n@ NS ns1\nns1 A 127.0.0.1\n");
  }

  private void commit(long serial) {
    tracker.committed(new Committed(ZONE, null, zone(serial), null, "test"));
  }

  private static InetSocketAddress at(int port) {
    return new InetSocketAddress("127.0.0.1", port);
  }

  @Test
  void aTransferFromAnAddressSharedBySeveralTargetsAddsNoPhantomSecondary() throws Exception {
    for (int port : new int[] {5301, 5302, 5303}) {
      tracker.expect(ZONE, at(port));
    }
    commit(2);
    now = now.plusMillis(40);
    tracker.transferred(ZONE, InetAddress.getByName("127.0.0.1"), 2);
    for (int port : new int[] {5301, 5302, 5303}) {
      tracker.soaSeen(ZONE, at(port), 2);
    }
    ZonePropagation p = tracker.status(ZONE);
    assertThat(p.downstreams()).extracting(ZonePropagation.Downstream::downstream)
        .containsExactly("127.0.0.1:5301", "127.0.0.1:5302", "127.0.0.1:5303");
    assertThat(p.changes().get(0).reachedMillis()).containsOnlyKeys("127.0.0.1:5301", "127.0.0.1:5302", "127.0.0.1:5303")
        .containsValue(40L);
  }

  @Test
  void aSecondaryFirstSeenNowIsNotSaidToHaveReceivedEarlierChangesButLaterOnes() throws Exception {
    commit(1);
    now = now.plusSeconds(3600);
    tracker.transferred(ZONE, InetAddress.getByName("192.0.2.53"), 1); // a secondary no NOTIFY target names
    assertThat(tracker.status(ZONE).downstreams()).singleElement().satisfies(d -> {
      assertThat(d.downstream()).isEqualTo("192.0.2.53");
      assertThat(d.serial()).isEqualTo(1);
    });
    assertThat(tracker.status(ZONE).changes().get(0).reachedMillis()).as("serial 1 was committed before it was known").isEmpty();

    commit(2);
    now = now.plusMillis(25);
    tracker.ixfrRequested(ZONE, InetAddress.getByName("192.0.2.53"), 2);
    assertThat(tracker.status(ZONE).changes().get(0).reachedMillis()).containsEntry("192.0.2.53", 25L);
  }

  @Test
  void aConfiguredTargetCountsForChangesCommittedBeforeItWasFirstHeardFrom() {
    tracker.expect(ZONE, at(5301));
    commit(1);
    now = now.plusMillis(7);
    tracker.soaSeen(ZONE, at(5301), 1);
    assertThat(tracker.status(ZONE).changes().get(0).reachedMillis()).containsEntry("127.0.0.1:5301", 7L);
  }
}
