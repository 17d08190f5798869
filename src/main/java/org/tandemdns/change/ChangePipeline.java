package org.tandemdns.change;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.store.StoreException;
import org.tandemdns.store.ZoneStore;
import org.tandemdns.zone.DiffDoesNotApplyException;
import org.tandemdns.zone.SerialNumber;
import org.tandemdns.zone.ZoneEditor;
import org.tandemdns.zone.ZoneValidationException;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.tandemdns.zone.SerialPolicy;
import org.tandemdns.zone.ServedZone;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/**
 * The one way zone data changes: validate, persist, swap, announce. Validation of the records
 * themselves happened when the candidate snapshot was built ({@code ZoneBuilder}); here the serial
 * rules apply (RFC 1982: content that changes needs a newer serial, unless the zone's serial policy
 * lets Tandem choose one). The new version and its diff are persisted in one store transaction, then
 * swapped in with one reference write, then announced to the listeners. Changes to one zone are
 * serialised; different zones change independently. A change is reported done only once persisted.
 */
public final class ChangePipeline {
  private static final Logger log = LoggerFactory.getLogger(ChangePipeline.class);

  private final ZoneStore store;
  private final Clock clock;
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<Name, Object> locks = new ConcurrentHashMap<>();

  public ChangePipeline(ZoneStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public void addListener(ChangeListener listener) {
    listeners.add(listener);
  }

  /**
   * Serves a version read back from the store (after a restart): nothing to validate or persist,
   * only swap and announce (secondaries may have missed the last change before the restart).
   */
  public void restore(ServedZone zone, ZoneSnapshot stored, String cause) {
    restore(zone, stored, cause, true);
  }

  /** As {@link #restore(ServedZone, ZoneSnapshot, String)}; {@code announce} false for a zone that is not servable (expired). */
  public void restore(ServedZone zone, ZoneSnapshot stored, String cause, boolean announce) {
    synchronized (lockFor(zone.origin())) {
      ZoneSnapshot previous = zone.swap(stored);
      if (announce) {
        announce(new Committed(zone.origin(), previous, stored, null, cause));
      }
    }
  }

  /**
   * Stores {@code candidate} whole, whatever its serial, and serves it: the repair of a stored
   * version that had records that could not be read (they are dropped from the store, and the
   * journal with them, since it no longer leads to what is stored).
   */
  public void repair(ServedZone zone, ZoneSnapshot candidate, String kind, String cause) throws StoreException {
    synchronized (lockFor(zone.origin())) {
      store.replace(zone.origin(), candidate, kind, "");
      ZoneSnapshot previous = zone.swap(candidate);
      log.info("zone {}: the stored version was written again whole at serial {} ({}): repaired", zone.origin(),
          candidate.serial(), cause);
      announce(new Committed(zone.origin(), previous, candidate, null, cause));
    }
  }

  /**
   * Makes {@code candidate} the zone's new version: the whole content is replaced (zone-file reload,
   * AXFR in). The diff against what is served is what gets journaled.
   *
   * @param kind who owns the content ("file", "api", "secondary"), recorded in the store
   * @param sourceHash fingerprint of the source, recorded in the store
   */
  public CommitOutcome replace(ServedZone zone, ZoneSnapshot candidate, ZoneChangePolicy policy, String kind,
      String sourceHash, String cause) throws ChangeRejectedException, StoreException {
    synchronized (lockFor(zone.origin())) {
      ZoneSnapshot current = zone.snapshot();
      if (current == null) {
        if (FileZones.KIND.equals(kind)) {
          // A zone file is itself durable: its first version may be served while it is being stored
          // (a big zone takes seconds to store); it is announced only once stored.
          zone.swap(candidate);
          store.replace(zone.origin(), candidate, kind, sourceHash);
        } else {
          store.replace(zone.origin(), candidate, kind, sourceHash);
          zone.swap(candidate);
        }
        announce(new Committed(zone.origin(), null, candidate, null, cause));
        return new CommitOutcome(true, candidate.serial(), "first version");
      }
      ZoneDiff diff = ZoneDiff.between(current, candidate);
      ZoneSnapshot next = candidate;
      String note = "serial " + current.serial() + " -> " + candidate.serial();
      if (!diff.changesContent()) {
        if (!SerialNumber.isNewer(candidate.serial(), current.serial())) {
          return new CommitOutcome(false, current.serial(), "unchanged");
        }
      } else if (!SerialNumber.isNewer(candidate.serial(), current.serial())) {
        if (policy.serialPolicy() == SerialPolicy.KEEP) {
          throw new ChangeRejectedException("zone " + zone.origin() + ": the content changed but serial "
              + candidate.serial() + " is not newer than the served serial " + current.serial()
              + " (RFC 1982); raise the serial, or set serial-policy to increment, unixtime or dateserial");
        }
        if (candidate.signed()) {
          throw new ChangeRejectedException("zone " + zone.origin() + ": the content changed but serial "
              + candidate.serial() + " is not newer than the served serial " + current.serial()
              + " (RFC 1982), and the zone is signed: a serial set by serial-policy would break the SOA's RRSIG;"
              + " raise the serial before signing");
        }
        long serial = policy.serialPolicy().next(current.serial(), clock);
        next = candidate.withSerial(serial);
        diff = new ZoneDiff(current.soa(), next.soa(), diff.deleted(), diff.added());
        note = "serial " + current.serial() + " -> " + serial + " (set by serial-policy " + policy.serialPolicy().name().toLowerCase(java.util.Locale.ROOT) + ")";
      }
      store.commit(zone.origin(), diff, sourceHash, policy.retention());
      zone.swap(next);
      log.info("zone {}: committed {} ({}): {} deleted, {} added", zone.origin(), note, cause, diff.deleted().size(), diff.added().size());
      announce(new Committed(zone.origin(), current, next, diff, cause));
      return new CommitOutcome(true, next.serial(), note);
    }
  }

  /**
   * Applies a chain of diffs (an IXFR received, an API batch, an UPDATE) to the served version:
   * each is applied to a copy and checked, all are persisted (one journal entry each, so downstream
   * secondaries get the same IXFR steps), then the result is swapped in at once. A diff that does
   * not apply rejects the whole chain; nothing is persisted or served.
   */
  public CommitOutcome applyDiffs(ServedZone zone, List<ZoneDiff> diffs, ZoneChangePolicy policy, String kind, String cause)
      throws ChangeRejectedException, StoreException {
    if (diffs.isEmpty()) {
      throw new IllegalArgumentException("no diffs to apply");
    }
    synchronized (lockFor(zone.origin())) {
      ZoneSnapshot current = zone.snapshot();
      if (current == null) {
        throw new ChangeRejectedException("zone " + zone.origin() + " has no version to apply a diff to");
      }
      return commitDiffs(zone, current, diffs, policy, cause);
    }
  }

  /**
   * Applies record changes (API writes, RFC 2136 UPDATE) decided by {@code edit} against the served
   * version, under the zone's change lock. The SOA serial always moves forward (RFC 2136 §3.6): an
   * SOA given in the changes is used when its serial is newer, otherwise the zone's serial policy
   * picks the next serial ({@code keep} behaves as {@code increment} here).
   */
  public CommitOutcome edit(ServedZone zone, ZoneEdit edit, ZoneChangePolicy policy, String cause)
      throws ChangeRejectedException, StoreException {
    synchronized (lockFor(zone.origin())) {
      ZoneSnapshot current = zone.snapshot();
      if (current == null) {
        throw new ChangeRejectedException("zone " + zone.origin() + " has no data yet");
      }
      EditPlanner planner = new EditPlanner(current);
      for (RecordChange c : edit.changes(current)) {
        planner.apply(c);
      }
      List<Record> deleted = new java.util.ArrayList<>();
      List<Record> added = new java.util.ArrayList<>();
      planner.collect(deleted, added);
      SOARecord proposed = current.soa();
      for (Record r : added) {
        if (r instanceof SOARecord soa) {
          proposed = soa;
        }
      }
      deleted.removeIf(r -> r.getType() == Type.SOA);
      added.removeIf(r -> r.getType() == Type.SOA);
      boolean soaChanged = !proposed.equals(current.soa()) || proposed.getTTL() != current.soa().getTTL();
      if (deleted.isEmpty() && added.isEmpty() && !soaChanged) {
        return new CommitOutcome(false, current.serial(), "unchanged");
      }
      long serial = proposed.getSerial();
      if (!SerialNumber.isNewer(serial, current.serial())) {
        SerialPolicy p = policy.serialPolicy() == SerialPolicy.KEEP ? SerialPolicy.INCREMENT : policy.serialPolicy();
        serial = p.next(current.serial(), clock);
      }
      SOARecord next = new SOARecord(proposed.getName(), proposed.getDClass(), proposed.getTTL(), proposed.getHost(),
          proposed.getAdmin(), serial, proposed.getRefresh(), proposed.getRetry(), proposed.getExpire(), proposed.getMinimum());
      return commitDiffs(zone, current, List.of(new ZoneDiff(current.soa(), next, deleted, added)), policy, cause);
    }
  }

  private CommitOutcome commitDiffs(ServedZone zone, ZoneSnapshot current, List<ZoneDiff> diffs, ZoneChangePolicy policy,
      String cause) throws ChangeRejectedException, StoreException {
    ZoneSnapshot next = current;
    for (ZoneDiff d : diffs) {
      refuseUnreadableTtls(zone, d);
      if (!SerialNumber.isNewer(d.toSerial(), d.fromSerial())) {
        throw new ChangeRejectedException("zone " + zone.origin() + ": a change from serial " + d.fromSerial()
            + " to " + d.toSerial() + " does not increase the serial (RFC 1982)");
      }
      try {
        next = ZoneEditor.apply(next, d);
      } catch (DiffDoesNotApplyException e) {
        throw new ChangeRejectedException("zone " + zone.origin() + ": " + e.getMessage());
      } catch (ZoneValidationException e) {
        throw new ChangeRejectedException(String.join("; ", e.problems()));
      }
    }
    store.commitAll(zone.origin(), diffs, "", policy.retention()); // one transaction for the whole chain
    zone.swap(next);
    ZoneDiff combined = diffs.size() == 1 ? diffs.get(0) : ZoneDiff.condense(diffs);
    log.info("zone {}: committed serial {} -> {} ({}): {} deleted, {} added", zone.origin(), current.serial(),
        next.serial(), cause, combined.deleted().size(), combined.added().size());
    announce(new Committed(zone.origin(), current, next, combined, cause));
    return new CommitOutcome(true, next.serial(), "serial " + current.serial() + " -> " + next.serial());
  }

  /**
   * A TTL with the top bit set (RFC 2181 §8) cannot be read back from the store or served: refused
   * here, whatever the source, so that the store never holds a version it cannot load.
   */
  private static void refuseUnreadableTtls(ServedZone zone, ZoneDiff d) throws ChangeRejectedException {
    for (Record r : d.added()) {
      if (r.getTTL() > org.tandemdns.zone.Records.MAX_TTL) {
        throw new ChangeRejectedException("zone " + zone.origin() + ": " + r.getName() + " " + Type.string(r.getType())
            + " has TTL " + r.getTTL() + ", out of range (0 to " + org.tandemdns.zone.Records.MAX_TTL + ", RFC 2181 §8)");
      }
    }
    if (d.toSoa().getTTL() > org.tandemdns.zone.Records.MAX_TTL) {
      throw new ChangeRejectedException("zone " + zone.origin() + ": the SOA has TTL " + d.toSoa().getTTL()
          + ", out of range (RFC 2181 §8)");
    }
  }

  private Object lockFor(Name zone) {
    return locks.computeIfAbsent(zone, z -> new Object());
  }

  private void announce(Committed change) {
    for (ChangeListener l : listeners) {
      try {
        l.committed(change);
      } catch (RuntimeException e) {
        log.error("zone {}: a change listener failed after commit of serial {}", change.zone(), change.serial(), e);
      }
    }
  }
}
