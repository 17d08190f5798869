package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

class QuestionTableTest {

  @Test
  void eachTypeIsAskedOncePerOptionSet() {
    List<DifferentialQuestion> qs =
        QuestionTable.parse(List.of("# comment", "", "Www.Example A TXT | noedns | bufsize=512 do | tcp"));

    assertThat(qs).hasSize(6);
    assertThat(qs).extracting(DifferentialQuestion::toString)
        .containsExactly(
            "Www.Example. A +noedns", "Www.Example. A +bufsize=512 +dnssec", "Www.Example. A +tcp",
            "Www.Example. TXT +noedns", "Www.Example. TXT +bufsize=512 +dnssec", "Www.Example. TXT +tcp");
  }

  @Test
  void wireFormKeepsCaseAndOptions() throws Exception {
    DifferentialQuestion q = QuestionTable.parse(List.of("MiXeD.example MX | ednsver=1 do rd")).get(0);
    Message query = new Message(q.wire());

    assertThat(query.getQuestion().getName().toString()).isEqualTo("MiXeD.example.");
    assertThat(query.getQuestion().getType()).isEqualTo(Type.MX);
    assertThat(query.getOPT().getVersion()).isEqualTo(1);
    assertThat(query.getHeader().getFlag(org.xbill.DNS.Flags.RD)).isTrue();
  }

  @Test
  void unknownOptionsAndTypesAreRejectedWithTheLine() {
    assertThatThrownBy(() -> QuestionTable.parse(List.of("a.example A | fast")))
        .hasMessageContaining("line 1").hasMessageContaining("fast");
    assertThatThrownBy(() -> QuestionTable.parse(List.of("# first", "a.example NOTATYPE")))
        .hasMessageContaining("line 2");
  }
}
