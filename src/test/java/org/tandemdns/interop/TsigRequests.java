package org.tandemdns.interop;

import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.TsigKey;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

/**
 * TSIG-signed requests that are wrong on purpose (RFC 8945): signed at another time, with a MAC cut
 * short, or with a MAC cut short and altered. Built with dnsjava, sent as raw bytes.
 */
final class TsigRequests {

  private TsigRequests() {}

  /** {@code key} for dnsjava, with the clock that stamps (or checks) Time Signed. */
  static TSIG withClock(TsigKey key, Clock clock) {
    return new TSIG(TSIG.algorithmToName(key.algorithm()), Name.fromConstantString(key.name() + "."),
        new SecretKeySpec(Base64.getDecoder().decode(key.secret()), "HmacSHA256"), clock);
  }

  /** A SOA query for {@code zone} whose correct MAC is cut to its first {@code octets}; inverted when {@code corrupt}. */
  static Message truncatedMac(String zone, TsigKey key, int octets, boolean corrupt) {
    Message query = DnsQuery.question(zone, Type.SOA);
    TSIGRecord full = key.toDnsjava().generate(query, query.toWire(), Rcode.NOERROR, null);
    byte[] mac = Arrays.copyOf(full.getSignature(), octets);
    for (int i = 0; corrupt && i < mac.length; i++) {
      mac[i] = (byte) ~mac[i];
    }
    TSIGRecord cut = new TSIGRecord(full.getName(), DClass.ANY, 0, full.getAlgorithm(), full.getTimeSigned(),
        full.getFudge(), mac, query.getHeader().getID(), Rcode.NOERROR, null);
    query.addRecord(cut, Section.ADDITIONAL);
    return query;
  }

  /** The 48-bit time in a BADTIME answer's Other Data (RFC 8945 §4.3.3), in seconds since the epoch. */
  static long otherDataTime(TSIGRecord tsig) {
    byte[] o = tsig.getOther();
    long t = 0;
    for (byte b : o) {
      t = (t << 8) | (b & 0xFF);
    }
    return t;
  }
}
