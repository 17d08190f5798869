package org.tandemdns.xfr;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/**
 * The condensed IXFR diffs (RFC 1995 §4) to the version a zone serves, by the client's serial: the
 * secondaries told of a change all ask for the same diff at once, and it is read from the journal
 * once, not once each. Entries belong to one snapshot, held weakly (the next version starts afresh,
 * and a version no longer served is not kept for its cache); only diffs of at most
 * {@link TransferResponder#SMALL_TRANSFER_RECORDS} records, {@value #PER_ZONE} per zone, for at most
 * {@value #ZONES} zones.
 */
final class IxfrDiffCache {
  static final int PER_ZONE = 8;
  static final int ZONES = 1_024;

  private record Entry(WeakReference<ZoneSnapshot> version, Map<Long, ZoneDiff> byClientSerial) {
    boolean of(ZoneSnapshot snapshot) {
      return version.get() == snapshot;
    }
  }

  private final Map<Name, Entry> zones = new ConcurrentHashMap<>();

  /** The diff from {@code clientSerial} to {@code snapshot}, or null when none is kept. */
  ZoneDiff get(ZoneSnapshot snapshot, long clientSerial) {
    Entry e = zones.get(snapshot.origin());
    return e != null && e.of(snapshot) ? e.byClientSerial().get(clientSerial) : null;
  }

  /** Keeps {@code diff}, from {@code clientSerial} to {@code snapshot}, when it is small and there is room. */
  void put(ZoneSnapshot snapshot, long clientSerial, ZoneDiff diff) {
    if (diff.recordCount() > TransferResponder.SMALL_TRANSFER_RECORDS) {
      return;
    }
    if (zones.size() >= ZONES) {
      zones.clear();
    }
    Entry e = zones.compute(snapshot.origin(), (zone, old) -> old != null && old.of(snapshot) ? old
        : new Entry(new WeakReference<>(snapshot), new ConcurrentHashMap<>()));
    if (e.byClientSerial().size() < PER_ZONE) {
      e.byClientSerial().put(clientSerial, diff);
    }
  }
}
