package org.tandemdns.dnssec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.config.DnssecPolicy;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.CDSRecord;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Rollovers driven by a controlled clock in 10-minute steps, judged by a model of every cache a
 * validating resolver and the secondaries may hold: at each step, for every DS set the resolver may
 * have cached (fetched within the DS TTL), every DNSKEY RRset it may have fetched with it (within
 * the DNSKEY TTL, from a secondary up to propagation-delay behind) and every version of the data it
 * may fetch now (same lag), the DNSKEY RRset must validate under the DS set and the data under the
 * DNSKEY RRset. Signatures are checked cryptographically, once per version.
 */
class KeyRolloverTest {
  private static final Name ZONE = Name.fromConstantString("signed.test.");
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final Duration STEP = Duration.ofMinutes(10);
  private static final Duration DNSKEY_TTL = Duration.ofHours(1);
  private static final Duration DELAY = Duration.ofHours(1);
  private static final Duration DS_TTL = Duration.ofHours(2);

  @TempDir Path dir;

  private static DnssecPolicy policy(String keys, boolean nsec3, Duration zskLifetime, Duration kskLifetime) {
    DnssecPolicy d = DnssecPolicy.builtInDefault();
    return new DnssecPolicy("roll", d.algorithm(), keys, nsec3, 0, 0, false, d.rrsigLifetime(), d.rrsigRefresh(),
        d.rrsigJitter(), DNSKEY_TTL, zskLifetime, kskLifetime, d.cdsCdnskeyPublish(), DELAY, DS_TTL, null);
  }

  /** A clock the test moves. */
  static final class StepClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A zone signed at every step, its parent (a registrar acting on CDS after a lag) and the model's checks. */
  final class World {
    final StepClock clock = new StepClock();
    DnssecPolicy policy;
    ZoneSigner signer;
    final ZoneSnapshot content;
    final Duration registrarLag;
    final TreeMap<Instant, Version> versions = new TreeMap<>();
    final TreeMap<Instant, Set<Integer>> parent = new TreeMap<>(); // DS key tags at the parent
    Set<Integer> cdsPending;
    Instant cdsSince;
    long serial = 1;
    int checks;

    World(DnssecPolicy policy, Duration registrarLag) throws Exception {
      this.policy = policy;
      this.registrarLag = registrarLag;
      this.content = TestZones.parse(ZONE.toString(), Files.readString(Path.of("src/test/resources/dnssec/signed.test.zone")));
      this.signer = new ZoneSigner(ZONE, policy, ZoneKeys.loadOrCreate(dir, ZONE, policy, T0), clock, new SplittableRandom(3));
      sign();
      parent.put(T0, versions.lastEntry().getValue().cds); // the operator gave the first DS at once
    }

    void sign() throws Exception {
      ZoneSnapshot previous = versions.isEmpty() ? null : versions.lastEntry().getValue().zone;
      SOARecord soa = content.soa();
      SOARecord next = new SOARecord(soa.getName(), soa.getDClass(), soa.getTTL(), soa.getHost(), soa.getAdmin(),
          serial++, soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
      ZoneSnapshot z = signer.sign(content, next, previous, RefreshBudget.unlimited()).zone();
      versions.put(clock.now, new Version(z, clock.now));
    }

    /** One step: key events, the registrar, the parent agent, a signing run, then the checks. */
    void step(boolean parentAgentAnswers) throws Exception {
      clock.now = clock.now.plus(STEP);
      Instant now = clock.now;
      signer.apply(KeyRollover.due(signer.keys(), policy, now, () -> ZoneSigner.maxTtl(versions.lastEntry().getValue().zone)));
      Set<Integer> atParent = parent.lastEntry().getValue();
      Set<Integer> cds = versions.lastEntry().getValue().cds;
      if (!cds.equals(atParent) && !cds.equals(cdsPending)) {
        cdsPending = cds;
        cdsSince = now;
      }
      if (cdsPending != null && !now.isBefore(cdsSince.plus(registrarLag))) {
        parent.put(now, cdsPending.equals(Set.of(0)) ? Set.of() : cdsPending); // RFC 8078 §4: CDS 0 0 0 00 deletes
        cdsPending = null;
      }
      if (KeyRollover.awaitingDsRemoval(signer.keys(), policy, now) && parentAgentAnswers
          && parent.lastEntry().getValue().isEmpty()) {
        signer.apply(KeyRollover.dsRemoved(signer.keys(), policy, now, DS_TTL));
      }
      SigningKey waiting = KeyRollover.awaitingDs(signer.keys(), now);
      if (waiting != null && parentAgentAnswers && parent.lastEntry().getValue().contains(waiting.tag())) {
        signer.apply(KeyRollover.dsSeen(signer.keys(), policy, now, DS_TTL,
            () -> ZoneSigner.maxTtl(versions.lastEntry().getValue().zone)));
      }
      sign();
      check(now);
    }

    void run(Duration d, boolean parentAgentAnswers) throws Exception {
      for (Instant end = clock.now.plus(d); clock.now.isBefore(end); ) {
        step(parentAgentAnswers);
      }
    }

    private Version servedAt(Instant t) {
      var e = versions.floorEntry(t);
      return e == null ? versions.firstEntry().getValue() : e.getValue();
    }

    private Set<Integer> dsAt(Instant t) {
      var e = parent.floorEntry(t);
      return e == null ? parent.firstEntry().getValue() : e.getValue();
    }

    /** Every combination of caches a resolver may hold at {@code now} must validate. */
    void check(Instant now) {
      for (Duration lagData = Duration.ZERO; lagData.compareTo(DELAY) <= 0; lagData = lagData.plus(STEP)) {
        Version data = servedAt(now.minus(lagData));
        for (Duration ageKeys = Duration.ZERO; ageKeys.compareTo(DNSKEY_TTL) < 0; ageKeys = ageKeys.plus(STEP)) {
          Instant fetchedKeys = now.minus(ageKeys);
          for (Duration lagKeys = Duration.ZERO; lagKeys.compareTo(DELAY) <= 0; lagKeys = lagKeys.plus(STEP)) {
            Version keys = servedAt(fetchedKeys.minus(lagKeys));
            for (Duration ageDs = Duration.ZERO; ageDs.compareTo(DS_TTL) < 0; ageDs = ageDs.plus(STEP)) {
              Set<Integer> ds = dsAt(fetchedKeys.minus(ageDs));
              checks++;
              if (ds.isEmpty()) {
                continue; // no DS: the resolver treats the zone as insecure, signed or not
              }
              Set<Integer> trusted = new HashSet<>(keys.signingDnskey);
              trusted.retainAll(ds);
              if (trusted.isEmpty()) {
                fail("at " + now + ": DNSKEY RRset served at " + keys.at + " (keys " + keys.published + ", signed by "
                    + keys.signingDnskey + ") has no signature by a key with a DS in " + ds + " (DS of "
                    + fetchedKeys.minus(ageDs) + ")");
              }
              for (var e : data.signers.entrySet()) {
                Set<Integer> usable = new HashSet<>(e.getValue());
                usable.retainAll(keys.published);
                if (usable.isEmpty()) {
                  fail("at " + now + ": " + e.getKey() + " served at " + data.at + " is signed by " + e.getValue()
                      + ", none of them in the DNSKEY RRset " + keys.published + " served at " + keys.at);
                }
              }
            }
          }
        }
      }
    }
  }

  /** A signed version, with what the checks need, its signatures verified once. */
  static final class Version {
    final ZoneSnapshot zone;
    final Instant at;
    final Set<Integer> published = new HashSet<>();
    final Set<Integer> signingDnskey = new HashSet<>();
    final Set<Integer> cds = new HashSet<>();
    final Map<String, Set<Integer>> signers = new TreeMap<>();

    Version(ZoneSnapshot zone, Instant at) throws Exception {
      this.zone = zone;
      this.at = at;
      List<DNSKEYRecord> keys = new ArrayList<>();
      if (zone.apex().rrset(Type.DNSKEY) == null) {
        for (String name : List.of("signed.test. SOA", "www.signed.test. A")) {
          signers.put(name, Set.of()); // unsigned: no key can validate it
        }
        return;
      }
      for (Record r : zone.apex().rrset(Type.DNSKEY)) {
        keys.add((DNSKEYRecord) r);
        published.add(((DNSKEYRecord) r).getFootprint());
      }
      signingDnskey.addAll(verifiedSigners(zone.apex().rrset(Type.DNSKEY), zone.apex().signatures(Type.DNSKEY), keys, at));
      Record[] cdsSet = zone.apex().rrset(Type.CDS);
      if (cdsSet != null) {
        for (Record r : cdsSet) {
          cds.add(((CDSRecord) r).getFootprint());
        }
      }
      boolean nsec = zone.apex().rrset(Type.NSEC) != null;
      String denial = nsec ? "signed.test. NSEC" : zone.nodes().stream().filter(n -> n.rrset(Type.NSEC3) != null)
          .findFirst().orElseThrow().name() + " NSEC3";
      for (String name : List.of("signed.test. SOA", "www.signed.test. A", denial, "secure.signed.test. DS")) {
        String[] f = name.split(" ");
        var node = zone.node(Name.fromString(f[0]));
        int type = Type.value(f[1]);
        signers.put(name, verifiedSigners(node.rrset(type), node.signatures(type), keys, at));
      }
    }

    static Set<Integer> verifiedSigners(Record[] set, Record[] sigs, List<DNSKEYRecord> keys, Instant at) throws Exception {
      assertNotNull(sigs, set[0].getName() + " " + Type.string(set[0].getType()) + " unsigned");
      Set<Integer> out = new HashSet<>();
      for (Record s : sigs) {
        RRSIGRecord sig = (RRSIGRecord) s;
        DNSKEYRecord key = keys.stream().filter(k -> k.getFootprint() == sig.getFootprint()).findFirst()
            .orElseThrow(() -> new AssertionError("RRSIG by key " + sig.getFootprint() + " not in the DNSKEY RRset"));
        DNSSEC.verify(new RRset(set), sig, key, at);
        out.add(sig.getFootprint());
      }
      return out;
    }
  }

  private static Set<Integer> tags(List<SigningKey> keys) {
    return keys.stream().map(SigningKey::tag).collect(Collectors.toSet());
  }

  @Test
  void zskRollsByPrePublicationWhenItsLifetimeIsOver() throws Exception {
    World w = new World(policy("ksk-zsk", false, Duration.ofHours(12), Duration.ZERO), Duration.ofHours(3));
    int firstZsk = w.signer.keys().zoneSigning(T0).get(0).tag();
    int ksk = w.signer.keys().keySigning(T0).get(0).tag();
    w.run(Duration.ofHours(30), true);
    Instant now = w.clock.now;
    List<SigningKey> zsks = w.signer.keys().zoneSigning(now);
    assertEquals(1, zsks.size());
    assertNotEquals(firstZsk, zsks.get(0).tag());
    long rolled = w.signer.keys().all().stream().filter(k -> k.role() == KeyRole.ZSK).count();
    assertEquals(3, rolled, "two rollovers in 30 hours with a 12-hour lifetime");
    assertEquals(Set.of(ksk), tags(w.signer.keys().keySigning(now)), "the KSK stays");
    assertEquals(Set.of(ksk, zsks.get(0).tag()), tags(w.signer.keys().published(now)), "old ZSKs are removed");
    assertTrue(w.checks > 100_000, "checks: " + w.checks);
  }

  @Test
  void kskRollWaitsForTheNewDsThenRemovesTheOldKey() throws Exception {
    World w = new World(policy("ksk-zsk", true, Duration.ZERO, Duration.ZERO), Duration.ofHours(3));
    int oldKsk = w.signer.keys().keySigning(T0).get(0).tag();
    w.run(Duration.ofHours(1), true);
    var step = KeyRollover.startKsk(w.signer.keys(), w.policy, w.clock.now);
    w.signer.apply(step);
    int newKsk = step.keys().get(step.keys().size() - 1).tag();
    assertThrows(KeyRollover.RolloverException.class, () -> KeyRollover.startKsk(w.signer.keys(), w.policy, w.clock.now),
        "one rollover at a time");
    w.run(Duration.ofHours(1), true);
    assertEquals(Set.of(oldKsk), w.versions.lastEntry().getValue().cds, "CDS names the old KSK until the new one is ready");
    w.run(Duration.ofHours(2), true);
    assertEquals(Set.of(newKsk), w.versions.lastEntry().getValue().cds, "then the new one alone");
    assertNotNull(KeyRollover.awaitingDs(w.signer.keys(), w.clock.now));
    w.run(Duration.ofHours(12), true);
    Instant now = w.clock.now;
    assertNull(KeyRollover.awaitingDs(w.signer.keys(), now));
    assertEquals(Set.of(newKsk), tags(w.signer.keys().keySigning(now)));
    assertEquals(Set.of(newKsk), w.parent.lastEntry().getValue());
  }

  @Test
  void cskRollKeepsTheOldKeySigningTheKeysUntilTheDsIsReplaced() throws Exception {
    World w = new World(policy("csk", true, Duration.ZERO, Duration.ofHours(20)), Duration.ofHours(5));
    int oldCsk = w.signer.keys().keySigning(T0).get(0).tag();
    w.run(Duration.ofHours(40), true);
    Instant now = w.clock.now;
    Set<Integer> published = tags(w.signer.keys().published(now));
    assertEquals(1, published.size());
    assertTrue(!published.contains(oldCsk), "the first CSK was rolled at the end of its lifetime");
    assertEquals(published, tags(w.signer.keys().zoneSigning(now)));
  }

  @Test
  void aParentThatNeverPublishesTheDsKeepsTheOldKeyForever() throws Exception {
    World w = new World(policy("csk", false, Duration.ZERO, Duration.ZERO), Duration.ofDays(365));
    int oldCsk = w.signer.keys().keySigning(T0).get(0).tag();
    w.signer.apply(KeyRollover.startKsk(w.signer.keys(), w.policy, w.clock.now));
    w.run(Duration.ofDays(3), true);
    Instant now = w.clock.now;
    assertTrue(tags(w.signer.keys().keySigning(now)).contains(oldCsk), "the old CSK still signs the DNSKEY RRset");
    assertNotNull(KeyRollover.awaitingDs(w.signer.keys(), now));
    assertNull(w.signer.keys().all().stream().filter(k -> k.tag() == oldCsk).findFirst().orElseThrow().times().remove());
  }

  @Test
  void goingInsecureDeletesTheDsFirstThenTheKeysAndSignatures() throws Exception {
    World w = new World(policy("ksk-zsk", true, Duration.ZERO, Duration.ZERO), Duration.ofHours(3));
    w.run(Duration.ofHours(2), true);
    DnssecPolicy d = DnssecPolicy.builtInDefault();
    w.policy = new DnssecPolicy("off", d.algorithm(), "ksk-zsk", true, 0, 0, false, d.rrsigLifetime(), d.rrsigRefresh(),
        d.rrsigJitter(), DNSKEY_TTL, Duration.ZERO, Duration.ZERO, "delete-dnssec", DELAY, DS_TTL, null);
    w.signer = new ZoneSigner(ZONE, w.policy, w.signer.keys(), w.clock, new SplittableRandom(5));
    w.run(Duration.ofHours(1), true);
    assertEquals(Set.of(0), w.versions.lastEntry().getValue().cds, "CDS 0 0 0 00 (RFC 8078 §4)");
    assertTrue(KeyRollover.awaitingDsRemoval(w.signer.keys(), w.policy, w.clock.now), "the keys stay until the DS is gone");
    w.run(Duration.ofHours(12), true);
    assertTrue(w.parent.lastEntry().getValue().isEmpty(), "the registrar deleted the DS");
    ZoneSnapshot last = w.versions.lastEntry().getValue().zone;
    assertNull(last.apex().rrset(Type.DNSKEY), "no DNSKEY once the DS is gone and its TTL passed");
    assertNull(last.apex().signatures(Type.SOA), "no signatures");
    assertNull(last.apex().rrset(Type.NSEC3PARAM));
    assertNotNull(last.node(Name.fromString("www.signed.test.")).rrset(Type.A), "the content stays");
    assertThrows(KeyRollover.RolloverException.class,
        () -> KeyRollover.dsRemoved(w.signer.keys(), w.policy, w.clock.now, DS_TTL));
  }

  @Test
  void aClockJumpForwardFinishesTheRollAndAJumpBackDoesNotUndoIt() throws Exception {
    World w = new World(policy("ksk-zsk", false, Duration.ZERO, Duration.ZERO), Duration.ofHours(3));
    int oldZsk = w.signer.keys().zoneSigning(T0).get(0).tag();
    w.signer.apply(KeyRollover.startZsk(w.signer.keys(), w.policy, w.clock.now, Duration.ofHours(1)));
    int newZsk = w.signer.keys().all().get(w.signer.keys().all().size() - 1).tag();
    w.clock.now = w.clock.now.plus(Duration.ofDays(30)); // forward, past every step of the roll
    w.sign();
    ZoneSnapshot z = w.versions.lastEntry().getValue().zone;
    assertEquals(Set.of(newZsk), Version.verifiedSigners(z.apex().rrset(Type.SOA), z.apex().signatures(Type.SOA),
        List.of(dnskeys(z)), w.clock.now), "the new ZSK signs");
    assertTrue(tags(w.signer.keys().published(w.clock.now)).stream().noneMatch(t -> t == oldZsk), "the old ZSK is gone");
    w.clock.now = T0.plus(Duration.ofMinutes(10)); // back to before the roll began
    w.sign();
    ZoneSnapshot back = w.versions.get(w.clock.now).zone; // (the versions are keyed by the clock, which went back)
    assertEquals(Set.of(newZsk), Version.verifiedSigners(back.apex().rrset(Type.SOA), back.apex().signatures(Type.SOA),
        List.of(dnskeys(back)), w.clock.now), "after the jump back the keys stay as they were, the old ZSK does not return");
    assertEquals(published(z), published(back));
  }

  private static DNSKEYRecord[] dnskeys(ZoneSnapshot z) {
    return java.util.Arrays.stream(z.apex().rrset(Type.DNSKEY)).map(r -> (DNSKEYRecord) r).toArray(DNSKEYRecord[]::new);
  }

  private static Set<Integer> published(ZoneSnapshot z) {
    return java.util.Arrays.stream(dnskeys(z)).map(DNSKEYRecord::getFootprint).collect(Collectors.toSet());
  }

  @Test
  void zskRollOnACskZoneIsRefusedWithTheReason() throws Exception {
    World w = new World(policy("csk", false, Duration.ZERO, Duration.ZERO), Duration.ofHours(1));
    var e = assertThrows(KeyRollover.RolloverException.class,
        () -> KeyRollover.startZsk(w.signer.keys(), w.policy, w.clock.now, Duration.ofHours(1)));
    assertTrue(e.getMessage().contains("--ksk"), e.getMessage());
    assertThrows(KeyRollover.RolloverException.class,
        () -> KeyRollover.dsSeen(w.signer.keys(), w.policy, w.clock.now, DS_TTL, () -> Duration.ofHours(1)));
  }

  @Test
  void keyTimesSurviveARestart() throws Exception {
    World w = new World(policy("ksk-zsk", false, Duration.ZERO, Duration.ZERO), Duration.ofHours(3));
    w.signer.apply(KeyRollover.startZsk(w.signer.keys(), w.policy, w.clock.now, Duration.ofHours(1)));
    ZoneKeys reread = ZoneKeys.loadOrCreate(dir, ZONE, w.policy, w.clock.now);
    assertEquals(w.signer.keys().all().size(), reread.all().size());
    for (int i = 0; i < reread.all().size(); i++) {
      assertEquals(w.signer.keys().all().get(i).times(), reread.all().get(i).times());
      assertEquals(w.signer.keys().all().get(i).tag(), reread.all().get(i).tag());
    }
  }

  @Test
  void aFirstVersionStateFileReadsAsKeysActiveSinceCreation() throws Exception {
    DnssecPolicy p = policy("csk", false, Duration.ZERO, Duration.ZERO);
    ZoneKeys k = ZoneKeys.loadOrCreate(dir, ZONE, p, T0);
    SigningKey csk = k.all().get(0);
    Path state = dir.resolve("signed.test").resolve(ZoneKeys.STATE);
    Files.writeString(state, csk.tag() + " " + csk.algorithm() + " CSK " + csk.created() + "\n");
    ZoneKeys old = ZoneKeys.loadOrCreate(dir, ZONE, p, T0);
    assertEquals(KeyTimes.from(csk.created()), old.all().get(0).times());
    assertEquals(KeyState.ACTIVE, old.all().get(0).state(T0));
  }
}
