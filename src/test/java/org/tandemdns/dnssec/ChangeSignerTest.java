package org.tandemdns.dnssec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandemdns.config.DnssecPolicy;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneEditor;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A change signed incrementally ({@link ZoneSigner#signChange}) gives the zone a whole signing run
 * gives: 80 random changes (names appearing and going, empty non-terminals made and pruned, types
 * added to and taken from existing names, wildcards), each compared with the whole run on the same
 * input — the same records besides RRSIGs, signatures by the same keys over every RRset, each one
 * verifying — and the diff it returns is exactly the difference of the two versions.
 */
class ChangeSignerTest {
  private static final Name ZONE = Name.fromConstantString("signed.test.");
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nsec", "nsec3", "nsec3-split"})
  void incrementalSigningMatchesAWholeRun(String kind) throws Exception {
    DnssecPolicy d = DnssecPolicy.builtInDefault();
    DnssecPolicy p = new DnssecPolicy("p", d.algorithm(), kind.endsWith("split") ? "ksk-zsk" : "csk", !kind.equals("nsec"),
        0, 0, false, d.rrsigLifetime(), d.rrsigRefresh(), d.rrsigJitter(), d.dnskeyTtl(), d.zskLifetime(),
        d.kskLifetime(), d.cdsCdnskeyPublish(), null, null, null);
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    ZoneSigner signer = new ZoneSigner(ZONE, p, ZoneKeys.loadOrCreate(dir, ZONE, p, T0), clock, new SplittableRandom(9));
    ZoneSnapshot content = TestZones.parse(ZONE.toString(), Files.readString(Path.of("src/test/resources/dnssec/signed.test.zone")));
    ZoneSnapshot prev = signer.sign(content, content.soa(), null, RefreshBudget.unlimited()).zone();
    Random random = new Random(kind.hashCode());
    int incremental = 0;
    int fallbacks = 0;
    for (int i = 0; i < 80; i++) {
      ZoneDiff change = randomChange(prev, random);
      SignedChange inc = signer.signChange(prev, change);
      ZoneSnapshot edited = ZoneEditor.apply(prev, change);
      ZoneSnapshot whole = signer.sign(edited, change.toSoa(), prev, new RefreshBudget(0, Instant.MIN)).zone();
      if (inc == null) {
        fallbacks++;
        prev = whole;
        continue;
      }
      incremental++;
      String what = "change " + i + " (" + change.deleted() + " -> " + change.added() + ")";
      Set<String> want = unsignedRecords(whole);
      Set<String> got = unsignedRecords(inc.zone());
      assertEquals(want, got, what + ": records besides RRSIG; missing " + minus(want, got) + ", extra " + minus(got, want));
      assertEquals(signatureShape(whole), signatureShape(inc.zone()), what + ": who signs what");
      assertVerifies(inc.zone(), inc.diff().added(), what);
      assertSameChain(inc.zone().denial(), inc.zone().withSerial(inc.zone().serial()).denial(), what);
      ZoneDiff actual = ZoneDiff.between(prev, inc.zone());
      assertEquals(new HashSet<>(actual.deleted()), new HashSet<>(inc.diff().deleted()), what + ": deleted");
      assertEquals(new HashSet<>(actual.added()), new HashSet<>(inc.diff().added()), what + ": added");
      prev = inc.zone();
    }
    assertTrue(incremental > 55, "signed incrementally: " + incremental + ", whole runs: " + fallbacks);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"secure", "insecure", "dname"})
  void changesAtOrBelowZoneCutsAndDnamesNeedAWholeRun(String label) throws Exception {
    DnssecPolicy p = DnssecPolicy.builtInDefault();
    ZoneSigner signer = new ZoneSigner(ZONE, p, ZoneKeys.loadOrCreate(dir, ZONE, p, T0), Clock.fixed(T0, ZoneOffset.UTC),
        new SplittableRandom(1));
    ZoneSnapshot content = TestZones.parse(ZONE.toString(), Files.readString(Path.of("src/test/resources/dnssec/signed.test.zone")));
    ZoneSnapshot prev = signer.sign(content, content.soa(), null, RefreshBudget.unlimited()).zone();
    Name below = Name.fromString("x." + label, ZONE);
    ZoneDiff change = new ZoneDiff(prev.soa(), next(prev.soa()), List.of(),
        List.of(new ARecord(below, DClass.IN, 300, InetAddress.getByName("192.0.2.44"))));
    assertNull(signer.signChange(prev, change));
  }

  private static SOARecord next(SOARecord soa) {
    return new SOARecord(soa.getName(), soa.getDClass(), soa.getTTL(), soa.getHost(), soa.getAdmin(), soa.getSerial() + 1,
        soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
  }

  /** Adds or deletes an A or TXT record at a name chosen among new, deep, wildcard and existing ones. */
  private static ZoneDiff randomChange(ZoneSnapshot z, Random random) throws Exception {
    String[] names = {"www", "mail", "txt", "h" + random.nextInt(12), "a.b.ent", "c.b.ent", "d" + random.nextInt(4) + ".e.deep",
        "*.wild", "*.w" + random.nextInt(3), "x" + random.nextInt(20)};
    Name name = Name.fromString(names[random.nextInt(names.length)], ZONE);
    boolean txt = random.nextBoolean();
    Node node = z.node(name);
    Record[] existing = node == null ? null : node.rrset(txt ? Type.TXT : Type.A);
    List<Record> deleted = new ArrayList<>();
    List<Record> added = new ArrayList<>();
    if (existing != null && random.nextInt(3) > 0) {
      deleted.add(existing[random.nextInt(existing.length)]);
    } else {
      long ttl = existing == null ? 300 : existing[0].getTTL();
      added.add(txt ? new TXTRecord(name, DClass.IN, ttl, "v" + random.nextInt(1000))
          : new ARecord(name, DClass.IN, ttl, InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) random.nextInt(250)})));
    }
    return new ZoneDiff(z.soa(), next(z.soa()), deleted, added);
  }

  /** The chain carried over from the previous version ({@code DenialChain.edited}) is the one built from scratch. */
  private static void assertSameChain(org.tandemdns.zone.DenialChain edited, org.tandemdns.zone.DenialChain whole,
      String what) {
    assertEquals(whole.kind(), edited.kind(), what + ": chain kind");
    assertEquals(whole.size(), edited.size(), what + ": chain length");
    for (int i = 0; i < whole.size(); i++) {
      assertEquals(whole.at(i).name(), edited.at(i).name(), what + ": chain entry " + i);
      if (whole.kind() == org.tandemdns.zone.DenialChain.Kind.NSEC3) {
        assertTrue(java.util.Arrays.equals(whole.hashAt(i), edited.hashAt(i)), what + ": hash " + i);
      }
      assertTrue(whole.at(i).sameData(edited.at(i)), what + ": the node of chain entry " + i + " is current");
    }
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  private static Set<String> unsignedRecords(ZoneSnapshot z) {
    Set<String> out = new TreeSet<>();
    z.forEachRecord(r -> {
      if (r.getType() != Type.RRSIG) {
        out.add(r.toString());
      }
    });
    return out;
  }

  /** Each RRSIG as owner, covered type, key tag and original TTL: what must agree (the signature bytes differ). */
  private static Set<String> signatureShape(ZoneSnapshot z) {
    Set<String> out = new TreeSet<>();
    z.forEachRecord(r -> {
      if (r instanceof RRSIGRecord s) {
        out.add(s.getName() + " " + Type.string(s.getTypeCovered()) + " " + s.getFootprint() + " " + s.getOrigTTL());
      }
    });
    return out;
  }

  /** Every signature the change made verifies over its RRset in the new version. */
  private static void assertVerifies(ZoneSnapshot z, List<Record> added, String what) throws Exception {
    List<DNSKEYRecord> keys = new ArrayList<>();
    for (Record r : z.apex().rrset(Type.DNSKEY)) {
      keys.add((DNSKEYRecord) r);
    }
    int verified = 0;
    for (Record r : added) {
      if (r instanceof RRSIGRecord sig) {
        DNSKEYRecord key = keys.stream().filter(k -> k.getFootprint() == sig.getFootprint()).findFirst().orElse(null);
        assertNotNull(key, what + ": " + sig + " by a key not in the DNSKEY RRset");
        DNSSEC.verify(new RRset(z.node(sig.getName()).rrset(sig.getTypeCovered())), sig, key, T0);
        verified++;
      }
    }
    assertTrue(verified > 0, what + ": no signature made (the SOA at least is signed again)");
  }
}
