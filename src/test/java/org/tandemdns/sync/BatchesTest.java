package org.tandemdns.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.sync.provider.BatchCost;
import org.tandemdns.sync.provider.Provider;
import org.tandemdns.sync.provider.ProviderException;
import org.tandemdns.sync.provider.RecordTypes;
import org.tandemdns.sync.provider.ZoneContent;
import org.tandemdns.zone.compare.CanonicalZone;
import org.xbill.DNS.Name;

class BatchesTest {

  /** A provider whose batches hold {@code max} RRsets. */
  private static Provider limit(int max) {
    return new Provider() {
      @Override public String name() { return "small"; }
      @Override public String type() { return "test"; }
      @Override public boolean supports(int type) { return RecordTypes.anyDataType(type); }
      @Override public BatchCost batchCost(Name zone, RRsetChange change) { return BatchCost.ONE; }
      @Override public BatchCost maxBatchCost() { return BatchCost.maxCount(max); }
      @Override public OptionalLong apply(Name zone, List<RRsetChange> batch, OptionalLong s) { return OptionalLong.empty(); }
      @Override public List<ServerAddress> nameservers() { return List.of(); }
      @Override public String describe() { return "test"; }
      @Override public ZoneContent read(Name zone) { return ZoneContent.of(CanonicalZone.builder(zone).build()); }
    };
  }

  private static List<RRsetChange> plan(String[] source, String[] target) {
    return new Planner().plan(TestContent.ORIGIN, "t", TestContent.of(source), TestContent.of(target), RecordTypes::anyDataType,
        String::valueOf, new PlanOptions(false, 1, false)).changes();
  }

  private static List<List<String>> names(List<List<RRsetChange>> batches) {
    List<List<String>> out = new ArrayList<>();
    for (List<RRsetChange> b : batches) {
      out.add(b.stream().map(c -> c.verb() + " " + c.key()).toList());
    }
    return out;
  }

  private static final String SOA = "@ SOA ns1 hostmaster 1 3600 600 86400 300";

  @Test
  void namesWithOnlyDeletesComeLastAndANamesChangesStayTogether() throws ProviderException {
    List<RRsetChange> changes = plan(
        new String[] {SOA, "a A 192.0.2.1", "c CNAME a", "z TXT \"new\""},
        new String[] {SOA, "b A 192.0.2.2", "c A 192.0.2.3", "c TXT \"x\"", "y TXT \"gone\""});
    assertThat(names(Batches.of(TestContent.ORIGIN, changes, limit(10)))).containsExactly(List.of(
        "create a.example.test. A", "delete c.example.test. A", "delete c.example.test. TXT", "create c.example.test. CNAME",
        "create z.example.test. TXT", "delete b.example.test. A", "delete y.example.test. TXT"));
    assertThat(names(Batches.of(TestContent.ORIGIN, changes, limit(4)))).containsExactly(
        List.of("create a.example.test. A", "delete c.example.test. A", "delete c.example.test. TXT", "create c.example.test. CNAME"),
        List.of("create z.example.test. TXT", "delete b.example.test. A", "delete y.example.test. TXT"));
    assertThat(names(Batches.of(TestContent.ORIGIN, changes, limit(2)))).containsExactly(
        List.of("create a.example.test. A"),
        List.of("delete c.example.test. A", "delete c.example.test. TXT"),
        List.of("create c.example.test. CNAME"),
        List.of("create z.example.test. TXT", "delete b.example.test. A"),
        List.of("delete y.example.test. TXT"));
  }

  @Test
  void aChangeBiggerThanABatchIsRefusedBeforeAnythingIsSent() {
    List<RRsetChange> changes = plan(new String[] {SOA, "a A 192.0.2.1"}, new String[] {SOA});
    assertThatThrownBy(() -> Batches.of(TestContent.ORIGIN, changes, limit(0)))
        .hasMessageContaining("the change to a.example.test. A alone exceeds what small takes in one batch");
  }
}
