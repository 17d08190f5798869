package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.SecondaryZone;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TsigKey;
import org.tandemdns.testing.Wait;

/**
 * A three-level chain: Tandem (primary, zone file) → Tandem (secondary that feeds further: AXFR/IXFR
 * out from its own journal, NOTIFY out) → BIND (secondary of the middle Tandem). Each hop has its
 * own TSIG key. A change at the top (zone file edited, SIGHUP) reaches the bottom by NOTIFY and
 * IXFR at both hops, as each server's log shows.
 *
 * <p>Then 20 more changes measure top → middle propagation: from the top's "committed serial" log
 * line (and from the SIGHUP) to the middle answering the new serial, polled every ~2 ms. The
 * figures are printed, not asserted.
 */
class ChainIT {

  static final String ZONE = "chain.test";
  static final int CHANGES = 20;
  static final Duration ARRIVES = Duration.ofSeconds(10);

  @TempDir Path tmp;

  private final TsigKey topKey = TsigKey.generate("top-key");
  private final TsigKey bottomKey = TsigKey.generate("bottom-key");

  @Test
  void aChangeAtTheTopReachesBindAtTheBottomByNotifyAndIxfrAtBothHops() {
    Endpoint topAt = Endpoint.freeLoopback();
    Endpoint middleAt = Endpoint.freeLoopback();
    Endpoint bindAt = Endpoint.freeLoopback();
    zone(1);
    Path topConfig =
        SecondaryYaml.server(topAt, tmp.resolve("top-data"))
            .key(topKey)
            .primary(ZONE, tmp.resolve("zones").resolve(ZONE + ".zone"),
                "allow-transfer: [\"127.0.0.1 key " + topKey.name() + "\"]",
                "notify: [\"" + middleAt + " key " + topKey.name() + "\"]",
                "notify-ns: false")
            .write(tmp.resolve("top.yaml"));
    Path middleConfig =
        SecondaryYaml.server(middleAt, tmp.resolve("middle-data"))
            .key(topKey)
            .key(bottomKey)
            .secondary(ZONE, List.of(topAt + " key " + topKey.name()),
                "allow-transfer: [\"127.0.0.1 key " + bottomKey.name() + "\"]",
                "notify: [\"" + bindAt + " key " + bottomKey.name() + "\"]",
                "notify-ns: false")
            .write(tmp.resolve("middle.yaml"));

    try (TandemProcess top = TandemProcess.builder().config(topConfig, topAt).awaitZone(ZONE).start();
        TandemProcess middle = TandemProcess.builder().config(middleConfig, middleAt).awaitZone(ZONE).start();
        BindPeer bind = BindPeer.builder().listen(bindAt).secondary(SecondaryZone.of(ZONE, middleAt, bottomKey).allowTransfer(Acl.any())).start()) {
      assertThat(bind.serial(ZONE)).isEqualTo(1);
      assertThat(Axfr.records(bind.endpoint(), ZONE, null, ARRIVES))
          .isEqualTo(Axfr.records(top.endpoint(), ZONE, topKey));

      int topMark = Logs.mark(top);
      int middleMark = Logs.mark(middle);
      int bindMark = Logs.mark(bind);
      zone(2);
      top.sighup();
      bind.awaitSerial(ZONE, 2, ARRIVES);

      // hop 1: top → middle
      Logs.await(top, topMark, ARRIVES, "zone " + ZONE + ".: committed serial 1 -> 2");
      Logs.await(top, topMark, ARRIVES, "notify out zone=" + ZONE + ".", "serial=2", "target=" + middleAt, "result=ok");
      Logs.await(middle, middleMark, ARRIVES, "notify in zone=" + ZONE + ".", "serial=2", "key " + topKey.name() + ".",
          "result=refresh scheduled");
      Logs.await(middle, middleMark, ARRIVES, "transfer in zone=" + ZONE + ".", "type=IXFR", "key=" + topKey.name() + ".",
          "serial=1->2", "records=6 ", "result=ok");
      Logs.await(middle, middleMark, ARRIVES, "zone " + ZONE + ".: refresh ok: IXFR from " + topAt);
      String topOut = Logs.await(top, topMark, ARRIVES, "transfer out zone=" + ZONE + ".", "type=IXFR", "result=ok");
      assertThat(topOut).contains("key=" + topKey.name() + ".").doesNotContain("fallback=");

      // hop 2: middle → BIND
      Logs.await(middle, middleMark, ARRIVES, "notify out zone=" + ZONE + ".", "serial=2", "target=" + bindAt, "result=ok");
      String middleOut = Logs.await(middle, middleMark, ARRIVES, "transfer out zone=" + ZONE + ".", "type=IXFR", "result=ok");
      assertThat(middleOut).contains("key=" + bottomKey.name() + ".", "serial=1->2").doesNotContain("fallback=");
      Logs.await(bind, bindMark, ARRIVES, "received notify for zone '" + ZONE + "'");
      Logs.await(bind, bindMark, ARRIVES, "transfer of '" + ZONE + "/IN' from " + middleAt.host() + "#" + middleAt.port(),
          "Transfer status: success");
      // BIND 9.18 does not name the transfer type; the record count does: SOA 2, SOA 1, TXT v1, SOA 2, TXT v2,
      // SOA 2 is the IXFR (the whole zone is 36)
      Logs.await(bind, bindMark, ARRIVES, "transfer of '" + ZONE + "/IN' from " + middleAt.host() + "#" + middleAt.port(),
          "Transfer completed: 1 messages, 6 records", "(serial 2)");

      assertThat(Axfr.records(bind.endpoint(), ZONE, null, ARRIVES)).isEqualTo(Axfr.records(top.endpoint(), ZONE, topKey));

      measureTopToMiddle(top, middle);
      bind.awaitSerial(ZONE, 2 + CHANGES, ARRIVES);
    }
  }

  /** 20 changes at the top; prints how long each took to be served by the middle. */
  private void measureTopToMiddle(TandemProcess top, TandemProcess middle) {
    List<Long> fromCommit = new ArrayList<>();
    List<Long> fromSighup = new ArrayList<>();
    DnsQuery probe = DnsQuery.to(middle.endpoint()).timeout(Duration.ofMillis(200));
    for (long serial = 3; serial < 3 + CHANGES; serial++) {
      long want = serial;
      int mark = Logs.mark(top);
      zone(want);
      long hup = System.nanoTime();
      top.sighup();
      long deadline = hup + ARRIVES.toNanos();
      while (probe.soaSerial(ZONE) != want) {
        assertThat(System.nanoTime() - deadline).as("middle serves serial " + want + " in time").isNegative();
        java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
      }
      Instant seen = Instant.now();
      long seenNanos = System.nanoTime();
      String committed = Logs.await(top, mark, Duration.ofSeconds(2), "zone " + ZONE + ".: committed serial " + (want - 1) + " -> " + want);
      fromCommit.add(Duration.between(Logs.timestamp(committed).toInstant(), seen).toMillis());
      fromSighup.add((seenNanos - hup) / 1_000_000);
    }
    System.out.printf("ChainIT: Tandem primary -> Tandem secondary, %d changes: from 'committed serial' median %d ms, max %d ms;"
        + " from SIGHUP median %d ms, max %d ms%n", CHANGES, median(fromCommit), max(fromCommit), median(fromSighup), max(fromSighup));
    Wait.until(ARRIVES, () -> middle.serial(ZONE) == 2 + CHANGES, () -> "middle behind");
  }

  private void zone(long serial) {
    List<String> extra = new ArrayList<>();
    extra.add("v IN TXT \"v" + serial + "\"");
    for (int i = 0; i < 30; i++) {
      extra.add("h" + i + " IN A 198.51.100." + i);
    }
    ZoneFiles.write(tmp.resolve("zones"), ZONE, serial, 3600, 600, 86400, extra.toArray(String[]::new));
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElse(-1);
  }
}
