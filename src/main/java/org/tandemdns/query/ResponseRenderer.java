package org.tandemdns.query;

import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Renders a response to wire format within a size limit. Whole RRsets are dropped from the end and
 * TC set when the answer or authority does not fit (RFC 2181 §9); a referral whose in-domain glue
 * does not fit is truncated too (RFC 9471 §3).
 */
public final class ResponseRenderer {
  /** Size limit for TCP and every stream transport (RFC 1035 §4.2.2). */
  public static final int STREAM_LIMIT = 65535;
  private static final int CLASSIC_UDP_LIMIT = 512;

  private ResponseRenderer() {}

  /**
   * The largest UDP response {@code query} accepts: 512 without EDNS, else the client's payload
   * size (at least 512) capped by what this server advertises (RFC 6891 §6.2.3-6.2.5).
   */
  public static int udpLimit(Message query) {
    OPTRecord opt = query.getOPT();
    if (opt == null) {
      return CLASSIC_UDP_LIMIT;
    }
    return Math.max(CLASSIC_UDP_LIMIT, Math.min(opt.getPayloadSize(), Responses.ADVERTISED_UDP_PAYLOAD));
  }

  public static byte[] render(Message response, int limit) {
    byte[] wire = response.toWire(limit);
    if ((wire[2] & 0x02) == 0 && missingInDomainGlue(response, wire)) {
      wire[2] |= 0x02;
    }
    return wire;
  }

  private static boolean missingInDomainGlue(Message response, byte[] wire) {
    if (response.getHeader().getFlag(Flags.AA) || !response.getSection(Section.ANSWER).isEmpty()) {
      return false;
    }
    List<Record> authority = response.getSection(Section.AUTHORITY);
    if (authority.isEmpty() || !(authority.get(0) instanceof NSRecord)) {
      return false;
    }
    Name cut = authority.get(0).getName();
    int required = 0;
    for (Record r : response.getSection(Section.ADDITIONAL)) {
      if ((r.getType() == Type.A || r.getType() == Type.AAAA) && r.getName().subdomain(cut)) {
        required++;
      }
    }
    int rendered = ((wire[10] & 0xFF) << 8) | (wire[11] & 0xFF);
    if (response.getOPT() != null) {
      rendered--;
    }
    return rendered < required;
  }
}
