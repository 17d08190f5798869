package org.tandemdns.change;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.dnssec.RefreshBudget;
import org.tandemdns.dnssec.SigningResult;
import org.tandemdns.dnssec.ZoneSigner;
import org.tandemdns.store.Actor;
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
      String sourceHash, String cause, Actor actor) throws ChangeRejectedException, StoreException {
    synchronized (lockFor(zone.origin())) {
      ZoneSnapshot current = zone.snapshot();
      if (policy.signer() != null) {
        return replaceSigned(zone, current, candidate, policy, kind, sourceHash, cause, actor);
      }
      if (current == null) {
        if (FileZones.KIND.equals(kind)) {
          // A zone file is itself durable: its first version is served at once and stored without
          // waiting for the disk (the file makes it again if it is lost); a small one is queued for
          // a batch, which every later read of it (an IXFR's journal) writes first. A big zone is
          // announced once stored, a small one once queued.
          zone.swap(candidate);
          store.replaceReproducible(zone.origin(), candidate, kind, sourceHash);
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
      store.commit(zone.origin(), diff, sourceHash, policy.retention(), actor);
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
  public CommitOutcome applyDiffs(ServedZone zone, List<ZoneDiff> diffs, ZoneChangePolicy policy, String kind, String cause,
      Actor actor) throws ChangeRejectedException, StoreException {
    if (diffs.isEmpty()) {
      throw new IllegalArgumentException("no diffs to apply");
    }
    synchronized (lockFor(zone.origin())) {
      ZoneSnapshot current = zone.snapshot();
      if (current == null) {
        throw new ChangeRejectedException("zone " + zone.origin() + " has no version to apply a diff to");
      }
      return commitDiffs(zone, current, diffs, policy, cause, actor);
    }
  }

  /**
   * Applies record changes (API writes, RFC 2136 UPDATE) decided by {@code edit} against the served
   * version, under the zone's change lock. The SOA serial always moves forward (RFC 2136 §3.6): an
   * SOA given in the changes is used when its serial is newer, otherwise the zone's serial policy
   * picks the next serial ({@code keep} behaves as {@code increment} here).
   */
  public CommitOutcome edit(ServedZone zone, ZoneEdit edit, ZoneChangePolicy policy, String cause, Actor actor)
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
      if (policy.signer() != null) {
        return editSigned(zone, current, new ZoneDiff(current.soa(), next, deleted, added), policy, cause, actor);
      }
      return commitDiffs(zone, current, List.of(new ZoneDiff(current.soa(), next, deleted, added)), policy, cause, actor);
    }
  }

  private CommitOutcome commitDiffs(ServedZone zone, ZoneSnapshot current, List<ZoneDiff> diffs, ZoneChangePolicy policy,
      String cause, Actor actor) throws ChangeRejectedException, StoreException {
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
    store.commitAll(zone.origin(), diffs, "", policy.retention(), actor); // one transaction for the whole chain
    zone.swap(next);
    ZoneDiff combined = diffs.size() == 1 ? diffs.get(0) : ZoneDiff.condense(diffs);
    log.info("zone {}: committed serial {} -> {} ({}): {} deleted, {} added", zone.origin(), current.serial(),
        next.serial(), cause, combined.deleted().size(), combined.added().size());
    announce(new Committed(zone.origin(), current, next, combined, cause));
    return new CommitOutcome(true, next.serial(), "serial " + current.serial() + " -> " + next.serial());
  }

  /**
   * A zone Tandem signs, whole content replaced (zone-file reload, a zone created through the API):
   * validate → sign → persist → swap → announce. Only the content is compared (the signer owns the
   * DNSSEC records; ones in the source are replaced, with a warning). The serial is the source's
   * when it is newer than the served one, else the next by the zone's serial policy ({@code keep}
   * acting as {@code increment}): the served serial of a signed zone is Tandem's to move.
   */
  private CommitOutcome replaceSigned(ServedZone zone, ZoneSnapshot current, ZoneSnapshot candidate,
      ZoneChangePolicy policy, String kind, String sourceHash, String cause, Actor actor)
      throws ChangeRejectedException, StoreException {
    ZoneSigner signer = policy.signer();
    int managedInSource = countManaged(candidate);
    if (managedInSource > 0) {
      log.warn("zone {}: {} DNSSEC record(s) (DNSKEY, RRSIG, NSEC, ...) in the {} source are left out: Tandem signs this"
          + " zone with dnssec policy '{}'", zone.origin(), managedInSource, kind, signer.policy().name());
    }
    if (current == null) {
      SigningResult r = sign(signer, candidate, candidate.soa(), null, RefreshBudget.unlimited());
      store.replace(zone.origin(), r.zone(), kind, sourceHash);
      zone.swap(r.zone());
      log.info("zone {}: signed with dnssec policy '{}' at serial {}: {} signatures made", zone.origin(),
          signer.policy().name(), r.zone().serial(), r.signaturesMade());
      announce(new Committed(zone.origin(), null, r.zone(), null, cause));
      return new CommitOutcome(true, r.zone().serial(), "first version, signed");
    }
    ZoneDiff content = contentDiff(current, candidate);
    boolean soaChanged = !sameSoaFields(current.soa(), candidate.soa());
    boolean newer = SerialNumber.isNewer(candidate.serial(), current.serial());
    if (!content.changesContent() && !soaChanged && !newer) {
      return new CommitOutcome(false, current.serial(), "unchanged");
    }
    long serial = newer ? candidate.serial() : policy.ownChanges().next(current.serial(), clock);
    SOARecord soa = withSerial(candidate.soa(), serial);
    org.tandemdns.dnssec.SignedChange inc = signChange(signer, current,
        new ZoneDiff(current.soa(), soa, content.deleted(), content.added()));
    if (inc != null) {
      return commitSigned(zone, current, new SigningResult(inc.zone(), inc.signaturesMade(), 0, 0), inc.diff(), policy,
          sourceHash, cause, actor);
    }
    SigningResult r = sign(signer, candidate, soa, current, new RefreshBudget(0, java.time.Instant.MIN));
    return commitSigned(zone, current, r, ZoneDiff.between(current, r.zone()), policy, sourceHash, cause, actor);
  }

  /** An API or UPDATE change of a zone Tandem signs: the touched RRsets and the chain around them are signed. */
  private CommitOutcome editSigned(ServedZone zone, ZoneSnapshot current, ZoneDiff change, ZoneChangePolicy policy,
      String cause, Actor actor) throws ChangeRejectedException, StoreException {
    for (Record r : change.added()) {
      if (ZoneSigner.managed(r.getType())) {
        throw new ChangeRejectedException("zone " + zone.origin() + " is signed by Tandem (dnssec policy '"
            + policy.signer().policy().name() + "'): " + Type.string(r.getType())
            + " records are made by the signer and cannot be added (" + r.getName() + ")");
      }
    }
    // deleting a name or all its RRsets lists its signatures and NSEC too: those are the signer's to remove
    change = new ZoneDiff(change.fromSoa(), change.toSoa(),
        change.deleted().stream().filter(r -> !ZoneSigner.managed(r.getType())).toList(), change.added());
    refuseUnreadableTtls(zone, change);
    ZoneSnapshot edited;
    try {
      edited = ZoneEditor.apply(current, change);
    } catch (DiffDoesNotApplyException e) {
      throw new ChangeRejectedException("zone " + zone.origin() + ": " + e.getMessage());
    } catch (ZoneValidationException e) {
      throw new ChangeRejectedException(String.join("; ", e.problems()));
    }
    org.tandemdns.dnssec.SignedChange inc = signChange(policy.signer(), current, change);
    if (inc != null) {
      return commitSigned(zone, current, new SigningResult(inc.zone(), inc.signaturesMade(), 0, 0), inc.diff(), policy, "",
          cause, actor);
    }
    SigningResult r = sign(policy.signer(), edited, change.toSoa(), current, new RefreshBudget(0, java.time.Instant.MIN));
    return commitSigned(zone, current, r, ZoneDiff.between(current, r.zone()), policy, "", cause, actor);
  }

  /**
   * Renews the signatures of a zone Tandem signs that are due (near expiry, made by a key no longer
   * in use, or dated in the future after a clock jump), at most {@code batch} still-valid ones,
   * earliest expiry first; signs the zone whole when it is not signed as its policy says (first
   * start with a policy, policy changed). Commits a new serial only when a signature changed.
   */
  public ResignOutcome resign(ServedZone zone, ZoneChangePolicy policy, int batch, String cause, Actor actor)
      throws ChangeRejectedException, StoreException {
    ZoneSigner signer = policy.signer();
    synchronized (lockFor(zone.origin())) {
      ZoneSnapshot current = zone.snapshot();
      if (current == null || signer == null) {
        return new ResignOutcome(false, 0, 0, null);
      }
      RefreshBudget budget = new RefreshBudget(batch, signer.refreshCutoff(current, batch));
      long serial = policy.ownChanges().next(current.serial(), clock);
      SigningResult r = sign(signer, current, withSerial(current.soa(), serial), current, budget);
      ZoneDiff diff = ZoneDiff.between(current, r.zone());
      boolean onlySoa = diff.deleted().stream().allMatch(ChangePipeline::isSoaSignature)
          && diff.added().stream().allMatch(ChangePipeline::isSoaSignature);
      if (onlySoa) {
        return new ResignOutcome(false, 0, r.refreshDeferred(), signer.nextRefresh(current));
      }
      commitSigned(zone, current, r, diff, policy, "", cause, actor);
      return new ResignOutcome(true, r.signaturesMade(), r.refreshDeferred(), signer.nextRefresh(r.zone()));
    }
  }

  private static boolean isSoaSignature(Record r) {
    return r instanceof org.xbill.DNS.RRSIGRecord s && s.getTypeCovered() == Type.SOA;
  }

  /** The change signed in time proportional to it, or null when it needs a whole signing run. */
  private org.tandemdns.dnssec.SignedChange signChange(ZoneSigner signer, ZoneSnapshot current, ZoneDiff change)
      throws ChangeRejectedException {
    long start = System.nanoTime();
    try {
      org.tandemdns.dnssec.SignedChange c = signer.signChange(current, change);
      if (c != null) {
        log.debug("zone {}: the change signed incrementally: {} signatures made in {} ms", current.origin(),
            c.signaturesMade(), (System.nanoTime() - start) / 1_000_000);
      }
      return c;
    } catch (ZoneValidationException e) {
      throw new ChangeRejectedException("zone " + current.origin() + ": the signed version is not valid: "
          + String.join("; ", e.problems()));
    } catch (RuntimeException e) {
      throw new ChangeRejectedException("zone " + current.origin() + ": signing failed: " + e.getMessage());
    }
  }

  private SigningResult sign(ZoneSigner signer, ZoneSnapshot content, SOARecord soa, ZoneSnapshot previous,
      RefreshBudget budget) throws ChangeRejectedException {
    long start = System.nanoTime();
    try {
      SigningResult r = signer.sign(content, soa, previous, budget);
      log.debug("zone {}: signing made {} and kept {} signatures in {} ms", content.origin(), r.signaturesMade(),
          r.signaturesKept(), (System.nanoTime() - start) / 1_000_000);
      return r;
    } catch (ZoneValidationException e) {
      throw new ChangeRejectedException("zone " + content.origin() + ": the signed version is not valid: "
          + String.join("; ", e.problems()));
    } catch (RuntimeException e) {
      throw new ChangeRejectedException("zone " + content.origin() + ": signing failed: " + e.getMessage());
    }
  }

  /** Persists, swaps and announces a signed version; {@code diff} leads from {@code current} to it. */
  private CommitOutcome commitSigned(ServedZone zone, ZoneSnapshot current, SigningResult r, ZoneDiff diff,
      ZoneChangePolicy policy, String sourceHash, String cause, Actor actor) throws StoreException {
    ZoneSnapshot next = r.zone();
    store.commit(zone.origin(), diff, sourceHash, policy.retention(), actor);
    zone.swap(next);
    log.info("zone {}: committed serial {} -> {} ({}), signed: {} deleted, {} added, {} signatures made", zone.origin(),
        current.serial(), next.serial(), cause, diff.deleted().size(), diff.added().size(), r.signaturesMade());
    announce(new Committed(zone.origin(), current, next, diff, cause));
    return new CommitOutcome(true, next.serial(), "serial " + current.serial() + " -> " + next.serial() + " (signed)");
  }

  /** The changes between two versions outside the SOA and the records the signer owns. */
  private static ZoneDiff contentDiff(ZoneSnapshot current, ZoneSnapshot candidate) {
    ZoneDiff all = ZoneDiff.between(current, candidate);
    List<Record> deleted = all.deleted().stream().filter(r -> !ZoneSigner.managed(r.getType())).toList();
    List<Record> added = all.added().stream().filter(r -> !ZoneSigner.managed(r.getType())).toList();
    return new ZoneDiff(all.fromSoa(), all.toSoa(), deleted, added);
  }

  private static int countManaged(ZoneSnapshot z) {
    int[] n = {0};
    z.forEachRecord(r -> {
      if (ZoneSigner.managed(r.getType())) {
        n[0]++;
      }
    });
    return n[0];
  }

  private static boolean sameSoaFields(SOARecord a, SOARecord b) {
    return a.getTTL() == b.getTTL() && a.getHost().equals(b.getHost()) && a.getAdmin().equals(b.getAdmin())
        && a.getRefresh() == b.getRefresh() && a.getRetry() == b.getRetry() && a.getExpire() == b.getExpire()
        && a.getMinimum() == b.getMinimum();
  }

  private static SOARecord withSerial(SOARecord s, long serial) {
    return new SOARecord(s.getName(), s.getDClass(), s.getTTL(), s.getHost(), s.getAdmin(), serial, s.getRefresh(),
        s.getRetry(), s.getExpire(), s.getMinimum());
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
