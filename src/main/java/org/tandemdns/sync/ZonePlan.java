package org.tandemdns.sync;

import java.util.List;
import java.util.Optional;
import org.tandemdns.zone.compare.RRsetKey;
import org.xbill.DNS.Name;

/**
 * What one target needs to serve the source's content of one zone: creates, updates and deletes in
 * canonical RRset order, the source's RRsets the target cannot hold, and, when the plan is unsafe,
 * why it is refused.
 *
 * @param zone the zone
 * @param target the target provider's name
 * @param changes the changes, in canonical order of their RRsets
 * @param unsupported source RRsets of types the target cannot hold: reported, not pushed
 * @param existing RRsets the target holds in the compared scope (the base of the safety threshold)
 * @param refusal why the plan is refused without {@code --force}, when it is
 * @param notes other remarks (records read but left out)
 */
public record ZonePlan(Name zone, String target, List<RRsetChange> changes, List<Unsupported> unsupported, int existing,
    Optional<String> refusal, List<String> notes) {

  public ZonePlan {
    changes = changes.stream().sorted().toList();
    unsupported = List.copyOf(unsupported);
    notes = List.copyOf(notes);
  }

  /** A source RRset the target cannot hold, and why. */
  public record Unsupported(RRsetKey key, String reason) {}

  /** True when there is nothing to change. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public long creates() {
    return count(RRsetChange.Create.class);
  }

  public long updates() {
    return count(RRsetChange.Update.class);
  }

  public long deletes() {
    return count(RRsetChange.Delete.class);
  }

  /** Updates and deletes as a share of the target's RRsets (0 when it holds none). */
  public double destructiveShare() {
    return existing == 0 ? 0 : (double) (updates() + deletes()) / existing;
  }

  /** True when the safety checks refuse the plan. */
  public boolean refused() {
    return refusal.isPresent();
  }

  /** The same plan with {@code more} notes first. */
  public ZonePlan withNotes(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(more);
    all.addAll(notes);
    return new ZonePlan(zone, target, changes, unsupported, existing, refusal, all);
  }

  /** The same plan with the refusal lifted ({@code --force}). */
  public ZonePlan forced() {
    return new ZonePlan(zone, target, changes, unsupported, existing, Optional.empty(), notes);
  }

  private long count(Class<? extends RRsetChange> kind) {
    return changes.stream().filter(kind::isInstance).count();
  }
}
