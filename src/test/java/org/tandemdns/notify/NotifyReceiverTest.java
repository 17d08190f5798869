package org.tandemdns.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandemdns.security.Acl;
import org.tandemdns.security.TsigCheck;
import org.tandemdns.security.TsigKey;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** NOTIFY in (RFC 1996 §3.7, §4.7). */
class NotifyReceiverTest {
  static final Name ZONE = Name.fromConstantString("n.test.");
  static final TsigKey KEY = TsigKey.of("k1", "hmac-sha256", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=");
  final List<String> triggered = new ArrayList<>();
  final NotifyReceiver receiver = new NotifyReceiver(name -> name.equals(ZONE)
      ? new NotifyReceiver.Access(Acl.parse(List.of("192.0.2.1", "192.0.2.2 key k1")), (serial, from) -> triggered.add(serial + " " + from) != triggered.isEmpty())
      : null);

  static Message notify(Name zone, int qtype, Long serial) {
    Message m = new Message(4321);
    m.getHeader().setOpcode(Opcode.NOTIFY);
    m.getHeader().setFlag(Flags.AA);
    m.addRecord(Record.newRecord(zone, qtype, DClass.IN), Section.QUESTION);
    if (serial != null) {
      m.addRecord(new SOARecord(zone, DClass.IN, 60, Name.root, Name.root, serial, 1, 1, 1, 1), Section.ANSWER);
    }
    return m;
  }

  static InetSocketAddress from(String ip) {
    return new InetSocketAddress(ip, 5353);
  }

  @Test
  void anAllowedNotifyIsAcknowledgedWithAaAndTriggersARefreshWithItsSerial() {
    Message r = receiver.handle(notify(ZONE, Type.SOA, 7L), from("192.0.2.1"), null);
    assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.getHeader().getID()).isEqualTo(4321);
    assertThat(r.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
    assertThat(r.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(r.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(r.getQuestion().getName()).isEqualTo(ZONE);
    assertThat(triggered).containsExactly("7 192.0.2.1:5353");
  }

  @Test
  void withoutAnSoaTheSerialIsUnknown() {
    receiver.handle(notify(ZONE, Type.SOA, null), from("192.0.2.1"), null);
    assertThat(triggered).containsExactly("-1 192.0.2.1:5353");
  }

  @Test
  void anotherAddressOrAMissingKeyIsRefused() {
    assertThat(receiver.handle(notify(ZONE, Type.SOA, 7L), from("203.0.113.9"), null).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(receiver.handle(notify(ZONE, Type.SOA, 7L), from("192.0.2.2"), null).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(triggered).isEmpty();
    TsigCheck.Verified signed = new TsigCheck.Verified(KEY, null);
    assertThat(receiver.handle(notify(ZONE, Type.SOA, 7L), from("192.0.2.2"), signed).getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(triggered).hasSize(1);
  }

  @Test
  void aZoneThatIsNotASecondaryHereIsNotauthAndANonSoaQtypeNotimp() {
    assertThat(receiver.handle(notify(Name.fromConstantString("other.test."), Type.SOA, 1L), from("192.0.2.1"), null).getRcode())
        .isEqualTo(Rcode.NOTAUTH);
    assertThat(receiver.handle(notify(ZONE, Type.A, 1L), from("192.0.2.1"), null).getRcode()).isEqualTo(Rcode.NOTIMP);
    assertThat(triggered).isEmpty();
  }

}
