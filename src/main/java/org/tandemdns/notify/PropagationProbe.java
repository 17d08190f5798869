package org.tandemdns.notify;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.tandemdns.dnsclient.DnsClient;
import org.tandemdns.dnsclient.DnsClientException;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.dnsclient.Response;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.dnsclient.Transport;
import org.tandemdns.propagation.DownstreamObserver;
import org.tandemdns.zone.SerialNumber;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * After a NOTIFY, asks the target for the zone's SOA until it serves the notified serial: at 20 ms,
 * then doubling to at most 5 s between tries, for at most a minute. Each answer goes to the
 * propagation tracker, so "how long did that secondary take" has an answer even for secondaries
 * that transfer from elsewhere.
 */
final class PropagationProbe {
  private static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(1), 1);
  private static final long FIRST_MS = 20;
  private static final long MAX_GAP_MS = 5_000;
  private static final long GIVE_UP_MS = 60_000;

  private final DnsClient client = new DnsClient();
  private final ScheduledExecutorService timer;
  private final Consumer<Runnable> worker;
  private final DownstreamObserver observer;

  PropagationProbe(ScheduledExecutorService timer, Consumer<Runnable> worker, DownstreamObserver observer) {
    this.timer = timer;
    this.worker = worker;
    this.observer = observer;
  }

  /** Starts probing {@code target} for {@code serial} of {@code zone}. */
  void start(Name zone, InetSocketAddress target, long serial) {
    schedule(zone, target, serial, FIRST_MS, 0);
  }

  private void schedule(Name zone, InetSocketAddress target, long serial, long delay, long elapsed) {
    if (elapsed + delay > GIVE_UP_MS) {
      return;
    }
    timer.schedule(() -> worker.accept(() -> probe(zone, target, serial, delay, elapsed + delay)), delay, TimeUnit.MILLISECONDS);
  }

  private void probe(Name zone, InetSocketAddress target, long serial, long delay, long elapsed) {
    long seen = soaSerial(zone, target);
    if (seen >= 0) {
      observer.soaSeen(zone, target, seen);
      if (!SerialNumber.isNewer(serial, seen)) {
        return;
      }
    }
    schedule(zone, target, serial, Math.min(MAX_GAP_MS, delay * 2), elapsed);
  }

  private long soaSerial(Name zone, InetSocketAddress target) {
    try {
      Message q = DnsClient.question(zone, Type.SOA, false);
      Response r = client.query(q, new ServerAddress(target.getAddress(), target.getPort()), Transport.UDP, LIMITS);
      for (Record rr : r.message().getSection(Section.ANSWER)) {
        if (rr instanceof SOARecord soa && soa.getName().equals(zone)) {
          return soa.getSerial();
        }
      }
    } catch (DnsClientException e) {
      // unreachable right now: the next try will tell
    }
    return -1;
  }
}
