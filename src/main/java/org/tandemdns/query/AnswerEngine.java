package org.tandemdns.query;

import org.tandemdns.zone.ServedZone;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Answers a standard QUERY from the zones served: picks the zone by longest match (RFC 1034
 * §4.3.2 step 2), refuses names in no zone, and hands the rest to {@link ZoneAnswer}. Pure: no I/O,
 * no locks, no state between calls; safe on any thread.
 */
public final class AnswerEngine {
  private final ZoneTable zones;
  private final java.time.Clock clock;

  public AnswerEngine(ZoneTable zones) {
    this(zones, java.time.Clock.systemUTC());
  }

  /** @param clock read only to answer EDNS EXPIRE (RFC 7314) */
  public AnswerEngine(ZoneTable zones, java.time.Clock clock) {
    this.zones = zones;
    this.clock = clock;
  }

  /** Answers {@code query}, which must be a QUERY with exactly one question. */
  public Message answer(Message query) {
    Message response = Responses.replyTo(query);
    OPTRecord opt = query.getOPT();
    if (opt != null && opt.getVersion() > 0) {
      Responses.setRcode(response, Rcode.BADVERS); // RFC 6891 §6.1.3
      return response;
    }
    Record question = query.getQuestion();
    int qtype = question.getType();
    if (qtype == Type.OPT || qtype == Type.TSIG || qtype == Type.TKEY) {
      Responses.setRcode(response, Rcode.FORMERR); // meta-types only appear in additional (RFC 6891 §6.1.1)
      return response;
    }
    if (qtype == Type.MAILA || qtype == Type.MAILB) {
      Responses.setRcode(response, Rcode.NOTIMP);
      return response;
    }
    if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
      Responses.setRcode(response, Rcode.REFUSED);
      return response;
    }
    ServedZone zone = zoneFor(question.getName(), qtype);
    if (zone == null) {
      Responses.setRcode(response, Rcode.REFUSED);
      return response;
    }
    ZoneSnapshot snapshot = zone.snapshot();
    if (snapshot == null || zone.expired()) {
      Responses.setRcode(response, Rcode.SERVFAIL); // not loaded, or expired (RFC 1034 §4.3.5)
      return response;
    }
    response.getHeader().setFlag(Flags.AA);
    boolean dnssecOk = opt != null && (opt.getFlags() & Responses.FLAG_DO) != 0;
    new ZoneAnswer(snapshot, response, qtype, dnssecOk).resolve(question.getName());
    if (qtype == Type.SOA && question.getName().equals(zone.origin()) && EdnsExpire.requested(query)) {
      EdnsExpire.answer(response, EdnsExpire.remainingSeconds(zone, snapshot, clock));
    }
    return response;
  }

  /**
   * The zone to answer from: the longest match, except that a DS query for a zone's own apex belongs
   * to the parent side of the cut when the parent zone is served here too (RFC 4035 §3.1.4.1).
   */
  private ServedZone zoneFor(Name qname, int qtype) {
    ServedZone zone = zones.find(qname);
    if (zone != null && qtype == Type.DS && zone.origin().equals(qname) && qname.labels() > 1) {
      ServedZone parent = zones.find(new Name(qname, 1));
      if (parent != null) {
        return parent;
      }
    }
    return zone;
  }
}
