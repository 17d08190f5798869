package org.tandemdns.xfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
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
import org.xbill.DNS.Type;

/**
 * max-transfers-out bounds the transfers of big zones; transfers of at most 1,000 records (a small
 * zone, the IXFR of a change) have their own, larger allowance: the secondaries all told of a change
 * at once are all answered.
 */
class TransferSlotsTest {
  private static final ZoneTable ZONES = TestZones.table(zone("big.test.", TransferResponder.SMALL_TRANSFER_RECORDS + 500),
      zone("small.test.", 10));

  private static org.tandemdns.zone.ZoneSnapshot zone(String origin, int records) {
    StringBuilder text = new StringBuilder("$TTL 60\n@ SOA ns1 h 5 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n");
    for (int i = 0; i < records; i++) {
      text.append("h").append(i).append(" A 192.0.2.").append(i % 250 + 1).append('\n');
    }
    return TestZones.parse(origin, text.toString());
  }

  @Test
  void aBigTransferTakesTheOnlySlotAndSmallOnesAreStillAnswered() throws Exception {
    ZoneStore none = (ZoneStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ZoneStore.class}, (proxy, method, args) -> {
          throw new UnsupportedOperationException(method.getName());
        });
    TransferResponder responder = new TransferResponder(ZONES, none, z -> Acl.parse(List.of("127.0.0.0/8")), 1, Clock.systemUTC());

    TransferReply first = responder.respondAsync(axfr("big.test.")).get(10, TimeUnit.SECONDS);
    assertThat(first).as("the big AXFR streams, holding the slot until it is sent").isInstanceOf(TransferReply.Stream.class);
    TransferReply second = responder.respondAsync(axfr("big.test.")).get(10, TimeUnit.SECONDS);
    assertThat(second).isInstanceOf(TransferReply.Single.class);
    assertThat(((TransferReply.Single) second).response().getRcode()).isEqualTo(Rcode.REFUSED);

    for (int i = 0; i < 50; i++) {
      TransferReply small = responder.respondAsync(axfr("small.test.")).get(10, TimeUnit.SECONDS);
      assertThat(small).as("small AXFR %d of 50 while the slot is taken", i + 1).isInstanceOf(TransferReply.Stream.class);
    }
  }

  private static TransferRequest axfr(String zone) {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString(zone), Type.AXFR, DClass.IN));
    return new TransferRequest(q, true, new InetSocketAddress("127.0.0.1", 5353), null);
  }
}
