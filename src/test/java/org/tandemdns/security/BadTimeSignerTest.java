package org.tandemdns.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandemdns.query.Responses;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

/** The BADTIME answer (RFC 8945 §5.2.3) carries a MAC over everything sent, Other Data included (§4.3.3). */
class BadTimeSignerTest {
  static final Instant CLIENT_TIME = Instant.parse("2026-11-21T11:00:00Z");
  static final Instant SERVER_TIME = Instant.parse("2026-11-21T12:00:00Z");

  @Test
  void theMacCoversTheRequestMacTheAnswerAndTheOtherData() throws Exception {
    TsigKey key = StreamSignerTest.KEY;
    Message query = Message.newQuery(Record.newRecord(Name.fromConstantString("z.test."), Type.SOA, DClass.IN));
    query.setTSIG(key.tsig(Clock.fixed(CLIENT_TIME, ZoneOffset.UTC)), Rcode.NOERROR, null);
    byte[] queryWire = query.toWire(65535);
    Clock server = Clock.fixed(SERVER_TIME, ZoneOffset.UTC);
    TsigCheck check = new TsigVerifier(new TsigKeyRing(List.of(key)), server).check(new Message(queryWire), queryWire);
    assertThat(check).isInstanceOf(TsigCheck.Failed.class);
    TsigCheck.Failed failed = (TsigCheck.Failed) check;
    assertThat(failed.error()).isEqualTo(Rcode.BADTIME);

    TsigResponses responses = new TsigResponses(server);
    Message response = Responses.replyTo(new Message(queryWire));
    responses.fail(response, failed);
    byte[] body = response.toWire(65535);
    byte[] signed = responses.finish(body, failed);

    TSIGRecord t = new Message(signed).getTSIG();
    assertThat(t.getError()).isEqualTo(Rcode.BADTIME);
    assertThat(t.getTimeSigned()).isEqualTo(CLIENT_TIME);
    long now = SERVER_TIME.getEpochSecond();
    byte[] other = StreamSignerTest.u48(now);
    assertThat(t.getOther()).isEqualTo(other);
    byte[] expected = StreamSignerTest.hmac(StreamSignerTest.concat(
        StreamSignerTest.macWithLength(failed.request().getSignature()), body,
        Name.fromConstantString("xfr-key.").toWireCanonical(), StreamSignerTest.u16(DClass.ANY), StreamSignerTest.u32(0),
        TSIG.HMAC_SHA256.toWireCanonical(), StreamSignerTest.u48(CLIENT_TIME.getEpochSecond()), StreamSignerTest.u16(300),
        StreamSignerTest.u16(Rcode.BADTIME), StreamSignerTest.u16(6), other));
    assertThat(t.getSignature()).isEqualTo(expected);
    assertThat(new Message(signed).getHeader().getRcode()).isEqualTo(Rcode.NOTAUTH);
  }
}
