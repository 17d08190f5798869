package org.tandemdns.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

class AclTest {
  static final Acl ACL = Acl.parse(List.of("192.0.2.0/24", "198.51.100.7 key xfr-key", "2001:db8::/32", "key ops-key"));

  @ParameterizedTest(name = "{0} key={1} -> {2}")
  @CsvSource({
      "192.0.2.77, -, true",
      "192.0.2.77, xfr-key, true",
      "192.0.3.1, -, false",
      "198.51.100.7, -, false",
      "198.51.100.7, xfr-key, true",
      "198.51.100.7, other-key, false",
      "198.51.100.8, xfr-key, false",
      "2001:db8::53, -, true",
      "2001:db9::53, -, false",
      "203.0.113.9, ops-key, true",
      "2001:db9::1, ops-key, true",
      "::ffff:192.0.2.1, -, true",
  })
  void matchesAddressesPrefixesAndKeys(String address, String key, boolean allowed) throws Exception {
    Name k = key.equals("-") ? null : Name.fromString(key + ".");
    assertThat(ACL.allows(InetAddress.getByName(address), k)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @CsvSource({"any, 203.0.113.1, true", "any, ::1, true", "none, 127.0.0.1, false", "127.0.0.1, 127.0.0.2, false"})
  void specialWords(String entry, String address, boolean allowed) throws Exception {
    assertThat(Acl.parse(List.of(entry)).allows(InetAddress.getByName(address), null)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @CsvSource({"192.0.2.0/33", "example.com", "192.0.2.1 key", "192.0.2.1 with x", "10.0.0.0/x", "tls", "192.0.2.1 tls key k",
      "192.0.2.1 tls tls", "key k mtls extra"})
  void rejectsWhatItCannotRead(String entry) {
    assertThatThrownBy(() -> AclEntry.parse(entry)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"192.0.2.200/24, 192.0.2.0/24", "10.1.2.3/8, 10.0.0.0/8", "2001:db8:ffff::/32, 2001:db8:0:0:0:0:0:0/32"})
  void prefixesAreMaskedToTheirNetwork(String text, String expected) {
    assertThat(AddressPrefix.parse(text)).hasToString(expected);
  }

  @ParameterizedTest(name = "{0} over {2} from {1} -> {3}")
  @CsvSource({
      "192.0.2.0/24 tls, 192.0.2.1, NONE, false",
      "192.0.2.0/24 tls, 192.0.2.1, TLS, true",
      "192.0.2.0/24 tls, 192.0.2.1, MUTUAL_TLS, true",
      "192.0.2.0/24 tls, 192.0.3.1, TLS, false",
      "any mtls, 203.0.113.1, TLS, false",
      "any mtls, 203.0.113.1, MUTUAL_TLS, true",
      "192.0.2.0/24, 192.0.2.1, TLS, true",
  })
  void entriesCanRequireTlsOrMutualTls(String entry, String address, TransportSecurity security, boolean allowed) throws Exception {
    assertThat(AclEntry.parse(entry).allows(InetAddress.getByName(address), null, security)).isEqualTo(allowed);
    assertThat(AclEntry.parse(entry).allows(InetAddress.getByName(address), null))
        .isEqualTo(AclEntry.parse(entry).allows(InetAddress.getByName(address), null, TransportSecurity.NONE));
  }

  @Test
  void keyAndTlsTogetherNeedBoth() throws Exception {
    AclEntry e = AclEntry.parse("192.0.2.0/24 key xfr tls");
    InetAddress from = InetAddress.getByName("192.0.2.9");
    Name xfr = Name.fromString("xfr.");
    assertThat(e.allows(from, xfr, TransportSecurity.TLS)).isTrue();
    assertThat(e.allows(from, null, TransportSecurity.TLS)).isFalse();
    assertThat(e.allows(from, xfr, TransportSecurity.NONE)).isFalse();
    assertThat(AclEntry.parse("key xfr mtls").allows(from, xfr, TransportSecurity.MUTUAL_TLS)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"192.0.2.0/24 key xfr. tls", "key xfr. mtls", "any tls", "none", "192.0.2.0/24", "any"})
  void entriesReadBackFromTheirText(String text) {
    assertThat(AclEntry.parse(text)).hasToString(text);
    assertThat(AclEntry.parse(AclEntry.parse(text).toString())).isEqualTo(AclEntry.parse(text));
  }
}
