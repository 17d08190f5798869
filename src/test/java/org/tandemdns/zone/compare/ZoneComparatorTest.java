package org.tandemdns.zone.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandemdns.zone.compare.ZoneTexts.zone;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class ZoneComparatorTest {

  private static final String BASE =
      """
      $TTL 3600
      @        IN SOA ns1.example.test. hostmaster.example.test. 2024010101 7200 3600 1209600 300
      @           NS  ns1.example.test.
      @           NS  ns2.example.test.
      ns1         A   192.0.2.1
      ns2         A   192.0.2.2
      www   300   A   192.0.2.10
      v6          AAAA 2001:db8:0:0:0:0:0:1
      mail        MX  10 mx.example.test.
      txt         TXT "v=spf1 " "-all"
      alias       CNAME www
      """;

  private final ZoneComparator strict = new ZoneComparator(CompareOptions.strict());

  @Test
  void sameDataWrittenDifferentlyIsNotDrift() {
    String other =
        """
        $ORIGIN EXAMPLE.TEST.
        $TTL 1h
        ALIAS.example.test. 1H IN CNAME WWW.Example.Test.
        @ IN SOA NS1 HostMaster ( 2024010101 2h 1h 2w 5m )
        @ 60m NS NS2.example.test.
        @ 3600 NS ns1
        NS1.example.test. A 192.0.2.1
        ns2 3600 IN A 192.0.2.2
        WWW 5M A 192.0.2.10
        v6 AAAA 2001:DB8::1
        Mail MX 10 MX
        txt ( TXT "v=spf1 -all" )
        """;
    ZoneComparison diff = strict.compare(zone("example.test", BASE), zone("example.test", other));
    assertThat(diff.differences()).isEmpty();
  }

  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "txt TXT \"ab\" \"cd\"|txt TXT \"abcd\"",
        "txt TXT \"a\\098c\"|txt TXT abc",
        "v6 AAAA 2001:db8::0:1|v6 AAAA 2001:0db8:0000::0001",
        "v4 A 192.0.2.1|V4.example.test. A 192.0.2.1",
        "srv SRV 0 5 5060 SIP.example.test.|srv SRV 0 5 5060 sip",
        "x 1d A 192.0.2.1|x 86400 A 192.0.2.1",
        "x 1w A 192.0.2.1|x 604800 A 192.0.2.1",
      })
  void oneRecordSpelledTwoWaysCompareEqual(String a, String b) {
    ZoneComparison diff = strict.compare(zone("example.test", a), zone("example.test", b));
    assertThat(diff.differences()).isEmpty();
  }

  @Test
  void changedRecordIsReportedWithBothValues() {
    ZoneComparison diff =
        strict.compare(zone("example.test", "www A 192.0.2.10"), zone("example.test", "www A 192.0.2.99"));
    assertThat(diff.differences()).singleElement().isInstanceOfSatisfying(RRsetDifference.Changed.class, c -> {
      assertThat(c.key()).isEqualTo(RRsetKey.of(Name.fromConstantString("www.example.test."), Type.A));
      assertThat(c.onlyExpected()).extracting(CanonicalRdata::text).containsExactly("192.0.2.10");
      assertThat(c.onlyActual()).extracting(CanonicalRdata::text).containsExactly("192.0.2.99");
    });
  }

  @Test
  void missingAndUnexpectedRRsetsAreReportedAsSuch() {
    ZoneComparison diff =
        strict.compare(
            zone("example.test", "a A 192.0.2.1\nb A 192.0.2.2"),
            zone("example.test", "a A 192.0.2.1\nb TXT extra"));
    assertThat(diff.differences()).hasSize(2);
    assertThat(diff.differences().get(0)).isInstanceOf(RRsetDifference.Missing.class);
    assertThat(diff.differences().get(0).key().typeName()).isEqualTo("A");
    assertThat(diff.differences().get(1)).isInstanceOf(RRsetDifference.Unexpected.class);
    assertThat(diff.differences().get(1).key().typeName()).isEqualTo("TXT");
  }

  @Test
  void ttlDifferenceIsReportedSeparatelyFromDrift() {
    ZoneComparison diff = strict.compare(zone("example.test", "a 300 A 192.0.2.1"), zone("example.test", "a 600 A 192.0.2.1"));
    assertThat(diff.drift()).isEmpty();
    assertThat(diff.ttl()).singleElement().satisfies(t -> {
      assertThat(t.expectedTtl()).isEqualTo(300);
      assertThat(t.actualTtl()).isEqualTo(600);
    });
    assertThat(new ZoneComparator(CompareOptions.strict().withoutTtl())
            .compare(zone("example.test", "a 300 A 192.0.2.1"), zone("example.test", "a 600 A 192.0.2.1"))
            .isEmpty())
        .isTrue();
  }

  @Test
  void soaSerialIsIgnoredOnlyWhenAsked() {
    String a = "@ SOA ns1 hm 1 2 3 4 5";
    String b = "@ SOA ns1 hm 2 2 3 4 5";
    assertThat(strict.compare(zone("example.test", a), zone("example.test", b)).drift()).hasSize(1);
    assertThat(new ZoneComparator(CompareOptions.ignoringSerial()).compare(zone("example.test", a), zone("example.test", b)).isEmpty())
        .isTrue();
    assertThat(new ZoneComparator(CompareOptions.ignoringSerial())
            .compare(zone("example.test", a), zone("example.test", "@ SOA ns1 hm 2 2 3 4 6"))
            .drift())
        .hasSize(1);
  }

  @Test
  void compareWithinReportsNothingOutsideTheScope() {
    CanonicalZone expected = zone("example.test", "a A 192.0.2.1\nb A 192.0.2.2");
    CanonicalZone partial = zone("example.test", "a A 192.0.2.9");
    RRsetKey a = RRsetKey.of(Name.fromConstantString("a.example.test."), Type.A);
    ZoneComparison diff = strict.compareWithin(expected, partial, Set.of(a));
    assertThat(diff.differences()).singleElement().extracting(RRsetDifference::key).isEqualTo(a);
  }

  @Test
  void ignoredTypesAreLeftOut() {
    ZoneComparison diff =
        new ZoneComparator(CompareOptions.strict().ignoring(Set.of(Type.TXT)))
            .compare(zone("example.test", "a TXT one"), zone("example.test", "a TXT two"));
    assertThat(diff.isEmpty()).isTrue();
  }

  @Test
  void duplicateRecordsCollapseAndRRsetKeepsLowestTtl() {
    CanonicalZone z = zone("example.test", "a 300 A 192.0.2.1\nA 600 A 192.0.2.1\na 900 A 192.0.2.2");
    CanonicalRRset s = z.rrsets().firstEntry().getValue();
    assertThat(s.rdatas()).hasSize(2);
    assertThat(s.ttl()).isEqualTo(300);
  }
}
