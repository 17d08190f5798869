package org.tandemdns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.time.Clock;
import org.tandemdns.notify.NotifyReceiver;
import org.tandemdns.query.AnswerEngine;
import org.tandemdns.security.Acl;
import org.tandemdns.security.TsigKeyRing;
import org.tandemdns.security.TsigResponses;
import org.tandemdns.security.TsigVerifier;
import org.tandemdns.update.UpdateProcessor;
import org.tandemdns.xfr.TransferResponder;
import org.tandemdns.zone.ZoneTable;
import org.tandemdns.zone.TestZones;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Malformed and unusual requests (RFC 1035 §4.1.1): FORMERR or silence, never an exception. */
class RequestDispatcherTest {
  static final ZoneTable ZONES = TestZones.table(TestZones.parse("z.test.", "$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n"));
  static final RequestDispatcher DISPATCHER = new RequestDispatcher(new AnswerEngine(ZONES),
      new TransferResponder(ZONES, null, z -> Acl.DENY_ALL, 4, Clock.systemUTC()), new NotifyReceiver(z -> null),
      new UpdateProcessor(ZONES, null, z -> null, Runnable::run),
      new TsigVerifier(TsigKeyRing.empty(), Clock.systemUTC()), new TsigResponses(Clock.systemUTC()));
  static final RequestContext UDP = new RequestContext(Transport.UDP, new InetSocketAddress("127.0.0.1", 5353), new InetSocketAddress("127.0.0.1", 53));

  static byte[] handle(byte[] wire) {
    return bytes(DISPATCHER.handle(wire, wire.length, UDP));
  }

  static byte[] bytes(Reply reply) {
    assertThat(reply).isNotInstanceOf(Reply.Stream.class);
    return reply instanceof Reply.Single s ? s.wire() : null;
  }

  static byte[] hex(String h) {
    return HexFormat.of().parseHex(h.replace(" ", ""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // header only, claiming one question
      "missing question,        1234 0000 0001 0000 0000 0000",
      // the qname points at itself
      "compression loop,        1234 0000 0001 0000 0000 0000 c00c 0001 0001",
      // label type 01 (0x40) is reserved
      "reserved label type,     1234 0000 0001 0000 0000 0000 4141 0001 0001",
      // a label running past the end
      "label past the end,      1234 0000 0001 0000 0000 0000 3f41 41",
      // two questions
      "two questions,           1234 0000 0002 0000 0000 0000 0000 0100 0100 0001 0001",
      // counts promise answers that are not there
      "wrong counts,            1234 0000 0001 0005 0000 0000 0000 0100 01",
      // no questions at all
      "no question,             1234 0000 0000 0000 0000 0000",
      // TC set (dnsjava then parses as far as the message goes) and a question cut short: was SERVFAIL and a stack trace
      "TC set and a short body, 1234 0200 0001 0000 0000 0000 0765 7861 6d",
      // TC set, the question whole, a promised additional record missing
      "TC set and a missing additional record, 1234 0200 0001 0000 0000 0001 0000 0600 01",
  })
  void malformedQueriesGetFormerrWithTheirId(String what, String hexWire) throws Exception {
    byte[] response = handle(hex(hexWire));
    assertThat(response).as(what).isNotNull();
    Message m = new Message(response);
    assertThat(m.getHeader().getID()).isEqualTo(0x1234);
    assertThat(m.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(m.getHeader().getFlag(org.xbill.DNS.Flags.QR)).isTrue();
  }

  /** RFC 8945 §5.1: a TSIG anywhere but last in the additional section is FORMERR (it was ignored in authority). */
  @Test
  void tsigOutsideTheAdditionalSectionIsFormerr() throws Exception {
    Message query = Message.newQuery(Record.newRecord(Name.fromConstantString("z.test."), Type.SOA, DClass.IN));
    query.getHeader().setID(0x1234);
    query.addRecord(new org.xbill.DNS.TSIGRecord(Name.fromConstantString("key."), DClass.ANY, 0,
        Name.fromConstantString("hmac-sha256."), java.time.Instant.now(), java.time.Duration.ofSeconds(300),
        new byte[32], 0x1234, Rcode.NOERROR, null), Section.AUTHORITY);
    Message m = new Message(handle(query.toWire()));
    assertThat(m.getHeader().getID()).isEqualTo(0x1234);
    assertThat(m.getRcode()).isEqualTo(Rcode.FORMERR);
  }

  /**
   * RFC 8945 §5.2.1: a TSIG whose algorithm this server does not know is answered NOTAUTH with TSIG
   * error BADKEY, the request's names echoed and no MAC (was SERVFAIL and a stack trace per packet).
   */
  @Test
  void tsigWithAnUnknownAlgorithmGetsBadkey() throws Exception {
    Message query = Message.newQuery(Record.newRecord(Name.fromConstantString("z.test."), Type.SOA, DClass.IN));
    query.getHeader().setID(0x2222);
    query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    query.addRecord(new org.xbill.DNS.TSIGRecord(Name.fromConstantString("key."), DClass.ANY, 0,
        Name.fromConstantString("unknown.alg."), java.time.Instant.now(), java.time.Duration.ofSeconds(300),
        new byte[] {1, 2, 3, 4}, 0x2222, Rcode.NOERROR, null), Section.ADDITIONAL);
    Message m = new Message(handle(query.toWire()));
    assertThat(m.getRcode()).isEqualTo(Rcode.NOTAUTH);
    org.xbill.DNS.TSIGRecord tsig = m.getTSIG();
    assertThat(tsig).isNotNull();
    assertThat(tsig.getError()).isEqualTo(Rcode.BADKEY);
    assertThat(tsig.getAlgorithm()).isEqualTo(Name.fromConstantString("unknown.alg."));
    assertThat(tsig.getSignature()).isEmpty();
  }

  /**
   * RFC 8945 §5.3.2: a request signed with a known key but a wrong secret gets NOTAUTH, TSIG error
   * BADSIG, no MAC; with EDNS the TSIG still comes last, after the OPT (it came first, and dnsjava and
   * dig rejected the answer as malformed).
   */
  @Test
  void aWrongSecretGetsBadsig() throws Exception {
    org.tandemdns.security.TsigKey right = org.tandemdns.security.TsigKey.of("k1", "hmac-sha256",
        "cmlnaHQtc2VjcmV0LXJpZ2h0LXNlY3JldC1yaWdodA==");
    org.tandemdns.security.TsigKey wrong = org.tandemdns.security.TsigKey.of("k1", "hmac-sha256",
        "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZw==");
    RequestDispatcher dispatcher = new RequestDispatcher(new AnswerEngine(ZONES),
        new TransferResponder(ZONES, null, z -> Acl.DENY_ALL, 4, Clock.systemUTC()), new NotifyReceiver(z -> null),
        new UpdateProcessor(ZONES, null, z -> null, Runnable::run),
        new TsigVerifier(new TsigKeyRing(java.util.List.of(right)), Clock.systemUTC()), new TsigResponses(Clock.systemUTC()));
    Message query = Message.newQuery(Record.newRecord(Name.fromConstantString("z.test."), Type.SOA, DClass.IN));
    query.getHeader().setID(0x3333);
    query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    query.setTSIG(wrong.tsig(Clock.systemUTC()));
    byte[] wire = query.toWire(Message.MAXLENGTH);
    byte[] response = bytes(dispatcher.handle(wire, wire.length, UDP));
    assertThat(response).isNotNull();
    Message m = new Message(response);
    assertThat(m.getHeader().getID()).isEqualTo(0x3333);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOTAUTH);
    assertThat(m.getTSIG().getError()).isEqualTo(Rcode.BADSIG);
    assertThat(m.getTSIG().getSignature()).isEmpty();
  }

  @Test
  void aNameLongerThan255OctetsIsFormerr() throws Exception {
    StringBuilder h = new StringBuilder("1234 0000 0001 0000 0000 0000");
    for (int i = 0; i < 5; i++) {
      h.append(" 3f").append("61".repeat(63));
    }
    h.append(" 00 0001 0001");
    assertThat(new Message(handle(hex(h.toString()))).getRcode()).isEqualTo(Rcode.FORMERR);
  }

  @Test
  void tooShortForAHeaderIsDropped() {
    assertThat(handle(hex("1234 0000 00"))).isNull();
  }

  @Test
  void aStartingServerDropsRequestsUntilReady() {
    RequestDispatcher starting = new RequestDispatcher(new AnswerEngine(ZONES),
        new TransferResponder(ZONES, null, z -> Acl.DENY_ALL, 4, Clock.systemUTC()), new NotifyReceiver(z -> null),
        new UpdateProcessor(ZONES, null, z -> null, Runnable::run),
        new TsigVerifier(TsigKeyRing.empty(), Clock.systemUTC()), new TsigResponses(Clock.systemUTC())).silentUntilReady();
    byte[] soa = Message.newQuery(Record.newRecord(Name.fromConstantString("z.test."), Type.SOA, DClass.IN)).toWire();
    byte[] other = Message.newQuery(Record.newRecord(Name.fromConstantString("elsewhere.test."), Type.SOA, DClass.IN)).toWire();

    assertThat(bytes(starting.handle(soa, soa.length, UDP))).isNull();
    assertThat(bytes(starting.handle(other, other.length, UDP))).as("not REFUSED while the zones are registered").isNull();
    starting.ready();
    assertThat(bytes(starting.handle(soa, soa.length, UDP))).isNotNull();
    assertThat(bytes(starting.handle(other, other.length, UDP))[3] & 0x0F).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void responsesAreNeverAnswered() {
    assertThat(handle(hex("1234 8000 0001 0000 0000 0000 0000 0100 01"))).isNull();
  }

  @Test
  void twoOptRecordsAreFormerr() throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString("z.test."), Type.SOA, DClass.IN));
    q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    q.addRecord(new OPTRecord(512, 0, 0), Section.ADDITIONAL);
    assertThat(new Message(handle(q.toWire())).getRcode()).isEqualTo(Rcode.FORMERR);
  }

  @Test
  void anUpdateForAZoneWithoutUpdatePolicyIsNotauth() throws Exception {
    Message u = new Message();
    u.getHeader().setOpcode(Opcode.UPDATE);
    u.addRecord(Record.newRecord(Name.fromConstantString("z.test."), Type.SOA, DClass.IN), Section.ZONE);
    Reply reply = DISPATCHER.handle(u.toWire(), u.toWire().length, UDP);
    assertThat(reply).isInstanceOf(Reply.Deferred.class);
    Reply done = ((Reply.Deferred) reply).reply().get();
    assertThat(new Message(bytes(done)).getRcode()).isEqualTo(Rcode.NOTAUTH);
  }

  @ParameterizedTest
  @CsvSource({"2", "3", "15"})
  void opcodesOtherThanQueryAreNotImplemented(int opcode) throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString("z.test."), Type.SOA, DClass.IN));
    q.getHeader().setOpcode(opcode);
    Message r = new Message(handle(q.toWire()));
    assertThat(r.getRcode()).as(Opcode.string(opcode)).isEqualTo(Rcode.NOTIMP);
  }

  @Test
  void transfersAreRefusedUnlessAllowed() throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString("z.test."), Type.AXFR, DClass.IN));
    RequestContext tcp = new RequestContext(Transport.TCP, UDP.remote(), UDP.local());
    Message r = new Message(bytes(DISPATCHER.handle(q.toWire(), q.toWire().length, tcp)));
    assertThat(r.getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void aSignatureWithAnUnknownKeyIsAnsweredNotauthBadkey() throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString("ns1.z.test."), Type.A, DClass.IN));
    q.setTSIG(org.tandemdns.security.TsigKey.of("stranger", "hmac-sha256", "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0").tsig(Clock.systemUTC()),
        Rcode.NOERROR, null);
    Message r = new Message(handle(q.toWire(65535)));
    assertThat(r.getHeader().getRcode()).isEqualTo(Rcode.NOTAUTH);
    assertThat(r.getTSIG().getError()).isEqualTo(Rcode.BADKEY);
    assertThat(r.getTSIG().getSignature()).isEmpty();
    assertThat(r.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void aWellFormedQueryIsAnswered() throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString("ns1.z.test."), Type.A, DClass.IN));
    Message r = new Message(handle(q.toWire()));
    assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void randomBytesNeverEscapeAsExceptionsAndAnyAnswerEchoesTheId() throws Exception {
    Random random = new Random(20261121);
    int answered = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] wire = new byte[random.nextInt(80)];
      random.nextBytes(wire);
      if (wire.length > 2 && random.nextBoolean()) {
        wire[2] &= 0x7f; // half of them look like queries, so they get past the QR check
      }
      byte[] response = handle(wire);
      if (response != null) {
        answered++;
        Message m = new Message(response);
        assertThat(m.getHeader().getID()).isEqualTo(((wire[0] & 0xff) << 8) | (wire[1] & 0xff));
      }
    }
    assertThat(answered).isGreaterThan(1000);
  }

  @Test
  void truncatingAGoodQueryAnywhereNeverThrows() throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString("ns1.z.test."), Type.A, DClass.IN));
    q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    byte[] full = q.toWire();
    for (int len = 0; len < full.length; len++) {
      byte[] r = bytes(DISPATCHER.handle(full, len, UDP));
      if (len >= 12) {
        assertThat(new Message(r).getRcode()).as("length " + len).isEqualTo(Rcode.FORMERR);
      } else {
        assertThat(r).isNull();
      }
    }
  }
}
