package org.tandemdns.xfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tandemdns.security.Acl;
import org.tandemdns.store.ZoneStore;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The secondaries told of a change ask for the same IXFR at once: the diff is read from the journal
 * once per served version and client serial, and read again for the next version.
 */
class TransferDiffCacheTest {
  private static final Name ZONE = Name.fromConstantString("c.test.");

  private static ZoneSnapshot version(long serial, String extra) {
    return TestZones.parse("c.test.", "$TTL 60\n@ SOA ns1 h " + serial + " 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n" + extra);
  }

  @Test
  void fiftyIxfrsOfOneChangeReadTheJournalOnceAndTheNextVersionReadsItAgain() throws Exception {
    ZoneSnapshot v3 = version(3, "");
    ZoneSnapshot v4 = version(4, "a A 192.0.2.4\n");
    ZoneSnapshot v5 = version(5, "a A 192.0.2.4\nb A 192.0.2.5\n");
    AtomicInteger reads = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<String> readBy = new java.util.concurrent.atomic.AtomicReference<>();
    ZoneStore journal = (ZoneStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ZoneStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("journalSince")) {
            reads.incrementAndGet();
            readBy.set(Thread.currentThread().getName());
            long from = (Long) args[1];
            List<ZoneDiff> chain = from == 3 ? List.of(ZoneDiff.between(v3, v4), ZoneDiff.between(v4, v5))
                : List.of(ZoneDiff.between(v4, v5));
            return Optional.of(chain);
          }
          throw new UnsupportedOperationException(method.getName());
        });
    ZoneTable zones = TestZones.table(v4);
    TransferResponder responder = new TransferResponder(zones, journal, z -> Acl.parse(List.of("127.0.0.0/8")), 4, Clock.systemUTC());

    for (int i = 0; i < 50; i++) {
      assertThat(added(responder, 3)).containsExactly("a.c.test.");
    }
    assertThat(reads).hasValue(1);

    zones.get(ZONE).swap(v5);
    assertThat(added(responder, 3)).containsExactlyInAnyOrder("a.c.test.", "b.c.test.");
    assertThat(added(responder, 4)).containsExactly("b.c.test.");
    assertThat(added(responder, 4)).containsExactly("b.c.test.");
    assertThat(reads).as("read again for the new version, once per client serial").hasValue(3);

    // a diff kept in memory is answered on the calling (network) thread, not handed to a journal reader
    assertThat(responder.respondAsync(request(4))).as("answered at once").isDone();
    responder.respondAsync(request(2)).get(10, TimeUnit.SECONDS);
    assertThat(readBy.get()).as("a diff not kept is read from the journal off the network thread").isEqualTo("ixfr-out");
  }

  private static TransferRequest request(long clientSerial) {
    Message q = Message.newQuery(Record.newRecord(ZONE, Type.IXFR, DClass.IN));
    q.addRecord(new SOARecord(ZONE, DClass.IN, 60, Name.fromConstantString("ns1.c.test."), Name.fromConstantString("h.c.test."),
        clientSerial, 2, 3, 4, 5), Section.AUTHORITY);
    return new TransferRequest(q, true, new InetSocketAddress("127.0.0.1", 5353), null);
  }

  /** The names of the A records an IXFR over TCP from {@code clientSerial} adds. */
  private static List<String> added(TransferResponder responder, long clientSerial) throws Exception {
    TransferReply reply = responder.respondAsync(request(clientSerial)).get(10, TimeUnit.SECONDS);
    List<Record> records = new java.util.ArrayList<>();
    try (MessageStream stream = ((TransferReply.Stream) reply).stream()) {
      for (byte[] m = stream.next(); m != null; m = stream.next()) {
        records.addAll(new Message(m).getSection(Section.ANSWER));
      }
      stream.delivered();
    }
    return records.stream().filter(r -> r.getType() == Type.A && !r.getName().toString().startsWith("ns1"))
        .map(r -> r.getName().toString()).toList();
  }
}
