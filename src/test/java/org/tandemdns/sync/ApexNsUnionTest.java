package org.tandemdns.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tandemdns.config.SyncSourceConfig;
import org.tandemdns.config.SyncTargetSettings;
import org.tandemdns.config.SyncZoneConfig;
import org.tandemdns.sync.provider.ZoneContent;
import org.tandemdns.zone.compare.CanonicalRdata;
import org.tandemdns.zone.compare.RRsetKey;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class ApexNsUnionTest {
  private static Name n(String s) {
    return Name.fromConstantString(s);
  }

  private static SyncZoneConfig zone(Map<String, SyncTargetSettings> perTarget) {
    return new SyncZoneConfig(TestContent.ORIGIN, new SyncSourceConfig(java.nio.file.Path.of("z"), null), List.of("a", "b"), false,
        null, null, null, null, null, perTarget, true);
  }

  private static SyncTargetSettings own(String... ns) {
    return new SyncTargetSettings(null, null, null, null, null, java.util.Arrays.stream(ns).map(ApexNsUnionTest::n).toList());
  }

  @Test
  void theUnionIsEveryTargetsOwnNameserversAndIsPublishedInPlaceOfTheSourcesApexNs() {
    ApexNsUnion.Result u = ApexNsUnion.of(zone(Map.of("a", own("ns1.a.example.", "ns2.a.example."), "b", own("NS1.b.example.",
        "ns1.a.example."))), Map.of());
    assertThat(u.problem()).isEmpty();
    assertThat(u.nameservers()).extracting(Name::toString).containsExactly("ns1.a.example.", "ns2.a.example.", "ns1.b.example.");

    List<String> notes = new ArrayList<>();
    ZoneContent source = TestContent.of("@ SOA ns1 hostmaster 1 3600 600 86400 300", "@ 3600 NS ns1.a.example.", "www A 192.0.2.1");
    ZoneContent published = ApexNsUnion.publish(TestContent.ORIGIN, source, u.nameservers(), notes);
    var ns = published.zone().get(RRsetKey.of(TestContent.ORIGIN, Type.NS)).orElseThrow();
    assertThat(ns.ttl()).isEqualTo(3600);
    assertThat(ns.rdatas()).extracting(CanonicalRdata::text).containsExactlyInAnyOrder("ns1.a.example.", "ns2.a.example.", "ns1.b.example.");
    assertThat(published.zone().get(RRsetKey.of(n("www.example.test."), Type.A))).isPresent();
    assertThat(notes).singleElement().asString().startsWith("apex-ns-union: the source's apex NS [ns1.a.example.] is not the union");
  }

  @Test
  void aTargetWhoseNameserversAreUnknownStopsTheUnionEverywhere() {
    ApexNsUnion.Result u = ApexNsUnion.of(zone(Map.of("a", own("ns1.a.example."))), Map.of());
    assertThat(u.nameservers()).isEmpty();
    assertThat(u.problem()).hasValue("apex-ns-union: the nameservers of b are not known; give them as per-target: { b: { own-ns:"
        + " [...] } }; the apex NS is changed nowhere");
  }
}
