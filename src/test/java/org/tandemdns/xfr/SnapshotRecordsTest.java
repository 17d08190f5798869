package org.tandemdns.xfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.zone.ZoneFileLoader;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** AXFR written from the nodes' wire form (RFC 5936 §2.2, owner pointers RFC 1035 §4.1.4). */
class SnapshotRecordsTest {
  private static final Name ORIGIN = Name.fromConstantString("Big.Test.");

  @TempDir Path tmp;

  @Test
  void aWholeZoneArrivesSoaFirstAndLastWithEveryRecordOnceAcrossManyMessages() throws Exception {
    StringBuilder zone = new StringBuilder("$ORIGIN Big.Test.\n$TTL 300\n"
        + "@ SOA ns1 hostmaster 42 3600 600 86400 300\n@ NS ns1\nns1 A 192.0.2.1\n");
    for (int i = 0; i < 6000; i++) {
      // several RRsets and records per owner (pointer reuse), mixed case kept, names that compress
      zone.append("Host").append(i).append(" A 10.0.").append(i / 256).append('.').append(i % 256).append('\n')
          .append("Host").append(i).append(" A 10.1.").append(i / 256).append('.').append(i % 256).append('\n')
          .append("host").append(i).append(" MX 10 mail").append(i % 7).append('\n')
          .append("host").append(i).append(" TXT \"v=").append(i).append("\"\n");
    }
    zone.append("sub NS ns.sub\nns.sub A 192.0.2.53\n*.wild CNAME Host1\n");
    Path file = tmp.resolve("big.zone");
    Files.writeString(file, zone);
    ZoneSnapshot snapshot = ZoneFileLoader.load(file, ORIGIN);

    Record question = Record.newRecord(ORIGIN, Type.AXFR, DClass.IN);
    TransferMessages t = new TransferMessages(9, question, new SnapshotRecords(snapshot), null, null);
    List<Record> received = new ArrayList<>();
    byte[] wire;
    int messages = 0;
    while ((wire = t.next()) != null) {
      assertThat(wire.length).isLessThanOrEqualTo(65535);
      received.addAll(new Message(wire).getSection(Section.ANSWER));
      messages++;
    }
    assertThat(messages).as("a zone this size spans messages, and offsets past 0x3FFF").isGreaterThan(4);

    assertThat(received.get(0)).isEqualTo(snapshot.soa());
    assertThat(received.get(received.size() - 1)).isEqualTo(snapshot.soa());
    List<Record> body = received.subList(1, received.size() - 1);
    List<Record> expected = new ArrayList<>();
    snapshot.forEachRecord(r -> {
      if (r.getType() != Type.SOA) {
        expected.add(r);
      }
    });
    assertThat(body).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(body.stream().map(r -> r.getName().toString()))
        .as("owner case is kept").contains("Host17.Big.Test.");
    assertThat(body.stream().filter(r -> r.getType() == Type.SOA)).isEmpty();
    assertThat(t.records()).isEqualTo(received.size());
  }
}
