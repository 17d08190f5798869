package org.tandemdns.monitor.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import org.tandemdns.dnsclient.AxfrClient;
import org.tandemdns.dnsclient.Deadline;
import org.tandemdns.dnsclient.TransferResult;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.RRsetKey;
import org.tandemdns.zone.compare.ZoneComparator;
import org.tandemdns.zone.compare.ZoneComparison;
import org.xbill.DNS.Name;

/**
 * Reads every usable server's copy of the zone (AXFR, else per-RRset queries), settles the
 * reference copy, and compares each copy with it.
 */
final class ContentStage {

  /** What this stage found. */
  record Outcome(ReferenceReport reference, Optional<CanonicalZone> referenceZone, Map<Nameserver, ContentFinding> findings) {}

  private final AxfrClient axfr;
  private final RRsetQuerier querier;
  private final ZoneComparator comparator;

  ContentStage(AxfrClient axfr, RRsetQuerier querier, ZoneComparator comparator) {
    this.axfr = axfr;
    this.querier = querier;
    this.comparator = comparator;
  }

  Outcome run(CheckRequest req, List<ProbeResult> probes, ExecutorService pool, Deadline deadline) {
    Name zone = req.zone();
    List<Nameserver> usable = probes.stream().filter(ProbeResult::usable).map(ProbeResult::nameserver).toList();
    List<TransferResult> transfers = Parallel.map(pool, usable,
        ns -> axfr.transfer(zone, ns.address(), req.key(), req.settings().transfer()), deadline,
        (ns, why) -> new TransferResult.Failed(why));
    Map<Nameserver, TransferResult> byServer = new LinkedHashMap<>();
    Map<Nameserver, CanonicalZone> copies = new LinkedHashMap<>();
    for (int i = 0; i < usable.size(); i++) {
      byServer.put(usable.get(i), transfers.get(i));
      if (transfers.get(i) instanceof TransferResult.Complete c) {
        copies.put(usable.get(i), CanonicalZone.of(zone, c.records()));
      }
    }
    Map<Nameserver, QueriedCopy> voters = req.reference() instanceof ReferenceSource.Majority && !copies.isEmpty()
        ? queryVoters(zone, copies, byServer, req, pool, deadline)
        : Map.of();
    Reference ref = reference(req, copies, voters);
    Map<Nameserver, ContentFinding> findings = new HashMap<>();
    List<Nameserver> toQuery = new ArrayList<>();
    for (Map.Entry<Nameserver, TransferResult> e : byServer.entrySet()) {
      Nameserver ns = e.getKey();
      if (ref.zone.isEmpty()) {
        findings.put(ns, ContentFinding.none(describe(e.getValue()) + "; " + (ref.report.noMajority()
            ? "no majority to compare with" : "no reference copy to compare with")));
      } else if (copies.containsKey(ns)) {
        boolean isRef = ref.chosen != null && ref.chosen.equals(ns);
        ZoneComparison d = ref.scope == null ? comparator.compare(ref.zone.get(), copies.get(ns))
            : comparator.compareWithin(ref.zone.get(), copies.get(ns), ref.scope);
        findings.put(ns, new ContentFinding(isRef ? "reference" : "axfr", describe(e.getValue()), differences(d), 0));
      } else if (voters.containsKey(ns)) {
        findings.put(ns, compareQueried(ref, voters.get(ns), e.getValue()));
      } else {
        toQuery.add(ns);
      }
    }
    if (ref.zone.isPresent() && !toQuery.isEmpty()) {
      CanonicalZone reference = ref.zone.get();
      List<ContentFinding> queried = Parallel.map(pool, toQuery,
          ns -> byQueries(reference, ns, byServer.get(ns), req.settings().maxQueriesPerServer(), deadline), deadline,
          (ns, why) -> ContentFinding.none(describe(byServer.get(ns)) + "; " + why));
      for (int i = 0; i < toQuery.size(); i++) {
        findings.put(toQuery.get(i), queried.get(i));
      }
    }
    return new Outcome(ref.report, ref.zone, findings);
  }

  private ContentFinding byQueries(CanonicalZone reference, Nameserver ns, TransferResult why, int max, Deadline deadline) {
    QueriedCopy q = querier.query(reference, ns, max, deadline);
    return queriedFinding(comparator.compareWithin(reference, q.copy(), q.answered()), q, reference.size(), why);
  }

  /**
   * Majority mode: every server that refused AXFR is asked for every RRset any AXFR copy holds,
   * so that it can vote (see {@link MajorityVote}).
   */
  private Map<Nameserver, QueriedCopy> queryVoters(Name zone, Map<Nameserver, CanonicalZone> copies,
      Map<Nameserver, TransferResult> byServer, CheckRequest req, ExecutorService pool, Deadline deadline) {
    List<Nameserver> refused = byServer.keySet().stream().filter(ns -> !copies.containsKey(ns)).toList();
    if (refused.isEmpty()) {
      return Map.of();
    }
    Set<RRsetKey> keys = new TreeSet<>();
    copies.values().forEach(c -> keys.addAll(c.rrsets().keySet()));
    List<QueriedCopy> answers = Parallel.map(pool, refused,
        ns -> querier.query(zone, keys, ns, req.settings().maxQueriesPerServer(), deadline), deadline, (ns, why) -> null);
    Map<Nameserver, QueriedCopy> out = new LinkedHashMap<>();
    for (int i = 0; i < refused.size(); i++) {
      if (answers.get(i) != null && !answers.get(i).answered().isEmpty()) {
        out.put(refused.get(i), answers.get(i));
      }
    }
    return out;
  }

  private ContentFinding compareQueried(Reference ref, QueriedCopy q, TransferResult why) {
    Set<RRsetKey> scope = new TreeSet<>(q.answered());
    if (ref.scope != null) {
      scope.retainAll(ref.scope);
    }
    int asked = q.answered().size() + q.unanswered();
    return queriedFinding(comparator.compareWithin(ref.zone.get(), q.copy(), scope), q, asked, why);
  }

  private static ContentFinding queriedFinding(ZoneComparison d, QueriedCopy q, int of, TransferResult why) {
    String detail = describe(why) + "; queried " + q.queries() + " of " + of + " RRsets"
        + (q.unanswered() > 0 ? ", " + q.unanswered() + " unanswered (" + q.firstProblem() + ")" : "")
        + "; names absent from the reference cannot be seen";
    return new ContentFinding("queries", detail, differences(d), q.unanswered());
  }

  private static List<Difference> differences(ZoneComparison d) {
    return d.differences().stream().map(Difference::of).toList();
  }

  static String describe(TransferResult r) {
    if (r instanceof TransferResult.Complete c) {
      return "AXFR: " + c.records().size() + " records, " + c.bytes() + " bytes, " + c.elapsed().toMillis() + " ms";
    }
    if (r instanceof TransferResult.Refused x) {
      return "AXFR refused (" + x.describe() + ")";
    }
    return "AXFR failed (" + ((TransferResult.Failed) r).reason() + ")";
  }

  /**
   * @param scope the RRsets a comparison with it is limited to (a copy read by queries), or null
   */
  private record Reference(ReferenceReport report, Optional<CanonicalZone> zone, Nameserver chosen, Set<RRsetKey> scope) {
    Reference(ReferenceReport report, Optional<CanonicalZone> zone, Nameserver chosen) {
      this(report, zone, chosen, null);
    }
  }

  private Reference reference(CheckRequest req, Map<Nameserver, CanonicalZone> copies, Map<Nameserver, QueriedCopy> voters) {
    ReferenceSource src = req.reference();
    if (src instanceof ReferenceSource.Expected e) {
      return new Reference(report("file", e.description(), e.zone(), null), Optional.of(e.zone()), null);
    }
    if (src instanceof ReferenceSource.FromServer f) {
      TransferResult r = axfr.transfer(req.zone(), f.server(), req.key(), req.settings().transfer());
      if (r instanceof TransferResult.Complete c) {
        CanonicalZone z = CanonicalZone.of(req.zone(), c.records());
        return new Reference(report("server", f.server().toString(), z, null), Optional.of(z), null);
      }
      return new Reference(new ReferenceReport("server", f.server().toString(), null, 0, describe(r)), Optional.empty(), null);
    }
    Optional<MajorityVote.Outcome> vote = new MajorityVote(comparator).count(copies, voters);
    if (vote.isEmpty()) {
      return new Reference(
          new ReferenceReport("majority", "no copy", null, 0,
              "no server allowed AXFR; give --expect FILE or --expect-from ADDR to compare content"),
          Optional.empty(), null);
    }
    if (vote.get() instanceof MajorityVote.NoMajority tie) {
      return new Reference(new ReferenceReport("majority", "no majority", null, 0, tie.describe(), true), Optional.empty(), null);
    }
    MajorityVote.Winner w = (MajorityVote.Winner) vote.get();
    return new Reference(report("majority", w.describe(), w.reference(), null), Optional.of(w.reference()), w.chosen(), w.scope());
  }

  private static ReferenceReport report(String source, String description, CanonicalZone z, String problem) {
    return new ReferenceReport(source, description, z.serial().orElse(null), z.size(), problem);
  }
}
