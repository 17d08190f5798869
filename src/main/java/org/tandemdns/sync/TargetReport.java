package org.tandemdns.sync;

/**
 * What happened at one target for one zone.
 *
 * @param target the provider's name
 * @param description the provider, for reports
 * @param plan the plan, or null when the target could not be read
 * @param applied the apply, or null when nothing was applied (plan only, refused, empty)
 * @param verification the verification, or null when not done
 * @param error why the target could not be read, when it could not (the provider's message)
 */
public record TargetReport(String target, String description, ZonePlan plan, Applied applied, Verification verification,
    String error) {

  /** One word for the outcome. */
  public enum Status { IN_SYNC, PLANNED, REFUSED, APPLIED, FAILED, NOT_SERVED }

  public Status status() {
    if (error != null || (applied != null && !applied.complete())) {
      return Status.FAILED;
    }
    if (plan.refused()) {
      return Status.REFUSED;
    }
    if (applied == null) {
      return plan.isEmpty() ? Status.IN_SYNC : Status.PLANNED;
    }
    return verification != null && verification.failed() ? Status.NOT_SERVED : Status.APPLIED;
  }

  /** True when this target needs attention: unreadable, refused, failed, or not serving in time. */
  public boolean failed() {
    Status s = status();
    return s == Status.FAILED || s == Status.REFUSED || s == Status.NOT_SERVED;
  }

  static TargetReport failure(String target, String description, String error) {
    return new TargetReport(target, description, null, null, null, error);
  }
}
