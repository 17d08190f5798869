package org.tandemdns.dnssec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/**
 * Keeps the {@link SignedZoneReport} of the version each zone serves, and says when something is
 * wrong: one WARN line per new problem of a version (not repeated for every IXFR that keeps it),
 * and a WARN when the earliest signature expires within the horizon ({@code
 * server.dnssec-expiry-warning}, default 3 days): a pre-signed zone whose signatures are about to
 * lapse means its signer stopped re-signing, and the operator must hear it before resolvers do.
 *
 * <p>Each served version is inspected on the watch's own thread, off the change lock and the query
 * path; versions that arrive while one is inspected are coalesced, the newest one wins.
 */
public final class SignatureWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SignatureWatch.class);

  private final Clock clock;
  private final Duration horizon;
  private final ExecutorService worker;
  private final Map<Name, ZoneSnapshot> pending = new ConcurrentHashMap<>();
  /** Each zone's last report, with the version it was made of. */
  private final Map<Name, Inspected> inspected = new ConcurrentHashMap<>();

  private record Inspected(ZoneSnapshot snapshot, SignedZoneReport report) {}

  public SignatureWatch(Clock clock, Duration horizon) {
    this.clock = clock;
    this.horizon = horizon;
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "dnssec-watch");
      t.setDaemon(true);
      return t;
    });
  }

  /** {@code snapshot} is now what {@code zone} serves: inspect it soon. Never blocks. */
  public void served(Name zone, ZoneSnapshot snapshot) {
    if (pending.put(zone, snapshot) == null) {
      worker.execute(() -> {
        ZoneSnapshot latest = pending.remove(zone);
        if (latest != null) {
          inspectNow(zone, latest);
        }
      });
    }
  }

  /** Inspects {@code snapshot} on the calling thread and logs what changed; tests call it directly. */
  public SignedZoneReport inspectNow(Name zone, ZoneSnapshot snapshot) {
    SignedZoneReport report = SignedZoneInspector.inspect(snapshot, clock.instant());
    Inspected previous = inspected.put(zone, new Inspected(snapshot, report));
    SignedZoneReport before = previous == null ? null : previous.report();
    if (report.signed() && (before == null || !before.signed())) {
      log.info("zone {}: signed, serial {}: {}", zone, snapshot.serial(), summary(report));
    } else if (!report.signed() && before != null && before.signed()) {
      log.warn("zone {}: serial {} is not signed any more (no DNSKEY at the apex); a DS at the parent now breaks resolution",
          zone, snapshot.serial());
    }
    Set<String> known = before == null ? Set.of() : new HashSet<>(before.problems());
    for (String problem : report.problems()) {
      if (!known.contains(problem)) {
        log.warn("zone {}: DNSSEC problem in serial {}: {}; served as given", zone, snapshot.serial(), problem);
      }
    }
    warnIfExpiring(zone, report);
    return report;
  }

  /** Warns for every zone whose earliest signature expires within the horizon; call periodically. */
  public void checkExpiries() {
    inspected.forEach((zone, last) -> warnIfExpiring(zone, last.report()));
  }

  private void warnIfExpiring(Name zone, SignedZoneReport report) {
    Instant expiry = report.earliestExpiry();
    if (expiry == null) {
      return;
    }
    Duration left = Duration.between(clock.instant(), expiry);
    if (!left.isNegative() && left.compareTo(horizon) < 0) {
      log.warn("zone {}: the earliest RRSIG expires at {} (in {}h, {}), within dnssec-expiry-warning {}h: the signer"
          + " must re-sign and the new version reach this server before then, or validating resolvers fail",
          zone, expiry, left.toHours(), report.earliestExpiring(), horizon.toHours());
    }
  }

  /** The report of the version {@code zone} served when last inspected, or null before the first. */
  public SignedZoneReport report(Name zone) {
    Inspected last = inspected.get(zone);
    return last == null ? null : last.report();
  }

  /**
   * The report of {@code served}, the version {@code zone} serves now: the stored one once the watch
   * has inspected that version, else inspected here without logging (a status read right after a
   * change must not show the version before it, nor nothing).
   */
  public SignedZoneReport current(Name zone, ZoneSnapshot served) {
    Inspected last = inspected.get(zone);
    if (last != null && last.snapshot() == served) {
      return last.report();
    }
    return SignedZoneInspector.inspect(served, clock.instant());
  }

  /** Seconds until the earliest RRSIG of {@code zone} expires (negative once expired), or null. */
  public Long secondsToExpiry(Name zone) {
    SignedZoneReport r = report(zone);
    return r == null || r.earliestExpiry() == null ? null : Duration.between(clock.instant(), r.earliestExpiry()).getSeconds();
  }

  /** Forgets a zone that is no longer served. */
  public void forget(Name zone) {
    pending.remove(zone);
    inspected.remove(zone);
  }

  private static String summary(SignedZoneReport r) {
    StringBuilder s = new StringBuilder();
    s.append(r.denial());
    if (r.nsec3() != null) {
      s.append(" (iterations ").append(r.nsec3().iterations()).append(", salt ").append(r.nsec3().salt())
          .append(r.nsec3().optOut() ? ", opt-out" : "").append(')');
    }
    List<SignedZoneReport.Key> keys = r.keys();
    s.append(", ").append(keys.size()).append(keys.size() == 1 ? " DNSKEY" : " DNSKEYs");
    for (SignedZoneReport.Key k : keys) {
      s.append(' ').append(k.tag()).append('/').append(k.flags()).append('/').append(k.algorithm());
    }
    s.append(", ").append(r.signatures()).append(" RRSIGs, earliest expiry ").append(r.earliestExpiry());
    return s.toString();
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
