package org.tandemdns.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandemdns.config.SyncIgnoreRule;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

class IgnoreRulesTest {
  private static final Name ZONE = Name.fromConstantString("example.test.");

  private static boolean ignored(SyncIgnoreRule rule, String record) throws Exception {
    return new IgnoreRules(ZONE, List.of(rule)).matches(parse(record));
  }

  private static Record parse(String line) throws Exception {
    String[] p = line.split(" ", 3);
    return Record.fromString(Name.fromString(p[0], ZONE), org.xbill.DNS.Type.value(p[1]), org.xbill.DNS.DClass.IN, 300, p[2], ZONE);
  }

  @Test
  void oneStarStaysInALabelTwoCrossLabelsAndCaseDoesNotMatter() throws Exception {
    SyncIgnoreRule oneLabel = new SyncIgnoreRule("_acme-challenge.*", null, null);
    assertThat(ignored(oneLabel, "_ACME-challenge.www TXT \"t\"")).isTrue();
    assertThat(ignored(oneLabel, "_acme-challenge.a.b TXT \"t\"")).isFalse();
    assertThat(ignored(oneLabel, "_acme-challenge TXT \"t\"")).isFalse();
    SyncIgnoreRule anyDepth = new SyncIgnoreRule("_acme-challenge**", null, null);
    assertThat(ignored(anyDepth, "_acme-challenge TXT \"t\"")).isTrue();
    assertThat(ignored(anyDepth, "_acme-challenge.a.b TXT \"t\"")).isTrue();
    SyncIgnoreRule nameAndBelow = new SyncIgnoreRule("_acme-challenge.**", null, null);
    assertThat(ignored(nameAndBelow, "_acme-challenge TXT \"t\"")).isTrue();
    assertThat(ignored(nameAndBelow, "_acme-challenge.a.b TXT \"t\"")).isTrue();
    assertThat(ignored(nameAndBelow, "_acme-challengex TXT \"t\"")).isFalse();
    assertThat(ignored(new SyncIgnoreRule("@", null, null), "@ MX 10 mail")).isTrue();
    assertThat(ignored(new SyncIgnoreRule("@", null, null), "www MX 10 mail")).isFalse();
  }

  @Test
  void typeAndContentNarrowTheMatch() throws Exception {
    SyncIgnoreRule verification = new SyncIgnoreRule(null, List.of("TXT"), "^\"google-site-verification=");
    assertThat(ignored(verification, "@ TXT \"google-site-verification=x\"")).isTrue();
    assertThat(ignored(verification, "@ TXT \"v=spf1 -all\"")).isFalse();
    assertThat(ignored(verification, "@ SPF \"google-site-verification=x\"")).isFalse();
  }

  @Test
  void rulesThatCannotWorkAreRefusedWhenTheConfigIsRead() {
    assertThatThrownBy(() -> new SyncIgnoreRule(null, null, null)).hasMessageContaining("would stop the sync");
    assertThatThrownBy(() -> new SyncIgnoreRule("www", List.of("NOPE"), null)).hasMessageContaining("'NOPE' is not a record type");
    assertThatThrownBy(() -> new SyncIgnoreRule("www", null, "(")).hasMessageContaining("not a regular expression");
    assertThatThrownBy(() -> new SyncIgnoreRule("w w", null, null)).hasMessageContaining("letters, digits");
  }
}
