package org.tandemdns.propagation;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tandemdns.change.ChangeListener;
import org.tandemdns.change.Committed;
import org.tandemdns.config.HostPort;
import org.tandemdns.zone.SerialNumber;
import org.xbill.DNS.Name;

/**
 * Tracks each zone's downstream secondaries and its recent changes (the last {@value #RECENT}),
 * answering "where is my change?". Observations by address alone (transfers) are attributed to the
 * NOTIFY target with that address when exactly one has it; when several share it (secondaries on
 * one host, different ports) the observation is not attributed at all, rather than counted as one
 * more secondary (their SOA answers, which carry the port, tell each one's serial). A secondary
 * first seen now is not said to have received the changes committed before: when it got them is
 * unknown. Thread-safe; calls never block.
 */
public final class PropagationTracker implements ChangeListener, DownstreamObserver {
  static final int RECENT = 20;

  private final Clock clock;
  private final Map<Name, ZoneState> zones = new ConcurrentHashMap<>();

  public PropagationTracker(Clock clock) {
    this.clock = clock;
  }

  private static final class ZoneState {
    long served = -1;
    final Deque<ZonePropagation.Change> changes = new ArrayDeque<>();
    final Map<String, ZonePropagation.Downstream> downstreams = new LinkedHashMap<>();
    /** When each downstream became known: a change committed before it cannot be said to have reached it "after" so long. */
    final Map<String, Instant> knownSince = new java.util.HashMap<>();
  }

  /** Marks an observation by address alone that fits several NOTIFY targets: attributed to none. */
  private static final String AMBIGUOUS = "";

  @Override
  public void committed(Committed change) {
    ZoneState z = zones.computeIfAbsent(change.zone(), n -> new ZoneState());
    synchronized (z) {
      z.served = change.serial();
      if (z.changes.stream().noneMatch(c -> c.serial() == change.serial())) {
        z.changes.addFirst(new ZonePropagation.Change(change.serial(), clock.instant(), new LinkedHashMap<>()));
        while (z.changes.size() > RECENT) {
          z.changes.removeLast();
        }
      }
    }
  }

  /** Makes a NOTIFY target known before anything is learnt about it. */
  public void expect(Name zone, InetSocketAddress target) {
    ZoneState z = zones.computeIfAbsent(zone, n -> new ZoneState());
    synchronized (z) {
      z.downstreams.putIfAbsent(key(target), new ZonePropagation.Downstream(key(target), -1, -1, null, null));
      z.knownSince.putIfAbsent(key(target), Instant.EPOCH); // configured: it was there for every change
    }
  }

  @Override
  public void ixfrRequested(Name zone, InetAddress from, long serial) {
    learn(zone, keyFor(zone, from), serial, "ixfr-request");
  }

  @Override
  public void transferred(Name zone, InetAddress to, long serial) {
    learn(zone, keyFor(zone, to), serial, "transfer");
  }

  @Override
  public void soaSeen(Name zone, InetSocketAddress target, long serial) {
    learn(zone, key(target), serial, "soa");
  }

  private void learn(Name zone, String downstream, long serial, String how) {
    if (downstream.equals(AMBIGUOUS)) {
      return;
    }
    ZoneState z = zones.computeIfAbsent(zone, n -> new ZoneState());
    Instant now = clock.instant();
    synchronized (z) {
      Instant since = z.knownSince.computeIfAbsent(downstream, d -> now);
      ZonePropagation.Downstream before = z.downstreams.get(downstream);
      if (before != null && before.serial() >= 0 && SerialNumber.isNewer(before.serial(), serial)) {
        return; // never move a downstream backwards on a stale observation
      }
      z.downstreams.put(downstream, new ZonePropagation.Downstream(downstream, serial, -1, now, how));
      for (ZonePropagation.Change c : z.changes) {
        if (!c.reachedMillis().containsKey(downstream) && !SerialNumber.isNewer(c.serial(), serial)
            && !c.committed().isBefore(since)) {
          c.reachedMillis().put(downstream, Math.max(0, Duration.between(c.committed(), now).toMillis()));
        }
      }
    }
  }

  /** Where {@code zone}'s changes are now. */
  public ZonePropagation status(Name zone) {
    ZoneState z = zones.get(zone);
    if (z == null) {
      return new ZonePropagation(-1, List.of(), List.of());
    }
    synchronized (z) {
      List<ZonePropagation.Downstream> ds = new ArrayList<>();
      for (ZonePropagation.Downstream d : z.downstreams.values()) {
        long lag = d.serial() < 0 || z.served < 0 ? -1 : SerialNumber.distance(d.serial(), z.served);
        ds.add(new ZonePropagation.Downstream(d.downstream(), d.serial(), lag, d.learned(), d.how()));
      }
      List<ZonePropagation.Change> cs = new ArrayList<>();
      for (ZonePropagation.Change c : z.changes) {
        cs.add(new ZonePropagation.Change(c.serial(), c.committed(), Map.copyOf(c.reachedMillis())));
      }
      return new ZonePropagation(z.served, ds, cs);
    }
  }

  /** The NOTIFY target with this address when there is exactly one, none ({@link #AMBIGUOUS}) when several, else the bare address. */
  private String keyFor(Name zone, InetAddress address) {
    ZoneState z = zones.get(zone);
    String bare = new HostPort(address, 0).toString();
    bare = bare.substring(0, bare.lastIndexOf(':'));
    if (z == null) {
      return bare;
    }
    synchronized (z) {
      String match = null;
      for (String k : z.downstreams.keySet()) {
        if (k.startsWith(bare + ":")) {
          if (match != null) {
            return AMBIGUOUS;
          }
          match = k;
        }
      }
      return match == null ? bare : match;
    }
  }

  private static String key(InetSocketAddress a) {
    return new HostPort(a.getAddress(), a.getPort()).toString();
  }
}
