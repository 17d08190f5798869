package org.tandemdns.change;

import java.util.List;
import org.tandemdns.zone.ZoneSnapshot;

/**
 * Decides the changes to make from the version currently served, under the zone's change lock, so
 * that checks (an expected serial, RFC 2136 prerequisites) and the commit are one atomic step.
 */
@FunctionalInterface
public interface ZoneEdit {
  /** The changes to apply to {@code current}; throw to refuse (nothing is changed). */
  List<RecordChange> changes(ZoneSnapshot current) throws ChangeRejectedException;
}
