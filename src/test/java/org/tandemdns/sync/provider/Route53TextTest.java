package org.tandemdns.sync.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** Route 53's octal escapes against the zone file's decimal ones, both ways, and its form of names. */
class Route53TextTest {

  @Test
  void octalEscapesBecomeDecimalAndBack() {
    assertThat(Route53Text.fromRoute53("\\052.wild.example.")).isEqualTo("\\042.wild.example.");
    assertThat(Route53Text.toRoute53("\\042.wild.example.")).isEqualTo("\\052.wild.example.");
    assertThat(Route53Text.fromRoute53("\"caf\\303\\251\"")).isEqualTo("\"caf\\195\\169\"");
    assertThat(Route53Text.toRoute53("\"caf\\195\\169\"")).isEqualTo("\"caf\\303\\251\"");
  }

  @Test
  void otherEscapesAndAnEscapedBackslashBeforeDigitsAreKept() {
    assertThat(Route53Text.toRoute53("\"say \\\"hi\\\" a\\\\123\"")).isEqualTo("\"say \\\"hi\\\" a\\\\123\"");
    assertThat(Route53Text.fromRoute53("\"a\\\\052\"")).isEqualTo("\"a\\\\052\"");
    assertThat(Route53Text.fromRoute53("\\9")).isEqualTo("\\9");
    assertThat(Route53Text.fromRoute53("trailing\\")).isEqualTo("trailing\\");
  }

  @Test
  void namesAreLowerCaseWithAWildcardLiteralAndOtherBytesOctal() throws Exception {
    assertThat(Route53Text.name(Name.fromString("*.Wild.Example."))).isEqualTo("*.wild.example.");
    assertThat(Route53Text.name(Name.fromString("_sip._udp.example."))).isEqualTo("_sip._udp.example.");
    assertThat(Route53Text.name(Name.fromString("a\\042b.example."))).isEqualTo("a\\052b.example.");
    assertThat(Route53Text.name(Name.fromString("x\\192.example."))).as("only ASCII letters are folded").isEqualTo("x\\300.example.");
    assertThat(Route53Text.name(Name.root)).isEqualTo(".");
  }
}
