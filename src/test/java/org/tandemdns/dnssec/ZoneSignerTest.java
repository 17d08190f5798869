package org.tandemdns.dnssec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

class ZoneSignerTest {
  private static final Name ZONE = Name.fromConstantString("signed.test.");
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir Path dir;

  private static ZoneSnapshot unsigned() throws Exception {
    return TestZones.parse("signed.test.", Files.readString(Path.of("src/test/resources/dnssec/signed.test.zone")));
  }

  private static DnssecPolicy policy(boolean nsec3, boolean optOut, String keys) {
    DnssecPolicy d = DnssecPolicy.builtInDefault();
    return new DnssecPolicy("p", d.algorithm(), keys, nsec3, 0, 0, optOut, d.rrsigLifetime(), d.rrsigRefresh(),
        d.rrsigJitter(), d.dnskeyTtl(), d.zskLifetime(), d.kskLifetime(), d.cdsCdnskeyPublish(), null, null, null);
  }

  private ZoneSigner signer(DnssecPolicy p, Clock clock) throws Exception {
    return new ZoneSigner(ZONE, p, ZoneKeys.loadOrCreate(dir, ZONE, p, clock.instant()), clock, new SplittableRandom(7));
  }

  /** Every RRSIG verifies against the zone's DNSKEYs, and every authoritative RRset has one. */
  private static void assertAllSigned(ZoneSnapshot z, Instant at) throws Exception {
    List<DNSKEYRecord> keys = new ArrayList<>();
    for (Record r : z.apex().rrset(Type.DNSKEY)) {
      keys.add((DNSKEYRecord) r);
    }
    int verified = 0;
    for (Node n : z.nodes()) {
      boolean occluded = occluded(z, n.name());
      for (Record[] set : n.rrsets()) {
        int type = set[0].getType();
        if (type == Type.RRSIG) {
          continue;
        }
        Record[] sigs = n.signatures(type);
        boolean authoritative = !occluded && (!n.isDelegation() || type == Type.DS || type == Type.NSEC);
        if (!authoritative) {
          assertNull(sigs, n.name() + " " + Type.string(type) + " is not authoritative and must not be signed");
          continue;
        }
        assertNotNull(sigs, n.name() + " " + Type.string(type) + " is unsigned");
        for (Record s : sigs) {
          RRSIGRecord sig = (RRSIGRecord) s;
          DNSKEYRecord key = keys.stream().filter(k -> k.getFootprint() == sig.getFootprint()).findFirst().orElseThrow();
          DNSSEC.verify(new RRset(set), sig, key, at); // throws when it does not verify
          verified++;
        }
      }
    }
    assertTrue(verified > 20, "verified " + verified);
  }

  private static boolean occluded(ZoneSnapshot z, Name name) {
    for (Name n = name; n.labels() > ZONE.labels() + 1; ) {
      n = new Name(n, 1);
      Node p = z.node(n);
      if (p != null && (p.isDelegation() || p.hasDname())) {
        return true;
      }
    }
    return false;
  }

  /** The NSEC chain is one cycle through every authoritative name, in canonical order. */
  private static List<Name> nsecChain(ZoneSnapshot z) {
    List<Name> order = new ArrayList<>();
    Name at = ZONE;
    do {
      order.add(at);
      Record[] nsec = z.node(at).rrset(Type.NSEC);
      assertNotNull(nsec, "no NSEC at " + at);
      Name next = ((NSECRecord) nsec[0]).getNext();
      assertTrue(next.equals(ZONE) || next.compareTo(at) > 0, at + " -> " + next + " is not in canonical order");
      at = next;
      assertTrue(order.size() < 10_000);
    } while (!at.equals(ZONE));
    return order;
  }

  @Test
  void signsEveryAuthoritativeRrsetWithNsec() throws Exception {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    ZoneSigner s = signer(policy(false, false, "csk"), clock);
    ZoneSnapshot in = unsigned();
    SigningResult r = s.sign(in, in.soa(), null, RefreshBudget.unlimited());
    ZoneSnapshot z = r.zone();
    assertAllSigned(z, T0);
    List<Name> chain = nsecChain(z);
    assertTrue(chain.contains(Name.fromString("insecure.signed.test.")));
    assertFalse(chain.contains(Name.fromString("ns.insecure.signed.test.")), "glue is not in the chain");
    assertFalse(chain.contains(Name.fromString("ent.signed.test.")), "an empty non-terminal has no NSEC");
    int[] delegationTypes = ((NSECRecord) z.node(Name.fromString("insecure.signed.test.")).rrset(Type.NSEC)[0]).getTypes();
    assertEquals(Set.of(Type.NS, Type.RRSIG, Type.NSEC), toSet(delegationTypes));
    assertNotNull(z.apex().rrset(Type.CDS));
    assertNotNull(z.apex().rrset(Type.CDNSKEY));
    assertEquals(1, z.apex().rrset(Type.DNSKEY).length);
    long negativeTtl = Math.min(in.soa().getTTL(), in.soa().getMinimum());
    assertEquals(negativeTtl, z.apex().rrset(Type.NSEC)[0].getTTL());
    RRSIGRecord sig = (RRSIGRecord) z.apex().signatures(Type.SOA)[0];
    assertEquals(T0.minus(Duration.ofHours(1)), sig.getTimeSigned());
    assertTrue(sig.getExpire().isAfter(T0.plus(Duration.ofDays(14)).minus(Duration.ofHours(1)).minusSeconds(1)));
    assertTrue(!sig.getExpire().isAfter(T0.plus(Duration.ofDays(14))));
    assertEquals(r.signaturesMade(), countSignatures(z));
  }

  @Test
  void kskSignsOnlyTheKeysAndZskTheRest() throws Exception {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    ZoneSigner s = signer(policy(false, false, "ksk-zsk"), clock);
    ZoneSnapshot in = unsigned();
    ZoneSnapshot z = s.sign(in, in.soa(), null, RefreshBudget.unlimited()).zone();
    assertAllSigned(z, T0);
    int ksk = s.keys().keySigning(T0).get(0).tag();
    int zsk = s.keys().zoneSigning(T0).get(0).tag();
    assertEquals(Set.of(ksk), tags(z.apex().signatures(Type.DNSKEY)));
    assertEquals(Set.of(ksk), tags(z.apex().signatures(Type.CDS)));
    assertEquals(Set.of(zsk), tags(z.apex().signatures(Type.SOA)));
    assertEquals(1, z.apex().rrset(Type.CDS).length, "CDS for the KSK only");
  }

  @Test
  void nsec3CoversEmptyNonTerminalsAndOptOutSkipsInsecureDelegations() throws Exception {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    ZoneSnapshot in = unsigned();
    ZoneSnapshot z = signer(policy(true, false, "csk"), clock).sign(in, in.soa(), null, RefreshBudget.unlimited()).zone();
    assertAllSigned(z, T0);
    assertEquals(0, z.apex().rrset(Type.NSEC3PARAM)[0].getTTL());
    assertNotNull(z.denial().nsec3Matching(z.denial().hash(Name.fromString("ent.signed.test."))));
    assertNotNull(z.denial().nsec3Matching(z.denial().hash(Name.fromString("insecure.signed.test."))));
    assertNull(z.denial().nsec3Matching(z.denial().hash(Name.fromString("ns.insecure.signed.test."))));
    assertEquals(0, ((NSEC3Record) z.denial().at(0).rrset(Type.NSEC3)[0]).getFlags());

    ZoneSnapshot o = signer(policy(true, true, "csk"), clock).sign(in, in.soa(), null, RefreshBudget.unlimited()).zone();
    assertNull(o.denial().nsec3Matching(o.denial().hash(Name.fromString("insecure.signed.test."))));
    assertNotNull(o.denial().nsec3Matching(o.denial().hash(Name.fromString("secure.signed.test."))));
    assertEquals(NSEC3Record.Flags.OPT_OUT, ((NSEC3Record) o.denial().at(0).rrset(Type.NSEC3)[0]).getFlags());
  }

  /** A change signs only what it touched, and the result is what a full signing would give. */
  @Test
  void aChangeSignsOnlyWhatItTouchedAndKeepsTheChainWhole() throws Exception {
    for (boolean nsec3 : new boolean[] {false, true}) {
      Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
      ZoneSigner s = signer(policy(nsec3, false, "csk"), clock);
      ZoneSnapshot in = unsigned();
      ZoneSnapshot signed = s.sign(in, in.soa(), null, RefreshBudget.unlimited()).zone();
      Random random = new Random(11);
      for (int step = 0; step < 30; step++) {
        Name name = Name.fromString("h" + random.nextInt(12) + (random.nextBoolean() ? ".sub" : ""), ZONE);
        Record a = new ARecord(name, DClass.IN, 300, java.net.InetAddress.getByName("192.0.2." + random.nextInt(4)));
        Node node = signed.node(name);
        boolean present = node != null && node.rrset(Type.A) != null && List.of(node.rrset(Type.A)).contains(a);
        SOARecord from = signed.soa();
        SOARecord to = (SOARecord) from.withName(ZONE);
        to = new SOARecord(ZONE, DClass.IN, from.getTTL(), from.getHost(), from.getAdmin(), from.getSerial() + 1,
            from.getRefresh(), from.getRetry(), from.getExpire(), from.getMinimum());
        ZoneDiff edit = present ? new ZoneDiff(from, to, List.of(a), List.of()) : new ZoneDiff(from, to, List.of(), List.of(a));
        ZoneSnapshot edited = ZoneEditor.apply(signed, edit);
        SigningResult r = s.sign(edited, to, signed, RefreshBudget.unlimited());
        // the SOA, the RRset changed, and at most the NSEC/NSEC3 records of the names around it
        assertTrue(r.signaturesMade() <= 8, "step " + step + ": made " + r.signaturesMade());
        assertAllSigned(r.zone(), T0);
        ZoneSnapshot full = s.sign(r.zone(), to, null, RefreshBudget.unlimited()).zone();
        assertEquals(unsignedRecords(full), unsignedRecords(r.zone()), "step " + step);
        signed = r.zone();
      }
      if (!nsec3) {
        nsecChain(signed);
      }
    }
  }

  @Test
  void refreshesSignaturesBeforeExpiryWithinTheBudget() throws Exception {
    DnssecPolicy p = policy(false, false, "csk");
    ZoneSnapshot in = unsigned();
    ZoneSigner at0 = signer(p, Clock.fixed(T0, ZoneOffset.UTC));
    ZoneSnapshot signed = at0.sign(in, in.soa(), null, RefreshBudget.unlimited()).zone();
    Instant due = at0.nextRefresh(signed);
    assertTrue(due.isAfter(T0.plus(Duration.ofDays(6))) && due.isBefore(T0.plus(Duration.ofDays(7))), due.toString());

    Instant later = T0.plus(Duration.ofDays(8));
    ZoneSigner at8 = signer(p, Clock.fixed(later, ZoneOffset.UTC));
    int total = countSignatures(signed);
    Instant cutoff = at8.refreshCutoff(signed, 5);
    SigningResult batch = at8.sign(signed, signed.soa(), signed, new RefreshBudget(5, cutoff));
    assertTrue(batch.signaturesMade() <= 5 + 1, "made " + batch.signaturesMade());
    assertTrue(batch.refreshDeferred() > 0);
    SigningResult rest = at8.sign(batch.zone(), batch.zone().soa(), batch.zone(), RefreshBudget.unlimited());
    assertEquals(0, rest.refreshDeferred());
    assertTrue(rest.signaturesMade() + batch.signaturesMade() >= total - 1);
    assertAllSigned(rest.zone(), later);
    assertTrue(at8.nextRefresh(rest.zone()).isAfter(later.plus(Duration.ofDays(6))));

    // a clock set back before the signatures' inception: they are made again
    ZoneSigner back = signer(p, Clock.fixed(T0.minus(Duration.ofDays(2)), ZoneOffset.UTC));
    SigningResult again = back.sign(signed, signed.soa(), signed, RefreshBudget.unlimited());
    assertEquals(total, again.signaturesMade());
  }

  @Test
  void keysAreKeptAcrossRestartsWithPrivateFilesUnreadableByOthers() throws Exception {
    DnssecPolicy p = policy(false, false, "ksk-zsk");
    ZoneKeys first = ZoneKeys.loadOrCreate(dir, ZONE, p, T0);
    ZoneKeys again = ZoneKeys.loadOrCreate(dir, ZONE, p, T0.plusSeconds(60));
    assertEquals(tagsOf(first), tagsOf(again));
    Path keyDir = dir.resolve("signed.test");
    try (var files = Files.list(keyDir)) {
      for (Path f : files.toList()) {
        if (f.toString().endsWith(".pem")) {
          assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
      }
    }
    assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDir)));
    SigningKey k = first.all().get(0);
    Files.delete(keyDir.resolve(KeyFiles.baseName(ZONE, k.algorithm(), k.tag()) + ".pem"));
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> ZoneKeys.loadOrCreate(dir, ZONE, p, T0));
    assertTrue(e.getMessage().contains(".pem"), e.getMessage());
    assertFalse(k.toString().contains(java.util.Base64.getEncoder().encodeToString(k.privateKey().getEncoded())));
  }

  /** Below an apex DNAME nothing is served (RFC 6672 §2.3), so nothing there is signed or chained. */
  @Test
  void dataBelowAnApexDnameIsNeitherSignedNorChained() throws Exception {
    ZoneSnapshot in = TestZones.parse("signed.test.", """
        $TTL 300
        @ SOA ns1.other.test. hostmaster 1 3600 600 86400 300
        @ NS ns1.other.test.
        @ DNAME target.test.
        below A 192.0.2.1
        """);
    ZoneSnapshot z = signer(policy(false, false, "csk"), Clock.fixed(T0, ZoneOffset.UTC))
        .sign(in, in.soa(), null, RefreshBudget.unlimited()).zone();
    Node below = z.node(Name.fromString("below.signed.test."));
    assertNotNull(below, "occluded data is kept as it is");
    assertNull(below.rrset(Type.RRSIG));
    assertNull(below.rrset(Type.NSEC));
    assertEquals(ZONE, ((NSECRecord) z.apex().rrset(Type.NSEC)[0]).getNext(), "the chain is the apex alone");
  }

  @Test
  void signsWithEd25519AndRsa() throws Exception {
    for (String alg : List.of("ed25519", "rsasha256")) {
      DnssecPolicy d = DnssecPolicy.builtInDefault();
      DnssecPolicy p = new DnssecPolicy("p", alg, "csk", false, 0, 0, false, d.rrsigLifetime(), d.rrsigRefresh(),
          d.rrsigJitter(), d.dnskeyTtl(), d.zskLifetime(), d.kskLifetime(), d.cdsCdnskeyPublish(), null, null, null);
      Path keys = dir.resolve(alg);
      Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
      ZoneSigner s = new ZoneSigner(ZONE, p, ZoneKeys.loadOrCreate(keys, ZONE, p, T0), clock, new SplittableRandom(1));
      ZoneSnapshot in = unsigned();
      ZoneSnapshot z = s.sign(in, in.soa(), null, RefreshBudget.unlimited()).zone();
      assertEquals(p.signingAlgorithm().number(), ((DNSKEYRecord) z.apex().rrset(Type.DNSKEY)[0]).getAlgorithm());
      assertAllSigned(z, T0);
    }
  }

  private static Set<Integer> toSet(int[] a) {
    Set<Integer> s = new HashSet<>();
    for (int i : a) {
      s.add(i);
    }
    return s;
  }

  private static Set<Integer> tags(Record[] sigs) {
    Set<Integer> s = new HashSet<>();
    for (Record r : sigs) {
      s.add(((RRSIGRecord) r).getFootprint());
    }
    return s;
  }

  private static List<Integer> tagsOf(ZoneKeys k) {
    return k.all().stream().map(SigningKey::tag).toList();
  }

  private static int countSignatures(ZoneSnapshot z) {
    int n = 0;
    for (Node node : z.nodes()) {
      Record[] sigs = node.rrset(Type.RRSIG);
      n += sigs == null ? 0 : sigs.length;
    }
    return n;
  }

  /** Every record but RRSIGs, as text: the content and the chain. */
  private static Set<String> unsignedRecords(ZoneSnapshot z) {
    Set<String> out = new HashSet<>();
    z.forEachRecord(r -> {
      if (r.getType() != Type.RRSIG) {
        out.add(r.toString());
      }
    });
    return out;
  }
}
