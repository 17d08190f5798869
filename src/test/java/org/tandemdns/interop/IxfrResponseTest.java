package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;

/** The IXFR framing checker accepts RFC 1995 §4 sequences and rejects everything else. */
class IxfrResponseTest {

  private static final ZoneVersion V1 = ZoneVersion.of("x.test", 1).put("a", "a 300 IN A 192.0.2.1").put("b", "b 300 IN A 192.0.2.2");
  private static final ZoneVersion V2 = V1.withSerial(2).put("a", "a 300 IN A 192.0.2.9").remove("b");
  private static final ZoneVersion V3 = V2.withSerial(3).put("c", "c 600 IN TXT \"c\"");

  private static List<Record> records(String... lines) {
    return XfrText.records(String.join("\n", lines));
  }

  private static String soa(long serial) {
    return "x.test. 300 IN SOA ns1.x.test. hostmaster.x.test. " + serial + " 3600 600 86400 300";
  }

  @Test
  void oneDeltaIsSplitIntoDeletionsAndAdditionsAndAppliesToTheOldVersion() {
    List<Record> r = records(soa(2), soa(1), "a.x.test. 300 IN A 192.0.2.1", "b.x.test. 300 IN A 192.0.2.2", soa(2),
        "a.x.test. 300 IN A 192.0.2.9", soa(2));
    IxfrResponse ixfr = IxfrResponse.parse(r);

    assertThat(ixfr.currentSerial()).isEqualTo(2);
    assertThat(ixfr.deltas()).singleElement().satisfies(d -> {
      assertThat(d.from()).isEqualTo(1);
      assertThat(d.to()).isEqualTo(2);
      assertThat(d.deleted()).hasSize(2);
      assertThat(d.added()).hasSize(1);
    });
    assertThat(ixfr.applyTo(V1.records(), r.get(0))).isEqualTo(V2.records());
  }

  @Test
  void chainedDeltasApplyInOrder() {
    List<Record> r = records(soa(3), soa(1), "a.x.test. 300 IN A 192.0.2.1", "b.x.test. 300 IN A 192.0.2.2", soa(2),
        "a.x.test. 300 IN A 192.0.2.9", soa(2), soa(3), "c.x.test. 600 IN TXT \"c\"", soa(3));
    IxfrResponse ixfr = IxfrResponse.parse(r);

    assertThat(ixfr.deltas()).extracting(IxfrResponse.Delta::to).containsExactly(2L, 3L);
    assertThat(ixfr.applyTo(V1.records(), r.get(0))).isEqualTo(V3.records());
  }

  @Test
  void theSoaAloneMeansNothingToSend() {
    assertThat(IxfrResponse.parse(records(soa(5))).isSingleSoa()).isTrue();
  }

  @Test
  void malformedSequencesAreRejected() {
    assertThatThrownBy(() -> IxfrResponse.parse(records(soa(2), "a.x.test. 300 IN A 192.0.2.9", soa(2))))
        .as("AXFR-style").isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> IxfrResponse.parse(records(soa(2), soa(1), soa(2), soa(3))))
        .as("ends on another serial").isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> IxfrResponse.parse(records(soa(3), soa(1), soa(2), soa(2), soa(3))))
        .as("deltas do not chain: 1->2 then 2->?").isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> IxfrResponse.parse(records("a.x.test. 300 IN A 192.0.2.9")))
        .as("no SOA first").isInstanceOf(AssertionError.class);
  }

  @Test
  void applyingADeletionOfAnAbsentRecordFails() {
    List<Record> r = records(soa(2), soa(1), "z.x.test. 300 IN A 192.0.2.7", soa(2), soa(2));
    assertThatThrownBy(() -> IxfrResponse.parse(r).applyTo(V1.records(), r.get(0))).isInstanceOf(AssertionError.class);
  }

  @Test
  void recordTextIncludesTheTtlSoATtlChangesAreSeen() {
    Set<String> a = ZoneVersion.of("x.test", 1).put("t", "t 300 IN A 192.0.2.1").records();
    Set<String> b = ZoneVersion.of("x.test", 1).put("t", "t 600 IN A 192.0.2.1").records();
    assertThat(a).isNotEqualTo(b);
  }
}
