package org.tandemdns.sync.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandemdns.sync.PlanOptions;
import org.tandemdns.sync.Planner;
import org.tandemdns.sync.RRsetChange;
import org.tandemdns.sync.TestContent;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.RRsetKey;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/** RFC 2136 rendering: prerequisites (§2.4), updates (§2.5), deletes before adds. */
class UpdateMessagesTest {
  private static final Name ZONE = TestContent.ORIGIN;
  private static final String SOA = "@ SOA ns1 hostmaster 1 3600 600 86400 300";

  private static List<RRsetChange> plan(String[] source, String[] target, boolean apexNs) {
    return new Planner().plan(ZONE, "t", TestContent.of(source), TestContent.of(target), RecordTypes::anyDataType,
        String::valueOf, new PlanOptions(apexNs, 1, true)).changes();
  }

  /** Each record as "class TTL name TYPE rdata". */
  private static List<String> section(Update u, int section) {
    List<String> out = new ArrayList<>();
    for (Record r : u.getSection(section)) {
      out.add(DClass.string(r.getDClass()) + " " + r.getTTL() + " " + r.getName() + " " + Type.string(r.getType())
          + (r.rdataToString().isEmpty() ? "" : " " + r.rdataToString()));
    }
    return out;
  }

  @Test
  void createsUpdatesAndDeletesCarryPrerequisitesOnWhatWasRead() {
    List<RRsetChange> changes = plan(
        new String[] {SOA, "new A 192.0.2.1", "www 600 A 192.0.2.2", "www A 192.0.2.3"},
        new String[] {SOA, "www A 192.0.2.9", "old TXT \"x\""}, false);
    Update u = UpdateMessages.build(ZONE, changes);
    assertThat(u.getSection(Section.ZONE).get(0).getName()).isEqualTo(ZONE);
    assertThat(section(u, Section.PREREQ)).containsExactly(
        "IN 0 old.example.test. TXT \"x\"",
        "NONE 0 new.example.test. A",
        "IN 0 www.example.test. A 192.0.2.9");
    assertThat(section(u, Section.UPDATE)).containsExactly(
        "ANY 0 old.example.test. TXT",
        "IN 300 new.example.test. A 192.0.2.1",
        "ANY 0 www.example.test. A",
        "IN 300 www.example.test. A 192.0.2.2",
        "IN 300 www.example.test. A 192.0.2.3");
  }

  @Test
  void theApexNsIsChangedRecordByRecordSinceItsRRsetCannotBeDeleted() {
    List<RRsetChange> changes = plan(new String[] {SOA, "@ NS ns1", "@ NS ns3"}, new String[] {SOA, "@ NS ns1", "@ NS ns2"}, true);
    Update u = UpdateMessages.build(ZONE, changes);
    assertThat(section(u, Section.UPDATE)).containsExactly(
        "IN 300 example.test. NS ns1.example.test.",
        "IN 300 example.test. NS ns3.example.test.",
        "NONE 0 example.test. NS ns2.example.test.");
  }

  @Test
  void changesMadeWithoutReadingTheTargetAreUnconditional() {
    CanonicalZone z = TestContent.of(SOA, "www A 192.0.2.1").zone();
    List<RRsetChange> changes = List.of(
        new RRsetChange.Update(null, z.get(RRsetKey.of(Name.fromConstantString("www.example.test."), Type.A)).orElseThrow()),
        new RRsetChange.Delete(RRsetKey.of(Name.fromConstantString("gone.example.test."), Type.MX), null));
    Update u = UpdateMessages.build(ZONE, changes);
    assertThat(u.getSection(Section.PREREQ)).isEmpty();
    assertThat(section(u, Section.UPDATE)).containsExactly(
        "ANY 0 gone.example.test. MX", "ANY 0 www.example.test. A", "IN 300 www.example.test. A 192.0.2.1");
  }

  @Test
  void theCostBoundsTheRenderedSize() {
    List<RRsetChange> changes = plan(new String[] {SOA, "a A 192.0.2.1", "b TXT \"" + "x".repeat(200) + "\""},
        new String[] {SOA, "c MX 10 mail"}, false);
    int cost = changes.stream().mapToInt(c -> UpdateMessages.cost(ZONE, c)).sum();
    int rendered = UpdateMessages.build(ZONE, changes).toWire().length;
    assertThat(rendered).isLessThanOrEqualTo(cost + 12 + ZONE.length() + 4);
    assertThat(cost).isGreaterThan(200);
  }
}
