package org.tandemdns.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** Applying a diff to a snapshot equals building the target version from scratch. */
class ZoneEditorTest {
  static ZoneSnapshot v(long serial, String body) {
    return TestZones.parse("e.test.", "$TTL 60\n@ SOA ns h " + serial + " 1 1 1 1\n@ NS ns\nns A 192.0.2.53\n" + body);
  }

  static void assertSame(ZoneSnapshot actual, ZoneSnapshot expected) {
    assertThat(ZoneDiff.between(expected, actual).changesContent()).as("content").isFalse();
    assertThat(actual.serial()).isEqualTo(expected.serial());
    assertThat(actual.nodeCount()).as("nodes, empty non-terminals included").isEqualTo(expected.nodeCount());
    assertThat(actual.recordCount()).isEqualTo(expected.recordCount());
  }

  @Test
  void addingDeepNamesCreatesEmptyNonTerminalsAndRemovingThemPrunesThem() throws Exception {
    ZoneSnapshot v1 = v(1, "a A 192.0.2.1\n");
    ZoneSnapshot v2 = v(2, "a A 192.0.2.1\nx.y.z A 192.0.2.9\n");
    ZoneSnapshot applied = ZoneEditor.apply(v1, ZoneDiff.between(v1, v2));
    assertSame(applied, v2);
    assertThat(applied.node(Name.fromConstantString("y.z.e.test.")).isEmpty()).isTrue();
    ZoneSnapshot back = ZoneEditor.apply(applied, ZoneDiff.between(v2, v(3, "a A 192.0.2.1\n")));
    assertSame(back, v(3, "a A 192.0.2.1\n"));
    assertThat(back.node(Name.fromConstantString("z.e.test."))).isNull();
  }

  @Test
  void anEmptyNonTerminalStaysWhileSomethingIsBelowIt() throws Exception {
    ZoneSnapshot v1 = v(1, "a.b A 192.0.2.1\nc.b A 192.0.2.2\n");
    ZoneSnapshot v2 = v(2, "c.b A 192.0.2.2\n");
    ZoneSnapshot applied = ZoneEditor.apply(v1, ZoneDiff.between(v1, v2));
    assertSame(applied, v2);
    assertThat(applied.node(Name.fromConstantString("b.e.test."))).isNotNull();
  }

  @Test
  void ttlChangesAndDelegationsAreRebuilt() throws Exception {
    ZoneSnapshot v1 = v(1, "a 60 A 192.0.2.1\n");
    ZoneSnapshot v2 = v(2, "a 300 A 192.0.2.1\nsub NS ns.sub\nns.sub A 192.0.2.7\n");
    ZoneSnapshot applied = ZoneEditor.apply(v1, ZoneDiff.between(v1, v2));
    assertSame(applied, v2);
    assertThat(applied.node(Name.fromConstantString("sub.e.test.")).isDelegation()).isTrue();
    assertThat(applied.node(Name.fromConstantString("a.e.test.")).rrset(Type.A)[0].getTTL()).isEqualTo(300);
  }

  @Test
  void aDiffForAnotherSerialOrDeletingWhatIsMissingDoesNotApply() {
    ZoneSnapshot v1 = v(1, "a A 192.0.2.1\n");
    ZoneSnapshot v5 = v(5, "");
    assertThatThrownBy(() -> ZoneEditor.apply(v5, ZoneDiff.between(v1, v(2, ""))))
        .isInstanceOf(DiffDoesNotApplyException.class).hasMessageContaining("starts at serial 1 but the zone is at 5");
    ZoneDiff deletesMissing = ZoneDiff.between(v(1, "ghost A 192.0.2.66\n"), v(2, ""));
    assertThatThrownBy(() -> ZoneEditor.apply(v1, deletesMissing))
        .isInstanceOf(DiffDoesNotApplyException.class).hasMessageContaining("not in the zone");
  }

  @Test
  void aDiffThatBreaksTheZoneIsRefused() {
    ZoneSnapshot v1 = v(1, "www A 192.0.2.1\n");
    ZoneSnapshot bad = TestZones.parse("e.test.", "$TTL 60\n@ SOA ns h 2 1 1 1 1\n@ NS ns\nns A 192.0.2.53\nwww A 192.0.2.1\nzzz A 192.0.2.2\n");
    ZoneDiff addsCname = new ZoneDiff(v1.soa(), bad.soa(), java.util.List.of(),
        java.util.List.of(TestZones.parse("e.test.", "$TTL 60\n@ SOA ns h 2 1 1 1 1\n@ NS ns\nwww CNAME ns\n")
            .node(Name.fromConstantString("www.e.test.")).rrset(Type.CNAME)[0]));
    assertThatThrownBy(() -> ZoneEditor.apply(v1, addsCname)).isInstanceOf(ZoneValidationException.class)
        .hasMessageContaining("CNAME and other data");
    ZoneDiff removesApexNs = new ZoneDiff(v1.soa(), bad.soa(), java.util.List.of(v1.apex().rrset(Type.NS)), java.util.List.of());
    assertThatThrownBy(() -> ZoneEditor.apply(v1, removesApexNs)).hasMessageContaining("removes every NS record at the apex");
  }

  private static String hosts(int from, int count) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < from + count; i++) {
      b.append("big A 10.").append(i >> 16 & 255).append('.').append(i >> 8 & 255).append('.').append(i & 255).append('\n');
    }
    return b.toString();
  }

  /**
   * Issue 13, item 5: an RRset that cannot fit in any DNS message was accepted and then answered
   * SERVFAIL. A change that grows one past 65,518 bytes (about 4,095 A records of 16 bytes each) is
   * refused, naming the RRset; one that fits is applied.
   */
  @Test
  void aChangeThatMakesAnRrsetTooBigForAnyMessageIsRefused() throws Exception {
    ZoneSnapshot v1 = v(1, "");
    ZoneSnapshot fits = v(2, hosts(0, 4_000));
    assertSame(ZoneEditor.apply(v1, ZoneDiff.between(v1, fits)), fits);
    ZoneSnapshot tooBig = v(2, hosts(0, 4_100));
    assertThatThrownBy(() -> ZoneEditor.apply(v1, ZoneDiff.between(v1, tooBig)))
        .isInstanceOf(ZoneValidationException.class)
        .hasMessageContaining("big.e.test. A would be 4100 records, 65610 bytes: more than fits in a DNS message");
  }

  /** Many adds and deletes at one name (one lookup each now; a list scan each made it quadratic). */
  @Test
  void largeChangesAtOneNameApplyExactly() throws Exception {
    ZoneSnapshot v1 = v(1, hosts(0, 3_000));
    ZoneSnapshot v2 = v(2, hosts(1_500, 3_000));
    ZoneSnapshot applied = ZoneEditor.apply(v1, ZoneDiff.between(v1, v2));
    assertSame(applied, v2);
    assertThat(applied.node(Name.fromConstantString("big.e.test.")).rrset(org.xbill.DNS.Type.A)).hasSize(3_000);
  }

  /** Adding a record the zone already has changes nothing, and the record count stays right. */
  @Test
  void addingARecordThatIsThereKeepsTheCount() throws Exception {
    ZoneSnapshot v1 = v(1, "a A 192.0.2.1\n");
    ZoneDiff diff = new ZoneDiff(v1.soa(), v(2, "").soa(), java.util.List.of(),
        java.util.List.of(org.xbill.DNS.Record.fromString(Name.fromConstantString("a.e.test."), org.xbill.DNS.Type.A,
            org.xbill.DNS.DClass.IN, 60, "192.0.2.1", Name.root)));
    ZoneSnapshot applied = ZoneEditor.apply(v1, diff);
    assertThat(applied.recordCount()).isEqualTo(v1.recordCount());
    assertThat(applied.serial()).isEqualTo(2);
  }
}
