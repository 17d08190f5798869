package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void columnsArePaddedToTheWidestCellAndTheLastIsNot() {
    StringWriter out = new StringWriter();
    new TextTable("NAME", "TTL", "DATA").row("www.example.org.", 300, "192.0.2.1").row("a.", null, "x y").indent("  ")
        .print(new PrintWriter(out, true));
    assertThat(out.toString()).isEqualTo(String.join("\n",
        "  NAME              TTL  DATA",
        "  www.example.org.  300  192.0.2.1",
        "  a.                -    x y",
        ""));
  }

  @Test
  void aRowOfTheWrongWidthIsAProgrammingError() {
    assertThatThrownBy(() -> new TextTable("A", "B").row("1")).isInstanceOf(IllegalArgumentException.class);
  }
}
