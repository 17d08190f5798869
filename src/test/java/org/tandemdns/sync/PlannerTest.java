package org.tandemdns.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.tandemdns.config.SyncIgnoreRule;
import org.tandemdns.config.Threshold;
import org.tandemdns.sync.provider.RecordTypes;
import org.tandemdns.sync.provider.ZoneContent;
import org.xbill.DNS.Type;

class PlannerTest {
  private static final String[] BASE = {
    "@ SOA ns1 hostmaster 1 3600 600 86400 300", "@ NS ns1", "@ NS ns2", "ns1 A 127.0.0.1", "ns2 A 127.0.0.2",
    "a A 192.0.2.1", "b A 192.0.2.2", "c A 192.0.2.3", "d A 192.0.2.4", "e A 192.0.2.5", "f A 192.0.2.6",
    "g A 192.0.2.7", "h A 192.0.2.8"
  };

  private static String[] with(String... more) {
    String[] out = java.util.Arrays.copyOf(BASE, BASE.length + more.length);
    System.arraycopy(more, 0, out, BASE.length, more.length);
    return out;
  }

  private static ZonePlan plan(ZoneContent source, ZoneContent target, PlanOptions o) {
    return plan(source, target, o, RecordTypes::anyDataType);
  }

  private static ZonePlan plan(ZoneContent source, ZoneContent target, PlanOptions o, IntPredicate supported) {
    return new Planner().plan(TestContent.ORIGIN, "t", source, target, supported, t -> "t does not support " + Type.string(t), o);
  }

  private static List<String> described(ZonePlan p) {
    return p.changes().stream().map(c -> c.verb() + " " + c.key()).toList();
  }

  @Test
  void missingRRsetsAreCreatedDifferentOnesUpdatedExtraOnesDeleted() {
    ZoneContent source = TestContent.of(with("new TXT \"x\"", "www A 192.0.2.9"));
    ZoneContent target = TestContent.of(with("www A 192.0.2.10", "old MX 10 mail"));
    ZonePlan p = plan(source, target, PlanOptions.defaults());
    assertThat(described(p)).containsExactly("create new.example.test. TXT", "delete old.example.test. MX",
        "update www.example.test. A");
    RRsetChange.Update u = (RRsetChange.Update) p.changes().get(2);
    assertThat(u.current().texts()).containsExactly("192.0.2.10");
    assertThat(u.desired().texts()).containsExactly("192.0.2.9");
    assertThat(p.existing()).isEqualTo(12);
    assertThat(p.refused()).isFalse();
  }

  @Test
  void aTtlDifferenceIsAnUpdateAndSpellingIsNot() {
    ZoneContent source = TestContent.of(with("www 600 A 192.0.2.9", "t TXT \"abc\" \"def\"", "m MX 10 MAIL.example.test."));
    ZoneContent target = TestContent.of(with("WWW A 192.0.2.9", "t TXT \"abcdef\"", "m MX 10 mail"));
    assertThat(described(plan(source, target, PlanOptions.defaults()))).containsExactly("update www.example.test. A");
  }

  @Test
  void theSoaIsLeftToEachTargetAndTheApexNsUnlessAsked() {
    ZoneContent source = TestContent.of(with());
    String[] other = BASE.clone();
    other[0] = "@ SOA other.example. admin.example. 99 1 1 1 1";
    other[2] = "@ NS ns3.elsewhere.example.";
    ZoneContent target = TestContent.of(other);
    assertThat(plan(source, target, PlanOptions.defaults()).changes()).isEmpty();
    ZonePlan withNs = plan(source, target, new PlanOptions(true, 0.3, false));
    assertThat(described(withNs)).containsExactly("update example.test. NS");
    assertThat(withNs.refusal()).hasValueSatisfying(r -> assertThat(r).startsWith("changes the apex NS RRset"));
    assertThat(plan(source, target, new PlanOptions(true, 0.3, true)).refused()).isFalse();
  }

  @Test
  void unsupportedTypesFailTheStrictPlanEvenForcedAndAreNeverDeletedAtTheTarget() {
    ZoneContent source = TestContent.of(with("legacy RT 10 relay", "signed RRSIG A 13 3 300 20300101000000 20200101000000 1 example.test. AAAA"));
    ZoneContent target = TestContent.of(with("kept HINFO \"PC\" \"Linux\""));
    IntPredicate noRtNoHinfo = t -> RecordTypes.anyDataType(t) && t != Type.RT && t != Type.HINFO;
    ZonePlan p = plan(source, target, PlanOptions.defaults(), noRtNoHinfo);
    assertThat(p.changes()).isEmpty();
    assertThat(p.unsupported()).extracting(u -> u.key() + ": " + u.reason()).containsExactly("legacy.example.test. RT: t does not support RT");
    assertThat(p.notes()).contains("1 RRsets of DNSSEC types (RRSIG, NSEC, DNSKEY...) in the source are left to each target's signer");
    assertThat(p.refusal()).hasValue("t cannot hold legacy.example.test. RT (t does not support RT); remove them from the source,"
        + " add an ignore rule, or set lenient: true for the zone or this target to push the rest without them");
    PlanOptions forced = new PlanOptions(false, 0.3, null, null, true, false, List.of());
    assertThat(plan(source, target, forced, noRtNoHinfo).refused()).as("--force cannot make the target hold RT").isTrue();
  }

  @Test
  void lenientPlansSkipUnsupportedRecordsWithAWarningAndPushTheRest() {
    ZoneContent source = TestContent.of(with("legacy RT 10 relay", "new A 192.0.2.77"));
    ZoneContent target = TestContent.of(BASE);
    ZonePlan p = plan(source, target, PlanOptions.defaults().withLenient(true), t -> RecordTypes.anyDataType(t) && t != Type.RT);
    assertThat(p.refused()).isFalse();
    assertThat(described(p)).containsExactly("create new.example.test. A");
    assertThat(p.notes()).contains("lenient: skipped 1 RRsets t cannot hold: legacy.example.test. RT (t does not support RT)");
  }

  @Test
  void ignoredRecordsAreNeitherDeletedChangedNorPushed() {
    List<SyncIgnoreRule> rules = List.of(new SyncIgnoreRule("_acme-challenge.**", List.of("TXT"), null),
        new SyncIgnoreRule("@", List.of("TXT"), "^\"google-site-verification="));
    ZoneContent source = TestContent.of(with("@ TXT \"v=spf1 -all\"", "_acme-challenge.www TXT \"from-the-source\""));
    ZoneContent target = TestContent.of(with("@ TXT \"v=spf1 ~all\"", "@ TXT \"google-site-verification=abc\"",
        "_acme-challenge.www TXT \"token-1\"", "_acme-challenge TXT \"token-2\""));
    ZonePlan p = plan(source, target, PlanOptions.defaults().withIgnore(rules));
    assertThat(described(p)).containsExactly("update example.test. TXT");
    RRsetChange update = p.changes().get(0);
    assertThat(update.desired().texts()).as("the managed record changes, the verification string stays")
        .containsExactlyInAnyOrder("\"google-site-verification=abc\"", "\"v=spf1 -all\"");
    assertThat(p.notes()).contains("ignore rules: 3 records at the target left as they are, 1 in the source not pushed");

    ZonePlan without = plan(source, target, PlanOptions.defaults().withLenient(true));
    assertThat(described(without)).as("the same plan without the rules").contains("delete _acme-challenge.example.test. TXT",
        "update _acme-challenge.www.example.test. TXT");
  }

  @Test
  void ttlsBelowTheTargetsMinimumArePlannedAtItSoTheyDoNotDiffForever() {
    ZoneContent source = TestContent.of(with("low 30 A 192.0.2.30"));
    ZoneContent target = TestContent.of(with("low 60 A 192.0.2.30"));
    assertThat(described(plan(source, target, PlanOptions.defaults()))).containsExactly("update low.example.test. A");
    ZonePlan p = plan(source, target, PlanOptions.defaults().withMinTtl(60));
    assertThat(p.changes()).isEmpty();
    assertThat(p.notes()).contains("1 RRsets with a TTL below t's min-ttl of 60 are pushed at 60");
    ZonePlan fresh = plan(source, TestContent.of(BASE), PlanOptions.defaults().withMinTtl(60));
    assertThat(fresh.changes().get(0).desired().ttl()).isEqualTo(60);
  }

  @Test
  void updatesAndDeletesHaveTheirOwnLimitsAsAShareOrACount() {
    ZoneContent source = TestContent.of("@ SOA ns1 hostmaster 1 3600 600 86400 300", "@ NS ns1", "@ NS ns2", "ns1 A 127.0.0.1",
        "ns2 A 127.0.0.2", "a A 192.0.2.101", "b A 192.0.2.102", "c A 192.0.2.3", "d A 192.0.2.4", "e A 192.0.2.5",
        "f A 192.0.2.6");
    ZoneContent target = TestContent.of(BASE);
    // of 10 RRsets: a and b updated, g and h deleted
    PlanOptions deletesAtMostOne = new PlanOptions(false, 1, null, Threshold.parse("1"), false, false, List.of());
    assertThat(plan(source, target, deletesAtMostOne).refusal()).hasValue("would delete 2 of the 10 RRsets the target holds (20%),"
        + " more than max-deletes: 1 RRsets; run with --force if that is intended");
    PlanOptions updatesAtMost10Percent = new PlanOptions(false, 1, Threshold.parse("10%"), null, false, false, List.of());
    assertThat(plan(source, target, updatesAtMost10Percent).refusal()).hasValue("would update 2 of the 10 RRsets the target holds"
        + " (20%), more than max-updates: 10%; run with --force if that is intended");
    PlanOptions roomy = new PlanOptions(false, 1, Threshold.parse("20%"), Threshold.parse("2"), false, false, List.of());
    assertThat(plan(source, target, roomy).refused()).as("at the limits is allowed").isFalse();
    PlanOptions forced = new PlanOptions(false, 1, Threshold.parse("0"), Threshold.parse("0"), true, false, List.of());
    assertThat(plan(source, target, forced).refused()).isFalse();
  }

  @Test
  void plansUpdatingOrDeletingMoreThanTheThresholdAreRefusedUnlessForced() {
    ZoneContent source = TestContent.of("@ SOA ns1 hostmaster 1 3600 600 86400 300", "@ NS ns1", "ns1 A 127.0.0.1",
        "a A 192.0.2.1", "b A 192.0.2.2", "c A 192.0.2.3", "d A 192.0.2.4", "e A 192.0.2.5", "f A 192.0.2.6",
        "new1 A 192.0.2.90", "new2 A 192.0.2.91", "new3 A 192.0.2.92", "new4 A 192.0.2.93");
    ZoneContent target = TestContent.of(BASE);
    // g, h and ns2 deleted: 3 of 10 is 30%, not more than the 30% threshold; creates do not count
    ZonePlan p = plan(source, target, PlanOptions.defaults());
    assertThat(p.deletes()).isEqualTo(3);
    assertThat(p.creates()).isEqualTo(4);
    assertThat(p.refused()).isFalse();
    ZonePlan tighter = plan(source, target, new PlanOptions(false, 0.25, false));
    assertThat(tighter.refusal()).hasValueSatisfying(r -> assertThat(r)
        .isEqualTo("would update or delete 3 of the 10 RRsets the target holds (30%), more than the 25% threshold;"
            + " run with --force if that is intended"));
    assertThat(plan(source, target, new PlanOptions(false, 0.25, true)).refused()).isFalse();
  }

  @Test
  void anEmptyTargetOnlyGetsCreatesAndIsNeverRefused() {
    ZoneContent source = TestContent.of(BASE);
    ZoneContent target = TestContent.of("@ SOA ns1 hostmaster 1 3600 600 86400 300", "@ NS ns1");
    ZonePlan p = plan(source, target, new PlanOptions(false, 0, false));
    assertThat(p.creates()).isEqualTo(10);
    assertThat(p.existing()).isZero();
    assertThat(p.refused()).isFalse();
  }

  @Test
  void theApexNsIsNeverDeleted() {
    ZoneContent source = TestContent.of("@ SOA ns1 hostmaster 1 3600 600 86400 300", "a A 192.0.2.1");
    ZoneContent target = TestContent.of("@ SOA ns1 hostmaster 1 3600 600 86400 300", "@ NS ns1", "a A 192.0.2.1");
    ZonePlan p = plan(source, target, new PlanOptions(true, 1, true));
    assertThat(p.changes()).isEmpty();
    assertThat(p.notes()).containsExactly("the source has no apex NS RRset; the target's is kept (a zone needs one)");
  }
}
