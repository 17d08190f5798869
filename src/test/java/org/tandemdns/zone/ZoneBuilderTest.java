package org.tandemdns.zone;

import org.xbill.DNS.Record;

import org.xbill.DNS.DClass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** Zone validation at load: RFC 1034 §4.2.1, §3.6.2, RFC 2181 §5.2 and §10.1, RFC 6672 §2.4. */
class ZoneBuilderTest {
  static final String HEAD = """
      $ORIGIN z.test.
      $TTL 60
      @ SOA ns1 hostmaster 1 7200 900 1209600 300
      @ NS ns1
      ns1 A 192.0.2.1
      """;

  static ZoneBuilder builderFor(String body) throws Exception {
    Name origin = Name.fromConstantString("z.test.");
    ZoneBuilder b = new ZoneBuilder(origin, "z.zone");
    ZoneFileReader.forUntrustedText().read(new StringReader(HEAD + body), "z.zone", origin, b::add);
    return b;
  }

  static ZoneSnapshot build(String body) throws Exception {
    return builderFor(body).build();
  }

  /** RFC 2181 §5: an RRset is a set. A repeat of any of its records, not only the first, is dropped. */
  @Test
  void repeatedRecordsAreDroppedWhereverTheyStand() throws Exception {
    ZoneSnapshot z = build("a A 192.0.2.1\na A 192.0.2.2\na A 192.0.2.2\na A 192.0.2.3\na A 192.0.2.3\na A 192.0.2.1\n");
    assertThat(z.node(Name.fromConstantString("a.z.test.")).rrset(org.xbill.DNS.Type.A)).extracting(r -> r.rdataToString())
        .containsExactlyInAnyOrder("192.0.2.1", "192.0.2.2", "192.0.2.3");
    assertThat(z.recordCount()).isEqualTo(build("").recordCount() + 3);
  }

  @Test
  void cnameBesideOtherDataIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> build("www A 192.0.2.1\nwww CNAME ns1\n"))
        .isInstanceOf(ZoneValidationException.class)
        .hasMessageContaining("z.zone:7: www.z.test. has a CNAME and other data (A)");
  }

  @Test
  void dataBesideACnameIsAnErrorToo() {
    assertThatThrownBy(() -> build("www CNAME ns1\nwww TXT \"x\"\n"))
        .hasMessageContaining("z.zone:7: www.z.test. has a CNAME and other data (TXT)");
  }

  @Test
  void twoCnamesAtOneNameAreAnError() {
    assertThatThrownBy(() -> build("www CNAME ns1\nwww CNAME ns2\n")).hasMessageContaining("z.zone:7: more than one CNAME");
  }

  @Test
  void twoDnamesAtOneNameAreAnError() {
    assertThatThrownBy(() -> build("d DNAME a.\nd DNAME b.\n")).hasMessageContaining("z.zone:7: more than one DNAME");
  }

  @Test
  void soaOutsideTheApexIsAnError() {
    assertThatThrownBy(() -> build("sub SOA ns1 hostmaster 1 2 3 4 5\n")).hasMessageContaining("z.zone:6: SOA at sub.z.test. is not at the zone apex");
  }

  @Test
  void aSecondSoaIsAnError() {
    assertThatThrownBy(() -> build("@ SOA ns1 hostmaster 2 7200 900 1209600 300\n")).hasMessageContaining("z.zone:6: a second SOA");
  }

  @Test
  void missingSoaAndNsAreErrors() throws Exception {
    Name origin = Name.fromConstantString("z.test.");
    ZoneBuilder b = new ZoneBuilder(origin, "empty.zone");
    ZoneFileReader.forUntrustedText().read(new StringReader("$TTL 60\nwww A 192.0.2.1\n"), "empty.zone", origin, b::add);
    assertThatThrownBy(b::build)
        .isInstanceOfSatisfying(ZoneValidationException.class, e -> assertThat(e.problems()).containsExactly(
            "empty.zone: no SOA record at the zone apex z.test.", "empty.zone: no NS records at the zone apex z.test."));
  }

  @Test
  void outOfZoneDataIsIgnoredWithAWarningNamingTheLine() throws Exception {
    ZoneBuilder b = builderFor("www.other.test. A 192.0.2.1\n");
    ZoneSnapshot z = b.build();
    assertThat(b.warnings()).containsExactly("z.zone:6: www.other.test. A is outside zone z.test.; ignored");
    assertThat(z.node(Name.fromConstantString("www.other.test."))).isNull();
  }

  @Test
  void glueBelowADelegationIsKeptAndOtherDataThereIsWarned() throws Exception {
    ZoneBuilder b = builderFor("sub NS ns.sub\nns.sub A 192.0.2.53\nns.sub TXT \"hidden\"\n");
    ZoneSnapshot z = b.build();
    assertThat(z.node(Name.fromConstantString("ns.sub.z.test.")).rrset(Type.A)).hasSize(1);
    assertThat(z.node(Name.fromConstantString("sub.z.test.")).isDelegation()).isTrue();
    assertThat(b.warnings()).containsExactly("z.zone: ns.sub.z.test. TXT is below the delegation at sub.z.test. and will not be served");
  }

  @Test
  void emptyNonTerminalsAreCreatedUpToTheApex() throws Exception {
    ZoneSnapshot z = build("a.b.c A 192.0.2.9\n");
    assertThat(z.node(Name.fromConstantString("b.c.z.test.")).isEmpty()).isTrue();
    assertThat(z.node(Name.fromConstantString("c.z.test.")).isEmpty()).isTrue();
    assertThat(z.nodeCount()).isEqualTo(5);
  }

  @Test
  void anRRsetGetsOneTtlAndDuplicatesCollapse() throws Exception {
    ZoneBuilder b = builderFor("m 60 A 192.0.2.1\nm 30 A 192.0.2.2\nm 60 A 192.0.2.1\n");
    ZoneSnapshot z = b.build();
    var set = z.node(Name.fromConstantString("m.z.test.")).rrset(Type.A);
    assertThat(set).hasSize(2).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(60));
    assertThat(b.warnings()).singleElement().asString().startsWith("z.zone:7: TTL 30 differs");
    assertThat(z.recordCount()).isEqualTo(5);
  }

  @Test
  void recordsShareTheirNodesName() throws Exception {
    ZoneSnapshot z = build("w A 192.0.2.1\nw AAAA 2001:db8::1\n");
    Node w = z.node(Name.fromConstantString("w.z.test."));
    assertThat(w.rrset(Type.A)[0].getName()).isSameAs(w.name());
    assertThat(w.rrset(Type.AAAA)[0].getName()).isSameAs(w.name());
  }

  @Test
  void negativeSoaTtlIsTheSmallerOfSoaTtlAndMinimum() throws Exception {
    ZoneSnapshot z = build("");
    assertThat(z.negativeSoa().getTTL()).isEqualTo(60);
    assertThat(TestZones.parse("y.test.", "$TTL 3600\n@ SOA a b 1 2 3 4 5\n@ NS a\n").negativeSoa().getTTL()).isEqualTo(5);
  }

  /** A name's records in several runs: a few names apart (the pending window) and far apart (a node reopened). */
  @Test
  void recordsOfANameInSeveralRunsMakeOneNode() throws Exception {
    StringBuilder body = new StringBuilder("h A 192.0.2.1\nw CNAME h\nh MX 10 h\n");
    for (int i = 0; i < 10; i++) {
      body.append("x").append(i).append(" A 192.0.2.").append(10 + i).append('\n');
    }
    body.append("h AAAA 2001:db8::1\nH TXT \"late\"\nh A 192.0.2.2\nh A 192.0.2.1\n");
    ZoneSnapshot z = build(body.toString());
    Node h = z.node(Name.fromConstantString("h.z.test."));
    assertThat(h.types()).containsExactly(Type.A, Type.MX, Type.TXT, Type.AAAA);
    assertThat(h.rrset(Type.A)).hasSize(2);
    assertThat(h.recordCount()).isEqualTo(5);
    assertThat(z.recordCount()).isEqualTo(3 + 1 + 5 + 10);
  }

  @Test
  void aCnameConflictAcrossFarApartRunsIsStillFoundWithItsLine() {
    StringBuilder body = new StringBuilder("www A 192.0.2.1\n");
    for (int i = 0; i < 10; i++) {
      body.append("x").append(i).append(" A 192.0.2.").append(10 + i).append('\n');
    }
    body.append("www CNAME ns1\n");
    assertThatThrownBy(() -> build(body.toString()))
        .hasMessageContaining("z.zone:17: www.z.test. has a CNAME and other data (A)");
  }

  @Test
  void emptyNonTerminalsAreAddedForEveryMissingAncestor() throws Exception {
    ZoneSnapshot z = build("a.b.c A 192.0.2.1\nd.b.c A 192.0.2.2\n");
    for (String n : new String[] {"b.c.z.test.", "c.z.test."}) {
      Node ent = z.node(Name.fromConstantString(n));
      assertThat(ent).as(n).isNotNull();
      assertThat(ent.isEmpty()).isTrue();
    }
    assertThat(z.nodeCount()).as("apex, ns1, two hosts, two empty non-terminals").isEqualTo(6);
  }

  /** RFC 2181 §8: a TTL with the top bit set (from a transfer or the store) is taken as 0, never kept unreadable. */
  @Test
  void aTtlWithTheTopBitSetIsTakenAsZero() throws Exception {
    ZoneBuilder b = new ZoneBuilder(Name.fromConstantString("z.test."), "AXFR from 192.0.2.1");
    b.add(Record.fromString(Name.fromConstantString("z.test."), Type.SOA, DClass.IN, 300, "ns1 h 1 2 3 4 5", Name.fromConstantString("z.test.")), null);
    b.add(Record.fromString(Name.fromConstantString("z.test."), Type.NS, DClass.IN, 300, "ns1", Name.fromConstantString("z.test.")), null);
    byte[] wire = Record.fromString(Name.fromConstantString("big.z.test."), Type.A, DClass.IN, 300, "192.0.2.9", Name.root)
        .toWire(org.xbill.DNS.Section.ANSWER);
    int ttlAt = Name.fromConstantString("big.z.test.").length() + 4;
    for (int i = 0; i < 4; i++) {
      wire[ttlAt + i] = (byte) 0xFF; // 4294967295, as a primary or an old store could send it
    }
    b.add(Record.fromWire(wire, org.xbill.DNS.Section.ANSWER), null);
    ZoneSnapshot z = b.build();
    assertThat(z.node(Name.fromConstantString("big.z.test.")).rrset(Type.A)[0].getTTL()).isZero();
    assertThat(b.warnings()).anySatisfy(w -> assertThat(w).contains("TTL 4294967295").contains("RFC 2181 §8"));
  }
}
