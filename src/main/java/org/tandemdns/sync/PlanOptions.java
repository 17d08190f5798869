package org.tandemdns.sync;

/**
 * How plans are made and when they are refused.
 *
 * @param includeApexNs make the apex NS RRset equal too (otherwise each target keeps its own)
 * @param maxChange the share (0.0 to 1.0) of a target's RRsets a plan may update or delete
 * @param force apply plans the safety checks refuse
 */
public record PlanOptions(boolean includeApexNs, double maxChange, boolean force) {
  public PlanOptions {
    if (!(maxChange >= 0 && maxChange <= 1)) {
      throw new IllegalArgumentException("max change must be from 0 to 1");
    }
  }

  /** Apex NS excluded, 30% threshold, not forced. */
  public static PlanOptions defaults() {
    return new PlanOptions(false, 0.30, false);
  }
}
