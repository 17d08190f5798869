package org.tandemdns.monitor.check;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.tandemdns.dnsclient.AxfrClient;
import org.tandemdns.dnsclient.Deadline;
import org.tandemdns.dnsclient.DnsClient;
import org.tandemdns.dnsclient.DnsClientException;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.dnsclient.Response;
import org.tandemdns.dnsclient.Transport;
import org.tandemdns.zone.compare.CanonicalRRset;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.CompareOptions;
import org.tandemdns.zone.compare.RRsetKey;
import org.tandemdns.zone.compare.ZoneComparator;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One consistency check of one zone: probe every address, read and compare content, measure lag,
 * compare the delegation. Every step is bounded (see {@link CheckSettings#bound(int)}), so a
 * misbehaving server ends up reported, never waited on forever.
 *
 * <p>Thread-safe; each run uses its own pool of at most {@link CheckSettings#parallelism()}
 * threads, shut down before it returns.
 */
public final class ZoneCheck {

  private final Clock clock;
  private final DnsClient client;
  private final AxfrClient axfr;

  public ZoneCheck(Clock clock, DnsClient client, AxfrClient axfr) {
    this.clock = clock;
    this.client = client;
    this.axfr = axfr;
  }

  /** A check with the system clock and fresh clients. */
  public static ZoneCheck create(Clock clock) {
    return new ZoneCheck(clock, new DnsClient(), new AxfrClient());
  }

  /** Runs the check. */
  public CheckReport run(CheckRequest req) {
    Instant at = clock.instant();
    long t0 = System.nanoTime();
    CheckSettings s = req.settings();
    Deadline deadline = Deadline.in(s.bound(req.nameservers().size()));
    ExecutorService pool = pool(Math.min(s.parallelism(), req.nameservers().size()));
    try {
      Prober prober = new Prober(client, s.query());
      List<ProbeResult> probes = Parallel.map(pool, req.nameservers(), ns -> prober.probe(req.zone(), ns), deadline,
          (ns, why) -> new ProbeResult(ns, TransportProbe.noAnswer(why), TransportProbe.noAnswer(why), Health.UNREACHABLE, why, null));
      CompareOptions options = s.compareTtl() ? CompareOptions.ignoringSerial() : CompareOptions.ignoringSerial().withoutTtl();
      ContentStage.Outcome content = s.content()
          ? new ContentStage(axfr, new RRsetQuerier(client, s.query()), new ZoneComparator(options)).run(req, probes, pool, deadline)
          : new ContentStage.Outcome(new ReferenceReport("none", "content not compared", null, 0, null), Optional.empty(), Map.of());
      Long newest = newestSerial(req, content, probes);
      List<NameserverReport> servers = new ArrayList<>();
      for (ProbeResult p : probes) {
        servers.add(report(p, newest, content.findings().get(p.nameserver())));
      }
      Set<Name> nsSet = nsSet(req.zone(), content.referenceZone(), probes, s.query());
      DelegationReport delegation = req.parent()
          .map(parent -> new DelegationChecker(client, s.query()).check(req.zone(), parent, nsSet,
              name -> addresses(name, content.referenceZone(), probes, s.query())))
          .orElse(null);
      int exit = CheckReport.exitCodeFor(servers, content.reference(), delegation);
      return new CheckReport(req.zone().toString(), at.toString(), (System.nanoTime() - t0) / 1_000_000, content.reference(), newest,
          nsSet.stream().map(Name::toString).toList(), servers, delegation, exit, CheckReport.verdictFor(exit));
    } finally {
      pool.shutdownNow();
    }
  }

  private static Long newestSerial(CheckRequest req, ContentStage.Outcome content, List<ProbeResult> probes) {
    if (!(req.reference() instanceof ReferenceSource.Majority) && content.reference().serial() != null) {
      return content.reference().serial();
    }
    List<Long> serials = probes.stream().map(ProbeResult::serial).filter(x -> x != null).toList();
    return Serials.newest(serials).orElse(null);
  }

  private static NameserverReport report(ProbeResult p, Long newest, ContentFinding f) {
    ContentFinding finding = f != null ? f : ContentFinding.none(p.usable() ? "content not compared" : null);
    Long lag = newest == null || p.serial() == null ? null : Serials.distance(p.serial(), newest).orElse(null);
    int drifted = (int) finding.differences().stream().filter(Difference::isDrift).count();
    int ttl = finding.differences().size() - drifted;
    return new NameserverReport(p.nameserver().name(), p.nameserver().address().toString(), p.health(), p.detail(),
        p.reachability(), p.udp().rttMillis(), p.tcp().rttMillis(), p.serial(), lag, finding.method(), finding.detail(),
        drifted, ttl, finding.unverified(), finding.differences());
  }

  private Set<Name> nsSet(Name zone, Optional<CanonicalZone> reference, List<ProbeResult> probes, QueryLimits limits) {
    Set<Name> out = new TreeSet<>();
    Optional<CanonicalRRset> ns = reference.flatMap(z -> z.get(RRsetKey.of(zone, Type.NS)));
    if (ns.isPresent()) {
      ns.get().rdatas().forEach(r -> out.add(((NSRecord) r.record()).getTarget()));
      return out;
    }
    for (Record r : askFirstUsable(zone, Type.NS, probes, limits)) {
      if (r instanceof NSRecord n && r.getName().equals(zone)) {
        out.add(n.getTarget());
      }
    }
    return out;
  }

  private Set<String> addresses(Name name, Optional<CanonicalZone> reference, List<ProbeResult> probes, QueryLimits limits) {
    Set<String> out = new TreeSet<>();
    for (int type : new int[] {Type.A, Type.AAAA}) {
      if (reference.isPresent()) {
        reference.get().get(RRsetKey.of(name, type)).ifPresent(s -> out.addAll(s.texts()));
      } else {
        askFirstUsable(name, type, probes, limits).stream().filter(r -> r.getName().equals(name)).forEach(r -> out.add(r.rdataToString()));
      }
    }
    return out;
  }

  private List<Record> askFirstUsable(Name name, int type, List<ProbeResult> probes, QueryLimits limits) {
    for (ProbeResult p : probes) {
      if (p.health() != Health.OK) {
        continue;
      }
      try {
        Response r = client.query(DnsClient.question(name, type, false), p.nameserver().address(), Transport.TCP, limits);
        return r.message().getSection(Section.ANSWER).stream().filter(x -> x.getType() == type).toList();
      } catch (DnsClientException e) {
        // try the next server
      }
    }
    return List.of();
  }

  private static ExecutorService pool(int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "tandem-check-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }
}
