package org.tandemdns.dnsclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerAddressTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "127.0.0.1:5301, 127.0.0.1:5301",
    "127.0.0.1, 127.0.0.1:53",
    "[::1]:5300, [::1]:5300",
    "::1, [::1]:53",
    "[2001:db8::53], [2001:db8::53]:53",
    "2001:db8:0:0:1:0:0:1, [2001:db8::1:0:0:1]:53",
  })
  void parsesTheTandemAddressSyntax(String text, String canonical) {
    assertThat(ServerAddress.parse(text).toString()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ns1.example.test", "127.0.0.1:0", "127.0.0.1:70000", "[::1", "[::1]x", ""})
  void rejectsWhatIsNotAnAddressWithAPort(String text) {
    assertThatThrownBy(() -> ServerAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"xfr-key:hmac-sha256:c2VjcmV0, xfr-key., hmac-sha256.", "k.example:hmac-sha512:c2VjcmV0c2VjcmV0, k.example., hmac-sha512."})
  void parsesTsigKeySpecsIntoKeysThatSign(String spec, String name, String algorithm) {
    org.xbill.DNS.Message m = DnsClient.question(org.xbill.DNS.Name.fromConstantString("example.test."), org.xbill.DNS.Type.AXFR, false);
    TsigKeySpec.parse(spec).apply(m, null);
    assertThat(m.getTSIG().getName().toString()).isEqualTo(name);
    assertThat(m.getTSIG().getAlgorithm().toString()).isEqualTo(algorithm);
  }

  @ParameterizedTest
  @ValueSource(strings = {"xfr-key", "xfr-key:hmac-sha256", "xfr-key:hmac-nope:c2VjcmV0", "xfr-key:hmac-sha256:@@@"})
  void rejectsBrokenTsigKeySpecsWithTheExpectedForm(String spec) {
    assertThatThrownBy(() -> TsigKeySpec.parse(spec)).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("null");
  }
}
