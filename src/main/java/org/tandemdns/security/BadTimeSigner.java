package org.tandemdns.security;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * Signs a BADTIME answer (RFC 8945 §5.2.3): Time Signed is the request's, Other Data is the
 * server's current time (48 bits), and the MAC covers the request's MAC, the response and all TSIG
 * variables with that Other Data (§4.3.3). dnsjava 3.6 leaves Other Data out of the MAC, which no
 * client can verify, so this computes it here.
 */
final class BadTimeSigner {
  private static final Duration FUDGE = Duration.ofSeconds(300);

  private BadTimeSigner() {}

  /** {@code rendered} (no TSIG yet) with the BADTIME TSIG appended and ARCOUNT raised. */
  static byte[] sign(byte[] rendered, TsigKey key, TSIGRecord request, Clock clock) {
    long now = clock.instant().getEpochSecond();
    byte[] other = {(byte) (now >>> 40), (byte) (now >>> 32), (byte) (now >>> 24), (byte) (now >>> 16), (byte) (now >>> 8), (byte) now};
    long signed = request.getTimeSigned().getEpochSecond();
    DNSOutput vars = new DNSOutput();
    key.name().toWireCanonical(vars);
    vars.writeU16(DClass.ANY);
    vars.writeU32(0);
    key.algorithm().toWireCanonical(vars);
    vars.writeU16((int) (signed >>> 32));
    vars.writeU32(signed & 0xffffffffL);
    vars.writeU16((int) FUDGE.getSeconds());
    vars.writeU16(Rcode.BADTIME);
    vars.writeU16(other.length);
    vars.writeByteArray(other);
    byte[] mac;
    try {
      String alg = TSIG.nameToAlgorithm(key.algorithm());
      Mac hmac = Mac.getInstance(alg);
      hmac.init(new SecretKeySpec(java.util.Base64.getDecoder().decode(key.secretBase64()), alg));
      byte[] requestMac = request.getSignature();
      hmac.update(new byte[] {(byte) (requestMac.length >>> 8), (byte) requestMac.length});
      hmac.update(requestMac);
      hmac.update(rendered);
      mac = hmac.doFinal(vars.toByteArray());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("cannot compute " + key.algorithmName(), e);
    }
    TSIGRecord tsig = new TSIGRecord(key.name(), DClass.ANY, 0, key.algorithm(), request.getTimeSigned(), FUDGE, mac,
        ((rendered[0] & 0xff) << 8) | (rendered[1] & 0xff), Rcode.BADTIME, other);
    return appendLast(rendered, tsig);
  }

  /** {@code rendered} with {@code tsig} appended as its last record (RFC 8945 §5.1) and ARCOUNT raised. */
  static byte[] appendLast(byte[] rendered, TSIGRecord tsig) {
    byte[] rr = tsig.toWire(Section.ADDITIONAL);
    byte[] out = java.util.Arrays.copyOf(rendered, rendered.length + rr.length);
    System.arraycopy(rr, 0, out, rendered.length, rr.length);
    int arcount = ((out[10] & 0xff) << 8 | (out[11] & 0xff)) + 1;
    out[10] = (byte) (arcount >> 8);
    out[11] = (byte) arcount;
    return out;
  }
}
