package org.tandemdns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.security.TransportSecurity;

/** The {@code tls:} section, {@code tls PROFILE} on primaries and {@code tls}/{@code mtls} in ACLs: what loads, what is refused. */
class TlsConfigTest {
  @TempDir Path dir;

  private TandemConfig load(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("tandem.yaml"), "server:\n  data-dir: " + dir.resolve("data") + "\n" + yaml);
    return new ConfigLoader().load(file);
  }

  static final String LISTENER = """
      tls:
        listen: ["127.0.0.1", "[::1]:8853"]
        certificate: server.pem
        private-key: server.key
        profiles:
          - {name: b, ca-file: ca.pem, server-name: ns1.provider-b.example}
          - {name: pinned, pin-sha256: ["47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="]}
      """;

  @Test
  void listenerProfilesPrimariesAndAclsLoad() throws Exception {
    TandemConfig c = load(LISTENER + """
        zones:
          - {name: s.test, type: secondary, primaries: ["192.0.2.1 key k tls b", "192.0.2.2:8853 tls pinned"]}
          - {name: p.test, allow-transfer: ["192.0.2.0/24 key k tls", "198.51.100.1"]}
        keys:
          - {name: k, secret: "c2VjcmV0c2VjcmV0c2VjcmV0"}
        """);
    assertThat(c.tls().listen()).extracting(HostPort::port).containsExactly(853, 8853);
    assertThat(c.tls().certificate()).isEqualTo(dir.resolve("server.pem"));
    assertThat(c.tls().profile("b").caFile()).isEqualTo(dir.resolve("ca.pem"));
    assertThat(c.tls().handshakeTimeout()).hasSeconds(5);
    assertThat(c.zones().get(0).primaries()).extracting(Remote::tls).containsExactly("b", "pinned");
    assertThat(c.zones().get(0).primaries()).extracting(r -> r.address().port()).containsExactly(853, 8853);
    assertThat(c.zones().get(0).primaries().get(0)).hasToString("192.0.2.1:853 key k. tls b");
    assertThat(c.zones().get(1).allowTransfer().get(0).requires()).isEqualTo(TransportSecurity.TLS);
    assertThat(c.zones().get(1).transferAcl().requiresTls()).isTrue();
  }

  @Test
  void aPrimaryNamingAnUndefinedProfileIsRefused() {
    assertThatThrownBy(() -> load(LISTENER + """
        zones:
          - {name: s.test, type: secondary, primaries: ["192.0.2.1 tls nosuch"]}
        """)).hasMessageContaining("names tls profile 'nosuch', which tls.profiles does not define");
  }

  @Test
  void tlsInAclsNeedsAListenerAndMtlsAClientCa() {
    assertThatThrownBy(() -> load("""
        zones:
          - {name: p.test, allow-transfer: ["any tls"]}
        """)).hasMessageContaining("requires TLS, but there is no TLS listener");
    assertThatThrownBy(() -> load(LISTENER + """
        zones:
          - {name: p.test, allow-transfer: ["any mtls"]}
        """)).hasMessageContaining("tls.client-ca is not set");
  }

  @Test
  void tlsWhereNotifyOrUpdateCouldNeverUseItIsRefused() {
    assertThatThrownBy(() -> load(LISTENER + """
        zones:
          - {name: p.test, notify: ["192.0.2.9 tls b"]}
        """)).hasMessageContaining("NOTIFY is sent over UDP");
    assertThatThrownBy(() -> load(LISTENER + """
        zones:
          - {name: p.test, allow-update: ["any tls"]}
        """)).hasMessageContaining("'tls' and 'mtls' are for allow-transfer");
  }

  @Test
  void aProfileTrustsInExactlyOneWay() {
    assertThatThrownBy(() -> load("""
        tls:
          profiles: [{name: x}]
        """)).hasMessageContaining("exactly one way to trust");
    assertThatThrownBy(() -> load("""
        tls:
          profiles: [{name: x, ca-file: ca.pem, opportunistic: true}]
        """)).hasMessageContaining("more than one given");
    assertThatThrownBy(() -> load("""
        tls:
          profiles: [{name: x, pin-sha256: ["abc"]}]
        """)).hasMessageContaining("not the base64 of a SHA-256");
    assertThatThrownBy(() -> load("""
        tls:
          profiles: [{name: x, opportunistic: true, certificate: c.pem}]
        """)).hasMessageContaining("needs its 'private-key'");
  }

  @Test
  void aListenerNeedsItsCertificateAndKey() {
    assertThatThrownBy(() -> load("""
        tls:
          listen: ["127.0.0.1:853"]
        """)).hasMessageContaining("tls.listen needs tls.certificate and tls.private-key");
  }
}
