package org.tandemdns.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Diffs in IXFR shape (RFC 1995 §4) and their condensation. */
class ZoneDiffTest {
  static final String HEAD = "$ORIGIN d.test.\n$TTL 60\n@ NS ns1\nns1 A 192.0.2.1\n";

  static ZoneSnapshot version(long serial, String body) {
    return TestZones.parse("d.test.", HEAD + "@ SOA ns1 h " + serial + " 7200 900 1209600 300\n" + body);
  }

  static List<String> text(List<Record> records) {
    return records.stream().map(r -> r.getName() + " " + r.getTTL() + " " + Type.string(r.getType()) + " " + r.rdataToString()).sorted().toList();
  }

  @Test
  void betweenFindsAddsDeletesAndTtlChangesButNotTheSoa() {
    ZoneSnapshot v1 = version(1, "a A 192.0.2.10\nb A 192.0.2.11\nc TXT \"same\"\nt 60 TXT \"ttl\"\n");
    ZoneSnapshot v2 = version(2, "a A 192.0.2.10\nb A 192.0.2.12\nc TXT \"same\"\nt 300 TXT \"ttl\"\nnew.x AAAA 2001:db8::1\n");
    ZoneDiff d = ZoneDiff.between(v1, v2);
    assertThat(d.fromSerial()).isEqualTo(1);
    assertThat(d.toSerial()).isEqualTo(2);
    assertThat(text(d.deleted())).containsExactly("b.d.test. 60 A 192.0.2.11", "t.d.test. 60 TXT \"ttl\"");
    assertThat(text(d.added())).containsExactly("b.d.test. 60 A 192.0.2.12", "new.x.d.test. 60 AAAA 2001:db8:0:0:0:0:0:1",
        "t.d.test. 300 TXT \"ttl\"");
    assertThat(d.changesContent()).isTrue();
  }

  @Test
  void identicalContentIsNoContentChange() {
    ZoneDiff d = ZoneDiff.between(version(1, "a A 192.0.2.1\n"), version(2, "a A 192.0.2.1\n"));
    assertThat(d.changesContent()).isFalse();
    assertThat(d.recordCount()).isEqualTo(2);
  }

  @Test
  void condensationCancelsWhatCameAndWentAndKeepsTheEnds() {
    ZoneSnapshot v1 = version(1, "a A 192.0.2.1\nkeep A 192.0.2.9\n");
    ZoneSnapshot v2 = version(2, "b A 192.0.2.2\nkeep A 192.0.2.9\n");
    ZoneSnapshot v3 = version(3, "a A 192.0.2.1\nc A 192.0.2.3\nkeep A 192.0.2.9\n");
    ZoneDiff d = ZoneDiff.condense(List.of(ZoneDiff.between(v1, v2), ZoneDiff.between(v2, v3)));
    assertThat(d.fromSerial()).isEqualTo(1);
    assertThat(d.toSerial()).isEqualTo(3);
    assertThat(text(d.deleted())).isEmpty();
    assertThat(text(d.added())).containsExactly("c.d.test. 60 A 192.0.2.3");
  }

  @Test
  void condensationKeepsATtlChange() {
    ZoneSnapshot v1 = version(1, "a 60 A 192.0.2.1\n");
    ZoneSnapshot v2 = version(2, "a 120 A 192.0.2.1\n");
    ZoneSnapshot v3 = version(3, "a 300 A 192.0.2.1\n");
    ZoneDiff d = ZoneDiff.condense(List.of(ZoneDiff.between(v1, v2), ZoneDiff.between(v2, v3)));
    assertThat(text(d.deleted())).containsExactly("a.d.test. 60 A 192.0.2.1");
    assertThat(text(d.added())).containsExactly("a.d.test. 300 A 192.0.2.1");
  }

  @Test
  void aGapInTheChainIsRefused() {
    ZoneDiff d12 = ZoneDiff.between(version(1, ""), version(2, ""));
    ZoneDiff d34 = ZoneDiff.between(version(3, ""), version(4, ""));
    assertThatThrownBy(() -> ZoneDiff.condense(List.of(d12, d34))).hasMessageContaining("journal gap");
  }

  @Test
  void withSerialReplacesOnlyTheSoa() {
    ZoneSnapshot v1 = version(1, "a A 192.0.2.1\n");
    ZoneSnapshot v9 = v1.withSerial(9);
    assertThat(v9.serial()).isEqualTo(9);
    assertThat(v1.serial()).isEqualTo(1);
    assertThat(ZoneDiff.between(v1, v9).changesContent()).isFalse();
    assertThat(v9.apex().rrset(Type.SOA)[0].getName()).isSameAs(v9.apex().name());
  }
}
