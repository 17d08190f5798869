package org.tandemdns.xfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tandemdns.security.Acl;
import org.tandemdns.store.ZoneStore;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * IXFR answers read the journal off the network threads; the requests waiting for a reader are
 * bounded (a flood of IXFR over UDP filled an unbounded queue): beyond the bound, REFUSED at once.
 */
class TransferResponderQueueTest {
  static final ZoneTable ZONES = TestZones.table(TestZones.parse("q.test.", "$TTL 60\n@ SOA ns1 h 5 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n"));

  @Test
  void ixfrRequestsBeyondTheQueueAreRefusedAtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ZoneStore stuck = (ZoneStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ZoneStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("journalSince")) {
            release.await();
            return java.util.Optional.empty();
          }
          throw new UnsupportedOperationException(method.getName());
        });
    TransferResponder responder = new TransferResponder(ZONES, stuck, z -> Acl.parse(List.of("127.0.0.0/8")), 4, Clock.systemUTC());
    List<CompletableFuture<TransferReply>> replies = new ArrayList<>();
    try {
      for (int i = 0; i < 2 + TransferResponder.MAX_WAITING_IXFR + 1; i++) {
        replies.add(responder.respondAsync(ixfr()));
      }
      CompletableFuture<TransferReply> last = replies.get(replies.size() - 1);
      assertThat(last).as("refused without waiting").isDone();
      assertThat(((TransferReply.Single) last.join()).response().getRcode()).isEqualTo(Rcode.REFUSED);
      assertThat(replies.get(replies.size() - 2)).as("still queued").isNotDone();
    } finally {
      release.countDown();
    }
    for (CompletableFuture<TransferReply> r : replies) {
      assertThat(r.get(10, TimeUnit.SECONDS)).isNotNull();
    }
  }

  private static TransferRequest ixfr() throws Exception {
    Name zone = Name.fromConstantString("q.test.");
    Message q = Message.newQuery(Record.newRecord(zone, Type.IXFR, DClass.IN));
    q.addRecord(new SOARecord(zone, DClass.IN, 60, Name.fromConstantString("ns1.q.test."), Name.fromConstantString("h.q.test."),
        3, 2, 3, 4, 5), Section.AUTHORITY);
    return new TransferRequest(q, false, new InetSocketAddress("127.0.0.1", 5353), null);
  }
}
