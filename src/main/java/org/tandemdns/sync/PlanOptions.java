package org.tandemdns.sync;

import java.util.List;
import org.tandemdns.config.SyncIgnoreRule;
import org.tandemdns.config.Threshold;

/**
 * How plans are made and when they are refused.
 *
 * @param includeApexNs make the apex NS RRset equal too (otherwise each target keeps its own)
 * @param maxChange the share (0.0 to 1.0) of a target's RRsets a plan may update or delete
 * @param maxUpdates a limit on updates alone, or null
 * @param maxDeletes a limit on deletes alone, or null
 * @param force apply plans the safety checks refuse
 * @param lenient skip records the target cannot hold, with a warning (else the plan fails)
 * @param ignore records managed elsewhere, left as the target has them
 * @param minTtl the smallest TTL the target keeps; lower source TTLs are planned at it
 */
public record PlanOptions(boolean includeApexNs, double maxChange, Threshold maxUpdates, Threshold maxDeletes, boolean force,
    boolean lenient, List<SyncIgnoreRule> ignore, long minTtl) {
  public PlanOptions {
    if (!(maxChange >= 0 && maxChange <= 1)) {
      throw new IllegalArgumentException("max change must be from 0 to 1");
    }
    ignore = ignore == null ? List.of() : List.copyOf(ignore);
  }

  /** Without a minimum TTL. */
  public PlanOptions(boolean includeApexNs, double maxChange, Threshold maxUpdates, Threshold maxDeletes, boolean force,
      boolean lenient, List<SyncIgnoreRule> ignore) {
    this(includeApexNs, maxChange, maxUpdates, maxDeletes, force, lenient, ignore, 0);
  }

  /** Only the combined threshold; lenient, nothing ignored (continuous push, tests). */
  public PlanOptions(boolean includeApexNs, double maxChange, boolean force) {
    this(includeApexNs, maxChange, null, null, force, true, List.of());
  }

  /** Apex NS excluded, 30% threshold, not forced, strict about unsupported records. */
  public static PlanOptions defaults() {
    return new PlanOptions(false, 0.30, null, null, false, false, List.of());
  }

  /** The same options, lenient or strict. */
  public PlanOptions withLenient(boolean l) {
    return new PlanOptions(includeApexNs, maxChange, maxUpdates, maxDeletes, force, l, ignore, minTtl);
  }

  /** The same options, the apex NS included or not. */
  public PlanOptions withApexNs(boolean include) {
    return new PlanOptions(include, maxChange, maxUpdates, maxDeletes, force, lenient, ignore, minTtl);
  }

  /** The same options with this minimum TTL. */
  public PlanOptions withMinTtl(long ttl) {
    return new PlanOptions(includeApexNs, maxChange, maxUpdates, maxDeletes, force, lenient, ignore, ttl);
  }

  /** The same options with these ignore rules. */
  public PlanOptions withIgnore(List<SyncIgnoreRule> rules) {
    return new PlanOptions(includeApexNs, maxChange, maxUpdates, maxDeletes, force, lenient, rules, minTtl);
  }
}
