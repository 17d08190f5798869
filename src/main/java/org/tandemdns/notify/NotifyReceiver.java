package org.tandemdns.notify;

import java.net.InetSocketAddress;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.config.HostPort;
import org.tandemdns.query.Responses;
import org.tandemdns.security.Acl;
import org.tandemdns.security.TsigCheck;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * NOTIFY in (RFC 1996 §3.7, §4.7): accepted only for a secondary zone and only from senders its
 * allow-notify list admits (address, and TSIG key where required); answered at once with AA set;
 * the refresh it triggers is scheduled elsewhere, never run on the network thread. Unauthorized
 * NOTIFYs are REFUSED and logged.
 */
public final class NotifyReceiver {
  private static final Logger log = LoggerFactory.getLogger("notify");
  /** Refusals can be triggered by anyone (NOTIFY over UDP is spoofable): rate-limited. */
  private final org.tandemdns.security.RateLimitedLog refusals = new org.tandemdns.security.RateLimitedLog(log);

  /** How one secondary zone takes NOTIFY: who may send it, and what it triggers. */
  public record Access(Acl allowNotify, RefreshTrigger trigger) {}

  private final Function<Name, Access> secondaries;
  private io.micrometer.core.instrument.MeterRegistry metrics = new io.micrometer.core.instrument.composite.CompositeMeterRegistry();

  /** Counts NOTIFYs received ({@code tandem_notify_received{result}}) into {@code registry}. */
  public NotifyReceiver withMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    this.metrics = registry;
    return this;
  }

  private Message count(Message response) {
    metrics.counter("tandem_notify_received", "result", Rcode.string(response.getRcode())).increment();
    return response;
  }

  /** @param secondaries the NOTIFY access of a secondary zone, or null for any other name */
  public NotifyReceiver(Function<Name, Access> secondaries) {
    this.secondaries = secondaries;
  }

  public Message handle(Message query, InetSocketAddress remote, TsigCheck.Verified signed) {
    return count(decide(query, remote, signed));
  }

  private Message decide(Message query, InetSocketAddress remote, TsigCheck.Verified signed) {
    Record question = query.getQuestion();
    String from = new HostPort(remote.getAddress(), remote.getPort()).toString();
    String key = signed == null ? "-" : signed.key().name().toString();
    if (question.getType() != Type.SOA) {
      refusals.warn("notify in zone={} from={} key={} result=NOTIMP (qtype {}, not SOA)", question.getName(), from, key,
          Type.string(question.getType()));
      return Responses.error(query, Rcode.NOTIMP);
    }
    Access access = secondaries.apply(question.getName());
    if (access == null) {
      refusals.warn("notify in zone={} from={} key={} result=NOTAUTH (not a secondary zone here)", question.getName(), from, key);
      return Responses.error(query, Rcode.NOTAUTH);
    }
    if (!access.allowNotify().allows(remote.getAddress(), signed == null ? null : signed.key().name())) {
      refusals.warn("notify in zone={} from={} key={} result=REFUSED (not allowed by allow-notify)", question.getName(), from, key);
      return Responses.error(query, Rcode.REFUSED);
    }
    access.trigger().notified(serialOf(query, question.getName()), from + (signed == null ? "" : " key " + key));
    Message response = Responses.replyTo(query);
    response.getHeader().setFlag(Flags.AA);
    return response;
  }

  private static long serialOf(Message query, Name zone) {
    for (Record r : query.getSection(Section.ANSWER)) {
      if (r instanceof SOARecord soa && soa.getName().equals(zone)) {
        return soa.getSerial();
      }
    }
    return -1;
  }
}
