package org.tandemdns.xfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Packing a transfer into messages (RFC 5936 §2.2). */
class TransferMessagesTest {
  static List<Record> records(int n) throws Exception {
    List<Record> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ARecord(Name.fromString("host" + i + ".x.test."), DClass.IN, 60,
          java.net.InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i})));
    }
    return out;
  }

  static List<Message> drain(TransferMessages t) throws Exception {
    List<Message> out = new ArrayList<>();
    byte[] m;
    while ((m = t.next()) != null) {
      assertThat(m.length).isLessThanOrEqualTo(65535);
      out.add(new Message(m));
    }
    return out;
  }

  @Test
  void everyRecordArrivesOnceInOrderAcrossMessagesOfAtMost64K() throws Exception {
    List<Record> in = records(20_000);
    Record q = Record.newRecord(Name.fromConstantString("x.test."), Type.AXFR, DClass.IN);
    TransferMessages t = new TransferMessages(77, q, in.iterator(), null, null);
    List<Message> messages = drain(t);
    assertThat(messages.size()).isBetween(2, 40);
    List<Record> out = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      assertThat(m.getHeader().getID()).isEqualTo(77);
      assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
      assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(m.getSection(Section.QUESTION)).hasSize(i == 0 ? 1 : 0);
      out.addAll(m.getSection(Section.ANSWER));
    }
    assertThat(out).isEqualTo(in);
    assertThat(t.records()).isEqualTo(20_000);
    assertThat(t.messages()).isEqualTo(messages.size());
  }

  @Test
  void ownerNamesAreCompressed() throws Exception {
    List<Record> in = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      in.add(new ARecord(Name.fromString("h" + i + ".a-rather-long-label.another-long-label.x.test."), DClass.IN, 60,
          java.net.InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i})));
    }
    TransferMessages t = new TransferMessages(1, Record.newRecord(Name.fromConstantString("x.test."), Type.AXFR, DClass.IN),
        in.iterator(), null, null);
    byte[] m = t.next();
    int uncompressed = in.stream().mapToInt(r -> r.toWire(Section.ANSWER).length).sum();
    assertThat(m.length).isLessThan(uncompressed / 2);
  }

  @Test
  void theOptIsInEveryMessageWhenTheQueryHadOne() throws Exception {
    TransferMessages t = new TransferMessages(1, Record.newRecord(Name.fromConstantString("x.test."), Type.AXFR, DClass.IN),
        records(10_000).iterator(), new OPTRecord(1232, 0, 0), null);
    for (Message m : drain(t)) {
      assertThat(m.getOPT()).isNotNull();
    }
  }

  @Test
  void anEmptySequenceProducesNoMessage() {
    TransferMessages t = new TransferMessages(1, Record.newRecord(Name.fromConstantString("x.test."), Type.AXFR, DClass.IN),
        List.<Record>of().iterator(), null, null);
    assertThat(t.next()).isNull();
  }
}
