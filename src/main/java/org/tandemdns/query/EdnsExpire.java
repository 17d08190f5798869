package org.tandemdns.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.tandemdns.zone.ServedZone;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;

/**
 * The EDNS EXPIRE option (RFC 7314): when a query for a zone's SOA or a transfer asks for it, the
 * answer carries the seconds left before the zone expires — the SOA EXPIRE on a primary, the time
 * remaining on a secondary.
 */
public final class EdnsExpire {
  public static final int CODE = 9;

  private EdnsExpire() {}

  /** True when {@code query} carries an EXPIRE option. */
  public static boolean requested(Message query) {
    OPTRecord opt = query.getOPT();
    return opt != null && !opt.getOptions(CODE).isEmpty();
  }

  /** Seconds left for {@code zone} now (RFC 7314 §3). */
  public static long remainingSeconds(ServedZone zone, ZoneSnapshot snapshot, Clock clock) {
    Instant at = zone.expiresAt();
    if (at == null) {
      return snapshot.soa().getExpire();
    }
    return Math.max(0, Duration.between(clock.instant(), at).getSeconds());
  }

  /** Adds the option to {@code response}'s OPT (which must be there: the query had one). */
  public static void answer(Message response, long seconds) {
    OPTRecord opt = response.getOPT();
    if (opt == null) {
      return;
    }
    byte[] value = {(byte) (seconds >>> 24), (byte) (seconds >>> 16), (byte) (seconds >>> 8), (byte) seconds};
    List<EDNSOption> options = List.of(new GenericEDNSOption(CODE, value));
    response.removeRecord(opt, Section.ADDITIONAL);
    response.addRecord(new OPTRecord(opt.getPayloadSize(), opt.getExtendedRcode(), opt.getVersion(), opt.getFlags(), options),
        Section.ADDITIONAL);
  }
}
