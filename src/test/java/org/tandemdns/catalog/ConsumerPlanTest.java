package org.tandemdns.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tandemdns.catalog.ConsumerPlan.Claim;
import org.tandemdns.catalog.ConsumerPlan.Owned;
import org.tandemdns.catalog.ConsumerPlan.Step;
import org.xbill.DNS.Name;

/** RFC 9432 §5: what a consumer does with each member of a new catalog version. */
class ConsumerPlanTest {
  private static final Name CAT = Name.fromConstantString("cat.test.");
  private static final Name OLD = Name.fromConstantString("old.test.");

  private static Name n(String s) {
    return Name.fromConstantString(s);
  }

  private static List<Step> plan(String body, Map<Name, Owned> owned, Map<Name, Claim> claims) throws Exception {
    CatalogContent content = CatalogContent.read(CatalogContentTest.catalog("version 0 TXT \"2\"\n" + body));
    return ConsumerPlan.plan(content, owned, z -> claims.getOrDefault(z, new Claim.Free()),
        groups -> groups.isEmpty() || groups.contains("web"));
  }

  @Test
  void provisionsNewMembersRemovesGoneOnesAndLeavesTheSameAlone() throws Exception {
    List<Step> steps = plan("m1.zones 0 PTR a.test.\nm2.zones 0 PTR b.test.\n",
        Map.of(n("a.test."), new Owned("m1", List.of()), n("gone.test."), new Owned("m9", List.of())), Map.of());
    assertThat(steps).extracting(s -> s.getClass().getSimpleName() + " " + s.zone())
        .containsExactlyInAnyOrder("Provision b.test.", "Remove gone.test.");
  }

  @Test
  void aNewUniqueIdIsAResetAndANewGroupARegroup() throws Exception {
    List<Step> steps = plan("m7.zones 0 PTR a.test.\nm2.zones 0 PTR b.test.\ngroup.m2.zones 0 TXT \"web\"\n",
        Map.of(n("a.test."), new Owned("m1", List.of()), n("b.test."), new Owned("m2", List.of())), Map.of());
    assertThat(steps).hasSize(2);
    assertThat(steps).anySatisfy(s -> assertThat(s).isInstanceOfSatisfying(Step.Reset.class, r -> {
      assertThat(r.zone()).isEqualTo(n("a.test."));
      assertThat(r.oldId()).isEqualTo("m1");
      assertThat(r.entry().id()).isEqualTo("m7");
    }));
    assertThat(steps).anySatisfy(s -> assertThat(s).isInstanceOf(Step.Regroup.class).extracting(Step::zone).isEqualTo(n("b.test.")));
  }

  @Test
  void aMemberOfAnotherCatalogIsAdoptedOnlyWhenThatCatalogHandsItOver() throws Exception {
    Map<Name, Claim> claims = Map.of(
        n("moved.test."), new Claim.Catalog(OLD, "m1", CAT),
        n("renumbered.test."), new Claim.Catalog(OLD, "x", CAT),
        n("kept.test."), new Claim.Catalog(OLD, "m3", null),
        n("local.test."), new Claim.Zone("in the config file"));
    List<Step> steps = plan("m1.zones 0 PTR moved.test.\nm2.zones 0 PTR renumbered.test.\nm3.zones 0 PTR kept.test.\n"
        + "m4.zones 0 PTR local.test.\n", Map.of(), claims);
    assertThat(steps).hasSize(4);
    assertThat(steps.get(0)).isEqualTo(new Step.Adopt(n("moved.test."),
        new CatalogContent.Entry(n("moved.test."), "m1", List.of(), null), OLD, false));
    assertThat(steps.get(1)).isInstanceOfSatisfying(Step.Adopt.class, a -> assertThat(a.reset()).as("unique id differs").isTrue());
    assertThat(steps.get(2)).isInstanceOfSatisfying(Step.Refuse.class, r -> assertThat(r.reason())
        .contains("belongs to catalog old.test., which does not hand it over (no coo.m3.zones.old.test. PTR cat.test."));
    assertThat(steps.get(3)).isInstanceOfSatisfying(Step.Refuse.class, r -> assertThat(r.reason())
        .contains("is a zone of this server already (in the config file)"));
  }

  @Test
  void aMemberWithoutATemplateIsRefusedAndAnOwnedOneKept() throws Exception {
    List<Step> steps = plan("m1.zones 0 PTR a.test.\ngroup.m1.zones 0 TXT \"nope\"\nm2.zones 0 PTR b.test.\n"
        + "group.m2.zones 0 TXT \"nope\"\n", Map.of(n("b.test."), new Owned("m2", List.of())), Map.of());
    assertThat(steps).hasSize(2).allMatch(s -> s instanceof Step.Refuse);
    assertThat(((Step.Refuse) steps.get(0)).reason()).contains("a.test.").contains("[nope]").contains("not provisioned");
    assertThat(((Step.Refuse) steps.get(1)).reason()).contains("kept with its previous settings");
  }
}
