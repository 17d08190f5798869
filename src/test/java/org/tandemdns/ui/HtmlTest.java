package org.tandemdns.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Escaping: nothing a zone holds can end a text node or a quoted attribute. */
class HtmlTest {
  @Test
  void theFiveSpecialCharactersAreEscapedAndNothingElse() {
    assertThat(Html.esc("<a href=\"x\" onclick='y'>&amp;</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    assertThat(Html.esc("www.example.com. 300 IN TXT \"v=spf1 -all\"")).isEqualTo("www.example.com. 300 IN TXT &quot;v=spf1 -all&quot;");
    assertThat(Html.esc(null)).isEmpty();
    assertThat(Html.esc("ünïcode ✓")).isEqualTo("ünïcode ✓");
  }

  @Test
  void pathSegmentsAreEncoded() {
    assertThat(Html.segment("example.com.")).isEqualTo("example.com.");
    assertThat(Html.segment("a b/\"<")).isEqualTo("a%20b%2F%22%3C");
  }
}
