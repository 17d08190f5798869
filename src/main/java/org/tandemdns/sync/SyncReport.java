package org.tandemdns.sync;

import java.util.List;

/**
 * The outcome of {@code tandem sync plan} or {@code apply}, and its exit code.
 *
 * <p>Exit codes: 0 when every target is in sync (plan) or was synced and serves the changes
 * (apply); 2 when a plan has changes to apply and nothing needs attention; otherwise
 * {@code 64 + mask}, where bit {@code i} of the mask is set when the {@code i}-th provider under
 * {@code sync.providers} failed (could not be read, refused by the safety checks, failed to apply,
 * did not serve the changes in time) for some zone. Providers from the sixth on share bit 5.
 *
 * @param applied true for {@code apply}, false for {@code plan}
 * @param zones each zone's report
 */
public record SyncReport(boolean applied, List<ZoneReport> zones) {
  /** Exit code: every target fine. */
  public static final int OK = 0;
  /** Exit code of a plan with changes to apply. */
  public static final int CHANGES = 2;
  /** Exit codes from here on carry the mask of failed providers. */
  public static final int FAILED_BASE = 64;

  public SyncReport {
    zones = List.copyOf(zones);
  }

  /** The exit code, with {@code providers} the names under {@code sync.providers} in order. */
  public int exitCode(List<String> providers) {
    int mask = 0;
    boolean changes = false;
    for (ZoneReport z : zones) {
      for (TargetReport t : z.targets()) {
        if (t.failed()) {
          int i = providers.indexOf(t.target());
          mask |= 1 << Math.min(Math.max(i, 0), 5);
        } else if (t.status() == TargetReport.Status.PLANNED) {
          changes = true;
        }
      }
    }
    if (mask != 0) {
      return FAILED_BASE + mask;
    }
    return changes ? CHANGES : OK;
  }

  /** The names of the targets that failed, once each, in report order. */
  public List<String> failedTargets() {
    return zones.stream().flatMap(z -> z.targets().stream()).filter(TargetReport::failed).map(TargetReport::target)
        .distinct().toList();
  }
}
