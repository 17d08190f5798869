package org.tandemdns.dnssec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.tandemdns.config.DnssecPolicy;

/**
 * Plans key rollovers by setting the {@link KeyTimes} of the keys involved; the signer follows the
 * times, so a rollover needs no other state and resumes after a restart. Intervals as RFC 7583
 * names them, with {@code Dprp} the policy's propagation-delay and {@code TTLkey} its dnskey-ttl.
 *
 * <p><b>ZSK, pre-publication</b> (RFC 6781 §4.1.1.1, RFC 7583 §3.2), planned whole at the start:
 *
 * <pre>
 *   t0               t1 = t0 + TTLkey + Dprp         t2 = t1 + max zone TTL + Dprp
 *   new ZSK published ──► new ZSK signs, old retired ──► old ZSK removed
 * </pre>
 *
 * <p><b>KSK, double-KSK with CDS</b> (RFC 6781 §4.1.2, RFC 7344; Knot's KSK rollover) and <b>CSK</b>
 * (RFC 7583 §3.3.4 with the ZSK part of §3.2): the new key is published and signs the DNSKEY RRset
 * at once; when resolvers know it (t1) it is ready: CDS and CDNSKEY name it alone (the parent is to
 * replace the DS), and a CSK starts signing the zone while the old CSK keeps signing only the
 * DNSKEY RRset. Then the roll waits, as long as it takes, for the new DS at the parent (asked of the
 * parent agents, or confirmed by hand); only then is the old key removed, once the old DS has left
 * resolvers' caches:
 *
 * <pre>
 *   t0 ──► t1 = t0 + TTLkey + Dprp ──► DS seen at parent (t3) ──► t3 + TTLds + Dprp: old key removed
 *   publish   ready: CDS = new key      (waits; never times out)    (a CSK also no sooner than
 *                                                                     t1 + max zone TTL + Dprp)
 * </pre>
 *
 * At every instant the DNSKEY RRset holds a key whose DS the parent serves, signed by it, and every
 * signature a resolver may have cached is made by a key in the DNSKEY RRset it may have cached.
 */
public final class KeyRollover {
  private KeyRollover() {}

  /** A planning step's outcome: the keys after it (the same list when nothing changed) and what to log. */
  public record Step(List<SigningKey> keys, List<String> events) {
    public boolean changed() {
      return !events.isEmpty();
    }

    static Step none(ZoneKeys keys) {
      return new Step(keys.all(), List.of());
    }
  }

  /** A rollover that cannot start or continue now, with the reason. */
  public static final class RolloverException extends Exception {
    public RolloverException(String message) {
      super(message);
    }
  }

  /**
   * Starts the rollovers of keys whose lifetime (zsk-lifetime, ksk-lifetime) has run out at {@code
   * now}; {@code maxZoneTtl} is asked only when a ZSK rollover starts.
   */
  public static Step due(ZoneKeys keys, DnssecPolicy policy, Instant now, Supplier<Duration> maxZoneTtl) {
    if (policy.goesInsecure()) {
      return Step.none(keys);
    }
    ZoneKeys k = keys;
    List<String> events = new ArrayList<>();
    SigningKey ksk = currentKeySigning(k, now);
    if (ksk != null && !policy.kskLifetime().isZero() && !kskRollInProgress(k, now)
        && !ksk.times().active().plus(policy.kskLifetime()).isAfter(now)) {
      Step s = kskStep(k, policy, now, "its lifetime of " + policy.kskLifetime() + " is over");
      events.addAll(s.events());
      k = ZoneKeys.of(k.zone(), s.keys());
    }
    SigningKey zsk = currentZsk(k, now);
    if (zsk != null && !policy.zskLifetime().isZero() && !zskRollInProgress(k, now)
        && !zsk.times().active().plus(policy.zskLifetime()).isAfter(now)) {
      Step s = zskStep(k, policy, now, maxZoneTtl.get(), "its lifetime of " + policy.zskLifetime() + " is over");
      events.addAll(s.events());
      k = ZoneKeys.of(k.zone(), s.keys());
    }
    return new Step(k.all(), events);
  }

  /** Starts a ZSK rollover now ({@code tandem dnssec rollover --zsk}). */
  public static Step startZsk(ZoneKeys keys, DnssecPolicy policy, Instant now, Duration maxZoneTtl)
      throws RolloverException {
    if (currentZsk(keys, now) == null) {
      throw new RolloverException("zone " + keys.zone() + " has no ZSK (it is signed with a CSK: roll it with --ksk)");
    }
    if (zskRollInProgress(keys, now)) {
      throw new RolloverException("zone " + keys.zone() + ": a ZSK rollover is already under way");
    }
    return zskStep(keys, policy, now, maxZoneTtl, "asked for");
  }

  /** Starts a KSK or CSK rollover now ({@code tandem dnssec rollover --ksk}). */
  public static Step startKsk(ZoneKeys keys, DnssecPolicy policy, Instant now) throws RolloverException {
    if (currentKeySigning(keys, now) == null) {
      throw new RolloverException("zone " + keys.zone() + " has no active KSK or CSK to roll");
    }
    if (kskRollInProgress(keys, now)) {
      throw new RolloverException("zone " + keys.zone() + ": a KSK/CSK rollover is already under way");
    }
    return kskStep(keys, policy, now, "asked for");
  }

  /**
   * The parent serves the DS of the new key ({@code awaitingDs}) since {@code now}, with TTL {@code
   * dsTtl}: the old key-signing keys are removed once that DS has reached every cache.
   */
  public static Step dsSeen(ZoneKeys keys, DnssecPolicy policy, Instant now, Duration dsTtl, Supplier<Duration> maxZoneTtl)
      throws RolloverException {
    SigningKey next = awaitingDs(keys, now);
    if (next == null) {
      throw new RolloverException("zone " + keys.zone() + ": no KSK or CSK rollover is waiting for its DS at the parent");
    }
    Duration delay = policy.propagationDelay();
    Instant removeAt = now.plus(dsTtl).plus(delay);
    List<SigningKey> out = new ArrayList<>();
    List<String> events = new ArrayList<>();
    events.add("the parent serves the DS of " + next.role() + " " + next.tag() + " (DS TTL " + dsTtl.toSeconds() + " s)");
    for (SigningKey k : keys.all()) {
      if (k == next) {
        out.add(k.withTimes(k.times().withDsSeen(now)));
      } else if (older(k, next) && k.role().signsKeys() && k.state(now).published() && k.times().remove() == null) {
        Instant remove = removeAt;
        KeyTimes t = k.times();
        if (k.role() == KeyRole.KSK) {
          t = t.withRetire(remove);
        } else if (t.retire() != null && t.retire().plus(maxZoneTtl.get()).plus(delay).isAfter(remove)) {
          remove = t.retire().plus(maxZoneTtl.get()).plus(delay);
        }
        out.add(k.withTimes(t.withRemove(remove)));
        events.add(k.role() + " " + k.tag() + " will be removed at " + remove);
      } else {
        out.add(k);
      }
    }
    return new Step(out, events);
  }

  /**
   * True while a zone going insecure (cds-cdnskey-publish: delete-dnssec, RFC 8078 §4) waits for
   * the parent to delete its DS: keys are still published and none has a removal planned.
   */
  public static boolean awaitingDsRemoval(ZoneKeys keys, DnssecPolicy policy, Instant now) {
    List<SigningKey> published = keys.published(now);
    return policy.goesInsecure() && !published.isEmpty() && published.stream().allMatch(k -> k.times().remove() == null);
  }

  /**
   * The parent has deleted the zone's DS (seen at {@code now}, its TTL {@code dsTtl}): once no
   * resolver can hold it, every key leaves together with every signature, and the zone is served
   * unsigned.
   */
  public static Step dsRemoved(ZoneKeys keys, DnssecPolicy policy, Instant now, Duration dsTtl)
      throws RolloverException {
    if (!awaitingDsRemoval(keys, policy, now)) {
      throw new RolloverException("zone " + keys.zone() + " does not wait for its DS to be deleted (its policy is not"
          + " going insecure, or the removal is planned already)");
    }
    Instant removeAt = now.plus(dsTtl).plus(policy.propagationDelay());
    List<SigningKey> out = new ArrayList<>();
    for (SigningKey k : keys.all()) {
      out.add(k.state(now).published() ? k.withTimes(k.times().withRetire(removeAt).withRemove(removeAt)) : k);
    }
    return new Step(out, List.of("the parent no longer serves a DS; the zone's keys and signatures are removed at "
        + removeAt + " (insecure from then on)"));
  }

  /**
   * The new KSK or CSK of a rollover that is ready and waits for its DS at the parent, or null: an
   * active key-signing key not yet seen at the parent while an older key-signing key is still
   * published with no removal planned.
   */
  public static SigningKey awaitingDs(ZoneKeys keys, Instant now) {
    if (keys.all().isEmpty()) {
      return null;
    }
    SigningKey newest = keys.dsKey(now);
    if (newest == null || newest.times().dsSeen() != null) {
      return null;
    }
    boolean olderLeft = keys.all().stream().anyMatch(k -> older(k, newest) && k.role().signsKeys()
        && k.state(now).published() && k.times().remove() == null);
    return olderLeft ? newest : null;
  }

  /** True when {@code k} became active before {@code than} (a key not yet active is never older). */
  private static boolean older(SigningKey k, SigningKey than) {
    return k != than && k.times().active() != null && k.times().active().isBefore(than.times().active());
  }

  /** The newest active ZSK that has no successor planned, or null. */
  private static SigningKey currentZsk(ZoneKeys keys, Instant now) {
    return keys.all().stream().filter(k -> k.role() == KeyRole.ZSK && k.state(now) == KeyState.ACTIVE
        && k.times().retire() == null).max(Comparator.comparing(k -> k.times().active())).orElse(null);
  }

  /** The newest active KSK or CSK, or null. */
  private static SigningKey currentKeySigning(ZoneKeys keys, Instant now) {
    return keys.dsKey(now);
  }

  private static boolean zskRollInProgress(ZoneKeys keys, Instant now) {
    return keys.all().stream().anyMatch(k -> k.role() == KeyRole.ZSK && (k.state(now) == KeyState.GENERATED
        || k.state(now) == KeyState.PUBLISHED || k.state(now) == KeyState.RETIRED
        || k.state(now) == KeyState.ACTIVE && k.times().retire() != null));
  }

  private static boolean kskRollInProgress(ZoneKeys keys, Instant now) {
    return awaitingDs(keys, now) != null || keys.all().stream().anyMatch(k -> k.role().signsKeys()
        && (k.state(now) == KeyState.GENERATED || k.state(now) == KeyState.PUBLISHED
            || k.state(now).published() && k.times().remove() != null));
  }

  private static Step zskStep(ZoneKeys keys, DnssecPolicy policy, Instant now, Duration maxZoneTtl, String why) {
    Duration delay = policy.propagationDelay();
    Instant t1 = now.plus(policy.dnskeyTtl()).plus(delay);
    Instant t2 = t1.plus(maxZoneTtl).plus(delay);
    SigningKey fresh = keys.generate(policy, KeyRole.ZSK, now, new KeyTimes(now, t1, null, null, null));
    List<SigningKey> out = new ArrayList<>();
    List<String> events = new ArrayList<>();
    events.add("ZSK rollover started (" + why + "): new ZSK " + fresh.tag() + " published now, signs from " + t1);
    for (SigningKey k : keys.all()) {
      if (k.role() == KeyRole.ZSK && k.state(now) == KeyState.ACTIVE && k.times().retire() == null) {
        out.add(k.withTimes(k.times().withRetire(t1).withRemove(t2)));
        events.add("ZSK " + k.tag() + " stops signing at " + t1 + " and is removed at " + t2);
      } else {
        out.add(k);
      }
    }
    out.add(fresh);
    return new Step(out, events);
  }

  private static Step kskStep(ZoneKeys keys, DnssecPolicy policy, Instant now, String why) {
    KeyRole role = policy.keyScheme() == DnssecPolicy.KeyScheme.CSK ? KeyRole.CSK : KeyRole.KSK;
    Instant t1 = now.plus(policy.dnskeyTtl()).plus(policy.propagationDelay());
    SigningKey fresh = keys.generate(policy, role, now, new KeyTimes(now, t1, null, null, null));
    List<SigningKey> out = new ArrayList<>();
    List<String> events = new ArrayList<>();
    events.add(role + " rollover started (" + why + "): new " + role + " " + fresh.tag() + " published now, ready for"
        + " its DS at " + t1);
    for (SigningKey k : keys.all()) {
      if (k.role() == KeyRole.CSK && role == KeyRole.CSK && k.state(now) == KeyState.ACTIVE && k.times().retire() == null) {
        out.add(k.withTimes(k.times().withRetire(t1)));
        events.add("CSK " + k.tag() + " stops signing the zone's data at " + t1 + " (it signs the DNSKEY RRset until"
            + " the new DS is at the parent)");
      } else {
        out.add(k);
      }
    }
    out.add(fresh);
    return new Step(out, events);
  }
}
