package org.tandemdns.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandemdns.config.ApiToken.Role;
import org.tandemdns.config.ZonePattern;
import org.xbill.DNS.Name;

/** What a token's role and zones allow: roles include the ones below them; zones by name or *.NAME. */
class ApiCallerTest {
  private static final ApiCaller EDITOR = new ApiCaller("intern", Role.RECORDS_EDITOR,
      List.of(ZonePattern.parse("mgmt.example.net"), ZonePattern.parse("*.lab.test")), "api");

  @Test
  void zonesMatchByNameOrBelowAWildcardCaseInsensitively() {
    assertThat(EDITOR.covers("mgmt.example.net.")).isTrue();
    assertThat(EDITOR.covers("MGMT.Example.NET")).isTrue();
    assertThat(EDITOR.covers("a.lab.test")).isTrue();
    assertThat(EDITOR.covers("x.a.lab.test.")).isTrue();
    assertThat(EDITOR.covers("lab.test")).as("*.NAME is below NAME, not NAME").isFalse();
    assertThat(EDITOR.covers("example.net")).isFalse();
    assertThat(EDITOR.covers("sub.mgmt.example.net")).isFalse();
    assertThat(EDITOR.covers("not a name..")).isFalse();
    assertThat(new ApiCaller("all", Role.READ_ONLY, List.of(), "config").covers("anything.test")).isTrue();
    assertThat(new ApiCaller("star", Role.READ_ONLY, List.of(ZonePattern.parse("*")), "config").covers("anything.test")).isTrue();
  }

  @Test
  void aRoleIncludesTheOnesBelowIt() throws Exception {
    Name mgmt = Name.fromString("mgmt.example.net.");
    assertThat(EDITOR.may(Role.READ_ONLY, mgmt)).isTrue();
    assertThat(EDITOR.may(Role.RECORDS_EDITOR, mgmt)).isTrue();
    assertThat(EDITOR.may(Role.ZONE_ADMIN, mgmt)).isFalse();
    assertThat(EDITOR.may(Role.RECORDS_EDITOR, Name.fromString("other.test."))).isFalse();
    assertThatThrownBy(() -> EDITOR.require(Role.ADMIN, null)).isInstanceOf(ApiException.class)
        .hasMessage("token 'intern' is records-editor; this needs admin");
  }

  @Test
  void badPatternsAreRefusedWithTheRule() {
    assertThatThrownBy(() -> ZonePattern.parse("a.*.test")).hasMessageContaining("*.NAME for every zone below NAME");
    assertThatThrownBy(() -> ZonePattern.parse("")).hasMessageContaining("is not a zone pattern");
    assertThat(ZonePattern.parse("*.Lab.Test").toString()).isEqualTo("*.Lab.Test.");
  }
}
