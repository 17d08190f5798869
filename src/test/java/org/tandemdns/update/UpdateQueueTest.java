package org.tandemdns.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tandemdns.change.ZoneChangePolicy;
import org.tandemdns.security.Acl;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Update;

/**
 * UPDATEs wait for the update workers in a bounded queue (allow-update by address alone is spoofable
 * over UDP, so a flood must not fill memory): when it is full, SERVFAIL at once, the reason logged.
 */
class UpdateQueueTest {
  static final ZoneTable ZONES = TestZones.table(TestZones.parse("u.test.", "$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n"));

  @Test
  void anUpdateThatFindsTheQueueFullIsServfailAtOnce() throws Exception {
    UpdatePolicy policy = new UpdatePolicy(Acl.parse(List.of("127.0.0.1")), ZoneChangePolicy.defaults(), UpdatePolicy.Mode.UPDATABLE);
    UpdateProcessor full = new UpdateProcessor(ZONES, null, z -> policy, task -> {
      throw new RejectedExecutionException("queue full");
    });
    Update u = new Update(Name.fromConstantString("u.test."));
    u.add(Record.fromString(Name.fromConstantString("www.u.test."), org.xbill.DNS.Type.A, DClass.IN, 60, "192.0.2.9", Name.root));
    Message answer = full.handle(u, new InetSocketAddress("127.0.0.1", 5353), null).get(5, TimeUnit.SECONDS);
    assertThat(answer.getRcode()).isEqualTo(Rcode.SERVFAIL);
  }
}
