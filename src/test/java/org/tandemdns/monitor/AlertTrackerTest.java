package org.tandemdns.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandemdns.monitor.Reports.drifted;
import static org.tandemdns.monitor.Reports.ok;
import static org.tandemdns.monitor.Reports.report;
import static org.tandemdns.monitor.Reports.unreachable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertTrackerTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final List<String> NS = List.of("ns1.example.test.", "ns2.example.test.");
  private final AlertTracker tracker = new AlertTracker(Duration.ofMinutes(5), false, false);

  private List<Alert> observe(Instant at, org.tandemdns.monitor.check.NameserverReport... servers) {
    return tracker.observe(Observation.of(report(NS, servers)), at);
  }

  /** Issue 15, item 5: a tie alerts for the zone and names no server as drifted. */
  @Test
  void aTieAlertsNoMajorityForTheZoneAndBlamesNoServer() {
    assertThat(observe(T0, ok("ns1", 10, 0), ok("ns2", 10, 0))).isEmpty();
    List<Alert> tie = tracker.observe(Observation.of(Reports.tie(NS, Reports.notCompared("ns1", 10), Reports.notCompared("ns2", 10))),
        T0.plusSeconds(60));
    assertThat(tie).singleElement().satisfies(a -> {
      assertThat(a.condition()).isEqualTo("no-majority");
      assertThat(a.nameserver()).isNull();
      assertThat(a.message()).isEqualTo("no majority: 1 against 1, same serial, different data (ns1 | ns2)");
    });
    assertThat(observe(T0.plusSeconds(120), ok("ns1", 10, 0), ok("ns2", 10, 0)))
        .extracting(Alert::condition, Alert::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("no-majority", "recovered"));
  }

  @Test
  void driftAlertsOnceWhenItAppearsAndOnceWhenItRecovers() {
    assertThat(observe(T0, ok("ns1", 10, 0), ok("ns2", 10, 0))).isEmpty();
    List<Alert> appeared = observe(T0.plusSeconds(60), ok("ns1", 10, 0), drifted("ns2", 10));
    assertThat(appeared).singleElement().satisfies(a -> {
      assertThat(a.condition()).isEqualTo("drift");
      assertThat(a.state()).isEqualTo("appeared");
      assertThat(a.nameserver()).isEqualTo("ns2 127.0.0.1:53");
    });
    assertThat(observe(T0.plusSeconds(120), ok("ns1", 10, 0), drifted("ns2", 10))).isEmpty();
    assertThat(observe(T0.plusSeconds(180), ok("ns1", 10, 0), ok("ns2", 10, 0)))
        .extracting(Alert::condition, Alert::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("drift", "recovered"));
    assertThat(observe(T0.plusSeconds(240), ok("ns1", 10, 0), ok("ns2", 10, 0))).isEmpty();
  }

  @Test
  void conditionStillPresentAfterGraceAlertsPersistingExactlyOnce() {
    observe(T0, ok("ns1", 10, 0), ok("ns2", 9, 1));
    assertThat(observe(T0.plus(Duration.ofMinutes(4)), ok("ns1", 10, 0), ok("ns2", 9, 1))).isEmpty();
    assertThat(observe(T0.plus(Duration.ofMinutes(5)), ok("ns1", 10, 0), ok("ns2", 9, 1)))
        .singleElement().extracting(Alert::condition, Alert::state).containsExactly("lag", "persisting");
    assertThat(observe(T0.plus(Duration.ofMinutes(50)), ok("ns1", 10, 0), ok("ns2", 9, 1))).isEmpty();
  }

  @Test
  void unknownStateOfAnUnreachableServerIsNeitherRecoveryNorNewDrift() {
    observe(T0, ok("ns1", 10, 0), drifted("ns2", 10));
    List<Alert> down = observe(T0.plusSeconds(60), ok("ns1", 10, 0), unreachable("ns2"));
    assertThat(down).extracting(Alert::condition, Alert::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("unreachable", "appeared"));
    List<Alert> back = observe(T0.plusSeconds(120), ok("ns1", 10, 0), drifted("ns2", 10));
    assertThat(back).extracting(Alert::condition, Alert::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("unreachable", "recovered"));
  }

  @Test
  void failedCheckAlertsAndKeepsOtherConditionsAsTheyWere() {
    observe(T0, ok("ns1", 10, 0), drifted("ns2", 10));
    List<Alert> failed = tracker.observe(Observation.failed("example.test.", "nameservers not found"), T0.plusSeconds(60));
    assertThat(failed).extracting(Alert::condition, Alert::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("check-failed", "appeared"));
    List<Alert> again = observe(T0.plusSeconds(120), ok("ns1", 10, 0), ok("ns2", 10, 0));
    assertThat(again).extracting(Alert::condition, Alert::state).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("check-failed", "recovered"),
        org.assertj.core.groups.Tuple.tuple("drift", "recovered"));
  }

  @Test
  void serialAndNsSetChangesAlertOnlyWhenEnabledAndOnlyOnChange() {
    AlertTracker t = new AlertTracker(Duration.ofMinutes(5), true, true);
    assertThat(t.observe(Observation.of(report(NS, ok("ns1", 10, 0))), T0)).isEmpty();
    assertThat(t.observe(Observation.of(report(NS, ok("ns1", 10, 0))), T0.plusSeconds(1))).isEmpty();
    List<Alert> changed = t.observe(Observation.of(report(List.of("ns1.example.test."), ok("ns1", 11, 0))), T0.plusSeconds(2));
    assertThat(changed).extracting(Alert::condition).containsExactlyInAnyOrder("serial-change", "ns-change");
    assertThat(changed).filteredOn(a -> a.condition().equals("serial-change")).singleElement()
        .extracting(Alert::message).isEqualTo("serial 10 -> 11");
    assertThat(observe(T0, ok("ns1", 11, 0))).isEmpty();
  }
}
