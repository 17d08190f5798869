package org.tandemdns.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

/** Request verification (RFC 8945 §5.2), with a controlled clock. */
class TsigVerifierTest {
  static final Instant SIGNED_AT = Instant.parse("2026-11-21T12:00:00Z");
  static final TsigKey KEY = TsigKey.of("xfr-key", "hmac-sha256", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=");
  static final TsigKeyRing RING = new TsigKeyRing(List.of(KEY));

  static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  static byte[] signedQuery(TsigKey key, Instant when) {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString("z.test."), Type.AXFR, DClass.IN));
    q.setTSIG(key.tsig(at(when)), Rcode.NOERROR, null);
    return q.toWire(65535);
  }

  static TsigCheck check(byte[] wire, Instant now) throws Exception {
    return new TsigVerifier(RING, at(now)).check(new Message(wire), wire);
  }

  @Test
  void aCorrectSignatureWithinTheFudgeVerifies() throws Exception {
    assertThat(check(signedQuery(KEY, SIGNED_AT), SIGNED_AT.plusSeconds(299))).isInstanceOf(TsigCheck.Verified.class);
  }

  @Test
  void anUnsignedRequestIsUnsigned() throws Exception {
    byte[] wire = Message.newQuery(Record.newRecord(Name.fromConstantString("z.test."), Type.SOA, DClass.IN)).toWire();
    assertThat(check(wire, SIGNED_AT)).isInstanceOf(TsigCheck.Unsigned.class);
  }

  @Test
  void aTimeOutsideTheFudgeIsBadtimeAndNamesTheTimes() throws Exception {
    TsigCheck c = check(signedQuery(KEY, SIGNED_AT), SIGNED_AT.plusSeconds(301));
    assertThat(c).isInstanceOfSatisfying(TsigCheck.Failed.class, f -> {
      assertThat(f.error()).isEqualTo(Rcode.BADTIME);
      assertThat(f.key()).isSameAs(KEY);
      assertThat(f.reason()).contains("2026-11-21T12:00:00Z");
    });
  }

  @Test
  void aWrongSecretIsBadsig() throws Exception {
    TsigKey impostor = TsigKey.of("xfr-key", "hmac-sha256", "b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldC1vdGhlcg==");
    assertThat(check(signedQuery(impostor, SIGNED_AT), SIGNED_AT))
        .isInstanceOfSatisfying(TsigCheck.Failed.class, f -> assertThat(f.error()).isEqualTo(Rcode.BADSIG));
  }

  @Test
  void anUnknownKeyOrAlgorithmIsBadkey() throws Exception {
    TsigKey other = TsigKey.of("other-key", "hmac-sha256", KEY.secretBase64());
    TsigKey otherAlg = TsigKey.of("xfr-key", "hmac-sha512", KEY.secretBase64());
    assertThat(check(signedQuery(other, SIGNED_AT), SIGNED_AT))
        .isInstanceOfSatisfying(TsigCheck.Failed.class, f -> assertThat(f.error()).isEqualTo(Rcode.BADKEY));
    assertThat(check(signedQuery(otherAlg, SIGNED_AT), SIGNED_AT))
        .isInstanceOfSatisfying(TsigCheck.Failed.class, f -> assertThat(f.error()).isEqualTo(Rcode.BADKEY));
  }

  @Test
  void aMacBelowTheRfcMinimumIsFormerrAndATruncatedOneBadtrunc() throws Exception {
    assertThat(check(withMacLength(signedQuery(KEY, SIGNED_AT), 8), SIGNED_AT))
        .isInstanceOfSatisfying(TsigCheck.Failed.class, f -> assertThat(f.error()).isEqualTo(Rcode.FORMERR));
    assertThat(check(withMacLength(signedQuery(KEY, SIGNED_AT), 16), SIGNED_AT))
        .isInstanceOfSatisfying(TsigCheck.Failed.class, f -> assertThat(f.error()).isEqualTo(Rcode.BADTRUNC));
  }

  @Test
  void aForgedTruncatedMacIsBadsigNotBadtrunc() throws Exception {
    byte[] wire = withMacLength(signedQuery(KEY, SIGNED_AT), 16);
    Message m = new Message(wire);
    byte[] mac = m.getTSIG().getSignature();
    int at = indexOf(wire, mac);
    for (int i = 0; i < mac.length; i++) {
      wire[at + i] = (byte) ~wire[at + i];
    }
    assertThat(check(wire, SIGNED_AT))
        .isInstanceOfSatisfying(TsigCheck.Failed.class, f -> assertThat(f.error()).isEqualTo(Rcode.BADSIG));
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = hay.length - needle.length; i >= 0; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("MAC not found");
  }

  /** Re-encodes a signed query with its MAC cut to {@code length} octets. */
  static byte[] withMacLength(byte[] wire, int length) throws Exception {
    Message m = new Message(wire);
    TSIGRecord t = m.getTSIG();
    Message copy = new Message(wire);
    copy.removeRecord(t, org.xbill.DNS.Section.ADDITIONAL);
    byte[] mac = java.util.Arrays.copyOf(t.getSignature(), length);
    TSIGRecord cut = new TSIGRecord(t.getName(), DClass.ANY, 0, t.getAlgorithm(), t.getTimeSigned(), t.getFudge(), mac,
        t.getOriginalID(), t.getError(), t.getOther());
    byte[] body = copy.toWire();
    byte[] rr = cut.toWire(org.xbill.DNS.Section.ADDITIONAL);
    byte[] out = java.util.Arrays.copyOf(body, body.length + rr.length);
    System.arraycopy(rr, 0, out, body.length, rr.length);
    out[11] = (byte) (out[11] + 1);
    return out;
  }

  @Test
  void theKeyNameIsTheTsigOwner() {
    assertThat(KEY.name()).isEqualTo(Name.fromConstantString("xfr-key."));
    assertThat(KEY.algorithm()).isEqualTo(TSIG.HMAC_SHA256);
    assertThat(KEY.toString()).doesNotContain(KEY.secretBase64());
  }
}
