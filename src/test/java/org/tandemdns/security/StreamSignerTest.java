package org.tandemdns.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Multi-message signing (RFC 8945 §5.3.1) checked two ways: against an HMAC computed here from the
 * RFC's digest layout (a fixed vector independent of dnsjava), and by dnsjava's stream verifier.
 */
class StreamSignerTest {
  static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=";
  static final TsigKey KEY = TsigKey.of("xfr-key", "hmac-sha256", SECRET);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void everyMessageCarriesAMacChainedToThePreviousOne() throws Exception {
    Message query = Message.newQuery(Record.newRecord(Name.fromConstantString("z.test."), Type.AXFR, DClass.IN));
    query.setTSIG(KEY.tsig(CLOCK), Rcode.NOERROR, null);
    byte[] queryWire = query.toWire(65535);
    Message parsedQuery = new Message(queryWire);
    TsigCheck.Verified verified = (TsigCheck.Verified) new TsigVerifier(new TsigKeyRing(List.of(KEY)), CLOCK).check(parsedQuery, queryWire);

    StreamSigner signer = new StreamSigner(verified, parsedQuery.getHeader().getID(), CLOCK);
    byte[] m1 = message(parsedQuery.getHeader().getID(), 1);
    byte[] m2 = message(parsedQuery.getHeader().getID(), 2);
    byte[] signed1 = signer.sign(m1);
    byte[] signed2 = signer.sign(m2);

    byte[] mac1 = new Message(signed1).getTSIG().getSignature();
    byte[] mac2 = new Message(signed2).getTSIG().getSignature();
    long time = CLOCK.instant().getEpochSecond();
    // §5.3: request MAC, message, all variables (name, class ANY, TTL 0, algorithm, time, fudge, error, other)
    byte[] expected1 = hmac(concat(macWithLength(verified.request().getSignature()), m1,
        Name.fromConstantString("xfr-key.").toWireCanonical(), u16(DClass.ANY), u32(0),
        TSIG.HMAC_SHA256.toWireCanonical(), u48(time), u16(300), u16(0), u16(0)));
    // §5.3.1: prior MAC, message, timers only
    byte[] expected2 = hmac(concat(macWithLength(mac1), m2, u48(time), u16(300)));
    assertThat(mac1).isEqualTo(expected1);
    assertThat(mac2).isEqualTo(expected2);

    TSIG.StreamVerifier verifier = new TSIG.StreamVerifier(KEY.tsig(CLOCK), parsedQuery.getTSIG());
    assertThat(verifier.verify(new Message(signed1), signed1)).isEqualTo(Rcode.NOERROR);
    assertThat(verifier.verify(new Message(signed2), signed2)).isEqualTo(Rcode.NOERROR);
  }

  static byte[] message(int id, int n) {
    Message m = new Message(id);
    m.getHeader().setFlag(org.xbill.DNS.Flags.QR);
    m.addRecord(Record.newRecord(Name.fromConstantString("n" + n + ".z.test."), Type.TXT, DClass.IN, 60,
        new byte[] {3, 'a', 'b', 'c'}), org.xbill.DNS.Section.ANSWER);
    return m.toWire();
  }

  static byte[] hmac(byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET), "HmacSHA256"));
    return mac.doFinal(data);
  }

  static byte[] macWithLength(byte[] mac) {
    return concat(u16(mac.length), mac);
  }

  static byte[] u16(int v) {
    return new byte[] {(byte) (v >> 8), (byte) v};
  }

  static byte[] u32(long v) {
    return ByteBuffer.allocate(4).putInt((int) v).array();
  }

  static byte[] u48(long v) {
    return concat(u16((int) (v >> 32)), u32(v & 0xffffffffL));
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }

}
