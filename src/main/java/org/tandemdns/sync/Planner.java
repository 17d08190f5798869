package org.tandemdns.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.tandemdns.sync.provider.ZoneContent;
import org.tandemdns.zone.compare.CanonicalRRset;
import org.tandemdns.zone.compare.CanonicalRdata;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.CompareOptions;
import org.tandemdns.zone.compare.RRsetDifference;
import org.tandemdns.zone.compare.RRsetKey;
import org.tandemdns.zone.compare.ZoneComparator;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Computes what one target must change to hold the source's content of a zone, with the same
 * canonical RRset comparison as {@code tandem check} ({@link ZoneComparator}: RFC 4034 §6.2
 * canonical RDATA, owners case-insensitive, TTLs compared per RRset), then applies the safety rules
 * of {@link Safety}. In the manner of OctoDNS's plan: read both sides, diff, refuse what looks like an
 * accident.
 *
 * <p>A missing RRset becomes a create, a different one (data or TTL) an update, an extra one a
 * delete. The apex NS RRset is never deleted (RFC 2136 §3.4.2.4 forbids it, and a zone needs it).
 *
 * <p>Records an {@code ignore:} rule matches are taken out of the source and put back as the
 * target holds them, so that an RRset mixing ignored and managed records (a TXT set with a
 * provider's verification string) is written with the ignored ones kept. A source RRset the target
 * cannot hold fails the plan, naming it, unless lenient, when it is skipped with a note.
 */
public final class Planner {
  private static final ZoneComparator COMPARATOR = new ZoneComparator(CompareOptions.ignoringSerial());

  /**
   * The plan for {@code target}.
   *
   * @param supported the target's record types
   * @param unsupportedReason why a type is not supported, for the report
   */
  public ZonePlan plan(Name zone, String target, ZoneContent source, ZoneContent current, IntPredicate supported,
      IntFunction<String> unsupportedReason, PlanOptions options) {
    Scope scope = new Scope(zone, options.includeApexNs(), supported);
    IgnoreRules ignore = new IgnoreRules(zone, options.ignore());
    List<ZonePlan.Unsupported> unsupported = new ArrayList<>();
    List<String> notes = new ArrayList<>(current.notes());
    int signerSets = 0;
    for (CanonicalRRset set : source.zone().rrsets().values()) {
      if (Scope.signerManaged(set.key())) {
        signerSets++;
      } else if (scope.considered(set.key()) && !supported.test(set.key().type()) && !allIgnored(set, ignore)) {
        unsupported.add(new ZonePlan.Unsupported(set.key(), unsupportedReason.apply(set.key().type())));
      }
    }
    if (signerSets > 0) {
      notes.add(signerSets + " RRsets of DNSSEC types (RRSIG, NSEC, DNSKEY...) in the source are left to each target's signer");
    }
    CanonicalZone held = scope.restrict(current.zone());
    CanonicalZone wanted = withIgnoredAsHeld(zone, atLeast(zone, scope.restrict(source.zone()), options.minTtl(), target, notes),
        held, ignore, notes);
    List<RRsetChange> changes = new ArrayList<>();
    for (RRsetDifference d : COMPARATOR.compare(wanted, held).differences()) {
      if (d instanceof RRsetDifference.Missing m) {
        changes.add(new RRsetChange.Create(m.expected()));
      } else if (d instanceof RRsetDifference.Changed c) {
        changes.add(new RRsetChange.Update(c.actual(), c.expected()));
      } else if (d instanceof RRsetDifference.TtlDiffers t) {
        changes.add(new RRsetChange.Update(held.get(t.key()).orElseThrow(), wanted.get(t.key()).orElseThrow()));
      } else if (d instanceof RRsetDifference.Unexpected u) {
        if (scope.isApexNs(u.key())) {
          notes.add("the source has no apex NS RRset; the target's is kept (a zone needs one)");
        } else {
          changes.add(new RRsetChange.Delete(u.key(), u.actual()));
        }
      }
    }
    Optional<String> blocked = unsupportedRefusal(target, unsupported, options, notes);
    ZonePlan plan = new ZonePlan(zone, target, changes, unsupported, held.size(), Optional.empty(), notes);
    Optional<String> refusal = blocked.isPresent() ? blocked : Safety.check(plan, scope, options);
    return refusal.isEmpty() ? plan
        : new ZonePlan(zone, target, changes, unsupported, held.size(), refusal, notes);
  }

  private static boolean allIgnored(CanonicalRRset set, IgnoreRules ignore) {
    return !ignore.isEmpty() && set.rdatas().stream().allMatch(r -> ignore.matches(r.record()));
  }

  /**
   * Strict (the default, as OctoDNS's {@code strict_supports}): a record the target cannot hold
   * fails the plan, {@code --force} or not, since forcing cannot make the target hold it. Lenient:
   * a warning, and the rest is pushed.
   */
  private static Optional<String> unsupportedRefusal(String target, List<ZonePlan.Unsupported> unsupported,
      PlanOptions options, List<String> notes) {
    if (unsupported.isEmpty()) {
      return Optional.empty();
    }
    List<String> named = unsupported.stream().map(u -> u.key() + " (" + u.reason() + ")").toList();
    if (options.lenient()) {
      notes.add("lenient: skipped " + unsupported.size() + " RRsets " + target + " cannot hold: " + String.join(", ", named));
      return Optional.empty();
    }
    return Optional.of(target + " cannot hold " + String.join(", ", named) + "; remove them from the source, add an"
        + " ignore rule, or set lenient: true for the zone or this target to push the rest without them");
  }

  /**
   * {@code wanted} with TTLs below {@code minTtl} raised to it: a provider that keeps a minimum
   * would otherwise hold the higher TTL and every plan would try to lower it again.
   */
  private static CanonicalZone atLeast(Name zone, CanonicalZone wanted, long minTtl, String target, List<String> notes) {
    if (minTtl <= 0) {
      return wanted;
    }
    CanonicalZone.Builder b = CanonicalZone.builder(zone);
    int raised = 0;
    for (CanonicalRRset set : wanted.rrsets().values()) {
      boolean low = set.ttl() < minTtl;
      raised += low ? 1 : 0;
      for (CanonicalRdata r : set.rdatas()) {
        Record rec = r.record();
        b.add(low ? Record.newRecord(rec.getName(), rec.getType(), rec.getDClass(), minTtl, rec.rdataToWireCanonical()) : rec);
      }
    }
    if (raised > 0) {
      notes.add(raised + " RRsets with a TTL below " + target + "'s min-ttl of " + minTtl + " are pushed at " + minTtl);
    }
    return b.build();
  }

  /**
   * {@code wanted} without the records {@code ignore} matches, and with those {@code held} has put
   * back (at the source's TTL where the source has the RRset, else at the target's).
   */
  private static CanonicalZone withIgnoredAsHeld(Name zone, CanonicalZone wanted, CanonicalZone held, IgnoreRules ignore,
      List<String> notes) {
    if (ignore.isEmpty()) {
      return wanted;
    }
    Map<RRsetKey, Long> ttls = new TreeMap<>();
    CanonicalZone.Builder b = CanonicalZone.builder(zone);
    int skipped = 0;
    int kept = 0;
    for (CanonicalRRset set : wanted.rrsets().values()) {
      for (CanonicalRdata r : set.rdatas()) {
        if (ignore.matches(r.record())) {
          skipped++;
        } else {
          b.add(r.record());
          ttls.put(set.key(), set.ttl());
        }
      }
    }
    for (CanonicalRRset set : held.rrsets().values()) {
      for (CanonicalRdata r : set.rdatas()) {
        if (ignore.matches(r.record())) {
          Record rec = r.record();
          long ttl = ttls.getOrDefault(set.key(), set.ttl());
          b.add(Record.newRecord(rec.getName(), rec.getType(), rec.getDClass(), ttl, rec.rdataToWireCanonical()));
          kept++;
        }
      }
    }
    if (skipped + kept > 0) {
      notes.add("ignore rules: " + kept + " records at the target left as they are, " + skipped + " in the source not pushed");
    }
    return b.build();
  }
}
