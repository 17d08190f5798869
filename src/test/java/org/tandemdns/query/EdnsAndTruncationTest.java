package org.tandemdns.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** EDNS0 (RFC 6891 §6.1.1, §6.1.3, §6.2.5), DO (RFC 3225 §3) and truncation (RFC 2181 §9, RFC 9471 §3). */
class EdnsAndTruncationTest {
  static final ZoneTable ZONES;

  static {
    StringBuilder zone = new StringBuilder("""
        $ORIGIN big.test.
        $TTL 60
        @ SOA ns1 hostmaster 1 7200 900 1209600 300
        @ NS ns1
        ns1 A 192.0.2.1
        small A 192.0.2.2
        """);
    for (int i = 0; i < 40; i++) {
      zone.append("txt TXT \"record number ").append(i).append(" with some padding to make it longer\"\n");
    }
    for (int i = 0; i < 30; i++) {
      zone.append("deleg NS ns").append(i).append(".deleg\n");
      zone.append("ns").append(i).append(".deleg AAAA 2001:db8::").append(i + 1).append('\n');
    }
    ZONES = TestZones.table(TestZones.parse("big.test.", zone.toString()));
  }

  static Message query(String name, int type, OPTRecord opt) {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
    if (opt != null) {
      q.addRecord(opt, Section.ADDITIONAL);
    }
    return q;
  }

  static Message answerOverUdp(Message query) throws Exception {
    Message response = new AnswerEngine(ZONES).answer(query);
    return new Message(ResponseRenderer.render(response, ResponseRenderer.udpLimit(query)));
  }

  @Test
  void optIsAnsweredWithOurPayloadSizeAndVersionZero() throws Exception {
    Message r = answerOverUdp(query("small.big.test.", Type.A, new OPTRecord(4096, 0, 0)));
    assertThat(r.getOPT()).isNotNull();
    assertThat(r.getOPT().getPayloadSize()).isEqualTo(1232);
    assertThat(r.getOPT().getVersion()).isZero();
    assertThat(r.getOPT().getFlags() & ExtendedFlags.DO).isZero();
  }

  @Test
  void noOptInQueryMeansNoOptInResponse() throws Exception {
    assertThat(answerOverUdp(query("small.big.test.", Type.A, null)).getOPT()).isNull();
  }

  @Test
  void theDoBitIsCopied() throws Exception {
    Message r = answerOverUdp(query("small.big.test.", Type.A, new OPTRecord(1232, 0, 0, ExtendedFlags.DO)));
    assertThat(r.getOPT().getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);
  }

  @Test
  void versionAboveZeroGetsBadversAndNoAnswer() throws Exception {
    Message r = answerOverUdp(query("small.big.test.", Type.A, new OPTRecord(1232, 0, 1)));
    assertThat(r.getRcode()).isEqualTo(Rcode.BADVERS);
    assertThat(r.getSection(Section.ANSWER)).isEmpty();
    assertThat(r.getOPT().getVersion()).isZero();
  }

  @Test
  void unknownOptionsAreIgnored() throws Exception {
    List<EDNSOption> options = List.of(new GenericEDNSOption(65001, new byte[] {1, 2, 3}));
    Message r = answerOverUdp(query("small.big.test.", Type.A, new OPTRecord(1232, 0, 0, 0, options)));
    assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.getSection(Section.ANSWER)).hasSize(1);
  }

  @Test
  void aLargeRRsetIsTruncatedWholeWithoutEdns() throws Exception {
    Message q = query("txt.big.test.", Type.TXT, null);
    byte[] wire = ResponseRenderer.render(new AnswerEngine(ZONES).answer(q), ResponseRenderer.udpLimit(q));
    Message r = new Message(wire);
    assertThat(wire.length).isLessThanOrEqualTo(512);
    assertThat(r.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(r.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void ednsRaisesTheLimitButNotAboveWhatWeAdvertise() throws Exception {
    Message q = query("txt.big.test.", Type.TXT, new OPTRecord(4096, 0, 0));
    byte[] wire = ResponseRenderer.render(new AnswerEngine(ZONES).answer(q), ResponseRenderer.udpLimit(q));
    assertThat(ResponseRenderer.udpLimit(q)).isEqualTo(1232);
    assertThat(wire.length).isLessThanOrEqualTo(1232);
    assertThat(new Message(wire).getHeader().getFlag(Flags.TC)).isTrue();
  }

  @Test
  void payloadSizesBelow512AreTreatedAs512() {
    assertThat(ResponseRenderer.udpLimit(query("x.big.test.", Type.A, new OPTRecord(100, 0, 0)))).isEqualTo(512);
  }

  @Test
  void overTcpTheWholeRRsetIsSent() throws Exception {
    Message q = query("txt.big.test.", Type.TXT, null);
    Message r = new Message(ResponseRenderer.render(new AnswerEngine(ZONES).answer(q), ResponseRenderer.STREAM_LIMIT));
    assertThat(r.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(r.getSection(Section.ANSWER)).hasSize(40);
  }

  @Test
  void aReferralWhoseInDomainGlueDoesNotFitIsTruncated() throws Exception {
    Message q = query("host.deleg.big.test.", Type.A, null);
    Message r = new Message(ResponseRenderer.render(new AnswerEngine(ZONES).answer(q), ResponseRenderer.udpLimit(q)));
    assertThat(r.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(r.getHeader().getFlag(Flags.TC)).isTrue();
  }

  @Test
  void missingOptionalAdditionalDataDoesNotTruncate() throws Exception {
    StringBuilder zone = new StringBuilder("$ORIGIN mx.test.\n$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n");
    for (int i = 0; i < 15; i++) {
      zone.append("@ MX 10 mail").append(i).append('\n').append("mail").append(i).append(" AAAA 2001:db8::").append(i + 1).append('\n');
    }
    ZoneTable zones = TestZones.table(TestZones.parse("mx.test.", zone.toString()));
    Message q = query("mx.test.", Type.MX, null);
    Message r = new Message(ResponseRenderer.render(new AnswerEngine(zones).answer(q), ResponseRenderer.udpLimit(q)));
    assertThat(r.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(r.getSection(Section.ANSWER)).hasSize(15);
    assertThat(r.getSection(Section.ADDITIONAL).size()).isBetween(1, 14);
  }
}
