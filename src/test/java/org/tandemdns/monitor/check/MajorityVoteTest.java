package org.tandemdns.monitor.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.CompareOptions;
import org.tandemdns.zone.compare.RRsetKey;
import org.tandemdns.zone.compare.ZoneComparator;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** Issue 15, item 5: every server votes, and a tie blames nobody instead of the later arguments. */
class MajorityVoteTest {

  private static final Name ORIGIN = Name.fromConstantString("example.test.");
  private final MajorityVote vote = new MajorityVote(new ZoneComparator(CompareOptions.ignoringSerial()));

  private static CanonicalZone zone(long serial, String www) throws IOException {
    String text = """
        $ORIGIN example.test.
        $TTL 300
        @   SOA ns1 hostmaster %d 3600 600 86400 300
        @   NS  ns1
        ns1 A   127.0.0.1
        www A   %s
        """.formatted(serial, www);
    CanonicalZone.Builder b = CanonicalZone.builder(ORIGIN);
    try (Master m = new Master(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), ORIGIN)) {
      for (Record r; (r = m.nextRecord()) != null; ) {
        b.add(r);
      }
    }
    return b.build();
  }

  /** What a server that refused AXFR answers when asked for every key of {@code asked}. */
  private static QueriedCopy queried(CanonicalZone served, CanonicalZone asked) {
    CanonicalZone.Builder b = CanonicalZone.builder(ORIGIN);
    for (RRsetKey k : asked.rrsets().keySet()) {
      served.get(k).ifPresent(s -> s.rdatas().forEach(r -> b.add(r.record())));
    }
    return new QueriedCopy(b.build(), asked.rrsets().keySet(), 0, null, asked.size());
  }

  private static Nameserver ns(String name, int port) {
    return new Nameserver(name, ServerAddress.parse("127.0.0.1:" + port));
  }

  @Test
  void serversReadByQueriesOutvoteTheOnlyAxfrCopyWhenItIsTheOddOne() throws IOException {
    CanonicalZone good = zone(5, "192.0.2.1");
    CanonicalZone odd = zone(5, "192.0.2.99");
    Nameserver nsd = ns("nsd", 1);
    Map<Nameserver, QueriedCopy> voters = new LinkedHashMap<>();
    voters.put(ns("knot", 2), queried(good, odd));
    voters.put(ns("bind", 3), queried(good, odd));

    MajorityVote.Winner w = (MajorityVote.Winner) vote.count(Map.of(nsd, odd), voters).orElseThrow();

    assertThat(w.chosen().name()).isEqualTo("knot");
    assertThat(w.agreeing()).isEqualTo(2);
    assertThat(w.byQueries()).isEqualTo(2);
    assertThat(w.total()).isEqualTo(3);
    assertThat(w.scope()).as("a queried copy is compared only on what was asked").isEqualTo(odd.rrsets().keySet());
    assertThat(w.describe()).isEqualTo("knot 127.0.0.1:2, agreed by 2 of 3 servers"
        + " (all read by queries: no AXFR copy agrees, so names only they hold cannot be seen)");
  }

  @Test
  void aQueriedServerThatAgreesJoinsTheAxfrGroupAndItsWholeCopyIsTheReference() throws IOException {
    CanonicalZone good = zone(5, "192.0.2.1");
    Nameserver primary = ns("primary", 1);
    Nameserver odd = ns("odd", 2);
    Map<Nameserver, CanonicalZone> copies = new LinkedHashMap<>();
    copies.put(odd, zone(5, "192.0.2.99"));
    copies.put(primary, good);

    MajorityVote.Winner w = (MajorityVote.Winner) vote.count(copies, Map.of(ns("refusing", 3), queried(good, good))).orElseThrow();

    assertThat(w.chosen()).isEqualTo(primary);
    assertThat(w.reference()).isSameAs(good);
    assertThat(w.scope()).isNull();
    assertThat(w.describe()).isEqualTo("primary 127.0.0.1:1, agreed by 2 of 3 servers (1 read by queries)");
  }

  @Test
  void equalGroupsWithTheSameSerialAreNoMajorityWhateverTheOrder() throws IOException {
    Nameserver a = ns("nsd", 1);
    Nameserver b = ns("knot", 2);
    for (List<Nameserver> order : List.of(List.of(a, b), List.of(b, a))) {
      Map<Nameserver, CanonicalZone> copies = new LinkedHashMap<>();
      copies.put(order.get(0), zone(7, order.get(0) == a ? "192.0.2.1" : "192.0.2.2"));
      copies.put(order.get(1), zone(7, order.get(1) == a ? "192.0.2.1" : "192.0.2.2"));

      MajorityVote.Outcome o = vote.count(copies, Map.of()).orElseThrow();

      assertThat(o).isInstanceOf(MajorityVote.NoMajority.class);
      assertThat(((MajorityVote.NoMajority) o).describe()).startsWith("1 against 1, same serial, different data (")
          .contains("nsd 127.0.0.1:1").contains("knot 127.0.0.1:2").endsWith("give --expect FILE or --expect-from ADDR to say which copy is right");
    }
  }

  @Test
  void betweenEqualGroupsTheNewerSerialWinsSinceOlderDataIsLag() throws IOException {
    Nameserver behind = ns("behind", 1);
    Nameserver ahead = ns("ahead", 2);
    Map<Nameserver, CanonicalZone> copies = new LinkedHashMap<>();
    copies.put(behind, zone(6, "192.0.2.1"));
    copies.put(ahead, zone(7, "192.0.2.2"));

    MajorityVote.Winner w = (MajorityVote.Winner) vote.count(copies, Map.of()).orElseThrow();

    assertThat(w.chosen()).isEqualTo(ahead);
    assertThat(w.agreeing()).isEqualTo(1);
  }

  @Test
  void nobodyVotingIsNoOutcome() {
    assertThat(vote.count(Map.of(), Map.of())).isEmpty();
  }
}
