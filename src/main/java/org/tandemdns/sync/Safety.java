package org.tandemdns.sync;

import java.util.Locale;
import java.util.Optional;
import org.tandemdns.config.Threshold;

/**
 * Refuses plans that look like accidents, unless forced: those that update or delete more than
 * the threshold share of a target's RRsets (a wrong source, a truncated file, the wrong zone), more
 * updates or more deletes than their own limits ({@code max-updates}, {@code max-deletes}: a share
 * or a count, as OctoDNS's update and delete thresholds), and those that touch the apex NS RRset
 * (which decides who answers for the zone at all).
 */
final class Safety {
  private Safety() {}

  /** Why {@code plan} is refused, or empty when it is safe or forced. */
  static Optional<String> check(ZonePlan plan, Scope scope, PlanOptions options) {
    if (options.force()) {
      return Optional.empty();
    }
    long destructive = plan.updates() + plan.deletes();
    if (plan.destructiveShare() > options.maxChange()) {
      return Optional.of(String.format(Locale.ROOT,
          "would update or delete %d of the %d RRsets the target holds (%s), more than the %s threshold;"
              + " run with --force if that is intended",
          destructive, plan.existing(), percent(plan.destructiveShare()), percent(options.maxChange())));
    }
    if (options.maxUpdates() != null && options.maxUpdates().exceededBy(plan.updates(), plan.existing())) {
      return Optional.of(limit("update", plan.updates(), plan.existing(), options.maxUpdates()));
    }
    if (options.maxDeletes() != null && options.maxDeletes().exceededBy(plan.deletes(), plan.existing())) {
      return Optional.of(limit("delete", plan.deletes(), plan.existing(), options.maxDeletes()));
    }
    if (plan.changes().stream().anyMatch(c -> scope.isApexNs(c.key()))) {
      return Optional.of("changes the apex NS RRset, which decides who answers for the zone;"
          + " run with --force if that is intended");
    }
    return Optional.empty();
  }

  private static String limit(String verb, long n, int existing, Threshold t) {
    String share = existing == 0 ? "" : " (" + percent((double) n / existing) + ")";
    return String.format(Locale.ROOT, "would %s %d of the %d RRsets the target holds%s, more than max-%ss: %s;"
        + " run with --force if that is intended", verb, n, existing, share, verb, t);
  }

  static String percent(double share) {
    double p = share * 100;
    return p == Math.rint(p) ? String.format(Locale.ROOT, "%d%%", (long) p) : String.format(Locale.ROOT, "%.1f%%", p);
  }
}
