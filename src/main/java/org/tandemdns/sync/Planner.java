package org.tandemdns.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.tandemdns.sync.provider.ZoneContent;
import org.tandemdns.zone.compare.CanonicalRRset;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.CompareOptions;
import org.tandemdns.zone.compare.RRsetDifference;
import org.tandemdns.zone.compare.ZoneComparator;
import org.xbill.DNS.Name;

/**
 * Computes what one target must change to hold the source's content of a zone, with the same
 * canonical RRset comparison as {@code tandem check} ({@link ZoneComparator}: RFC 4034 §6.2
 * canonical RDATA, owners case-insensitive, TTLs compared per RRset), then applies the safety rules
 * of {@link Safety}. In the manner of OctoDNS's plan: read both sides, diff, refuse what looks like an
 * accident.
 *
 * <p>A missing RRset becomes a create, a different one (data or TTL) an update, an extra one a
 * delete. The apex NS RRset is never deleted (RFC 2136 §3.4.2.4 forbids it, and a zone needs it).
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
    List<ZonePlan.Unsupported> unsupported = new ArrayList<>();
    for (CanonicalRRset set : source.zone().rrsets().values()) {
      if (scope.considered(set.key()) && !supported.test(set.key().type())) {
        unsupported.add(new ZonePlan.Unsupported(set.key(), unsupportedReason.apply(set.key().type())));
      }
    }
    CanonicalZone wanted = scope.restrict(source.zone());
    CanonicalZone held = scope.restrict(current.zone());
    List<RRsetChange> changes = new ArrayList<>();
    List<String> notes = new ArrayList<>(current.notes());
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
    ZonePlan plan = new ZonePlan(zone, target, changes, unsupported, held.size(), Optional.empty(), notes);
    Optional<String> refusal = Safety.check(plan, scope, options);
    return refusal.isEmpty() ? plan
        : new ZonePlan(zone, target, changes, unsupported, held.size(), refusal, notes);
  }
}
