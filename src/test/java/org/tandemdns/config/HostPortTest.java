package org.tandemdns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {
  @ParameterizedTest
  @CsvSource({
      "127.0.0.1:5300, 127.0.0.1:5300",
      "127.0.0.1, 127.0.0.1:53",
      "[::1]:5300, [0:0:0:0:0:0:0:1]:5300",
      "[::1], [0:0:0:0:0:0:0:1]:53",
      "::1, [0:0:0:0:0:0:0:1]:53",
      "2001:db8::53, [2001:db8:0:0:0:0:0:53]:53",
      "0.0.0.0:0, 0.0.0.0:0",
  })
  void parsesEveryDocumentedForm(String text, String expected) {
    assertThat(HostPort.parse(text, 53)).hasToString(expected);
  }

  @ParameterizedTest
  @CsvSource({"example.com:53", "[::1:53", "[::1]x", "1.2.3.4:-1", "1.2.3.4:port", "999.1.1.1:53"})
  void rejectsWhatIsNotAnAddress(String text) {
    assertThatThrownBy(() -> HostPort.parse(text, 53)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text);
  }
}
