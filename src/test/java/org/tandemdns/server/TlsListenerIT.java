package org.tandemdns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.TandemServer;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.TlsConfig;
import org.tandemdns.config.TlsProfile;
import org.tandemdns.dnsclient.DnsClient;
import org.tandemdns.dnsclient.DnsClientException;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.dnsclient.Response;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.dnsclient.TlsClient;
import org.tandemdns.dnsclient.Transport;
import org.tandemdns.security.TlsFiles;
import org.tandemdns.security.TlsTrust;
import org.tandemdns.testing.TestTls;
import org.tandemdns.testing.Wait;
import org.tandemdns.xfr.TlsProfiles;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The TLS listener (XoT, RFC 9103; DoT, RFC 7858) and Tandem's TLS transfer client, each against
 * the other and against plain JDK TLS clients and servers playing the bad cases: trust by CA, by pin
 * and opportunistic; a wrong CA, a wrong name, an expired certificate; mutual TLS; a client without
 * ALPN {@code dot} (queries yes, transfers no: §7.1), one offering only another protocol, plain DNS
 * on the TLS port, a handshake that stalls; a certificate replaced and re-read on reload.
 */
class TlsListenerIT {
  static final QueryLimits LIMITS = new QueryLimits(Duration.ofSeconds(5), 1);
  static final Name XOT = Name.fromConstantString("xot.test.");
  static final Name MTLS = Name.fromConstantString("mtls.test.");
  @TempDir static Path dir;
  static TestTls ca;
  static TestTls.Issued client;
  static TandemServer primary;
  static ServerAddress tls;
  static ServerAddress plain;

  @BeforeAll
  static void start() throws Exception {
    ca = TestTls.authority(dir, "test");
    ca.issue("server", "127.0.0.1", "ns1.xot.test");
    client = ca.issue("client", "xfr-client.test");
    for (String zone : List.of("xot.test", "mtls.test")) {
      Files.writeString(dir.resolve(zone + ".zone"), "$TTL 60\n@ SOA ns1 h 7 3600 600 86400 300\n@ NS ns1\nns1 A 192.0.2.1\n");
    }
    Files.writeString(dir.resolve("tandem.yaml"), """
        server:
          listen: ["127.0.0.1:0"]
          data-dir: data
          tcp-idle-timeout: 30s
        tls:
          listen: ["127.0.0.1:0"]
          certificate: server.pem
          private-key: server.key
          client-ca: test-ca.pem
          handshake-timeout: 1s
        zones:
          - {name: xot.test, file: xot.test.zone, notify-ns: false, allow-transfer: ["127.0.0.1 tls"]}
          - {name: mtls.test, file: mtls.test.zone, notify-ns: false, allow-transfer: ["127.0.0.1 mtls"]}
        """);
    primary = TandemServer.start(new ConfigLoader().load(dir.resolve("tandem.yaml")));
    primary.configSource(() -> new ConfigLoader().load(dir.resolve("tandem.yaml")));
    tls = new ServerAddress(primary.tlsAddresses().get(0).getAddress(), primary.tlsAddresses().get(0).getPort());
    InetSocketAddress dns = primary.dnsAddresses().get(0);
    plain = new ServerAddress(dns.getAddress(), dns.getPort());
  }

  @AfterAll
  static void stop() {
    if (primary != null) {
      primary.close();
    }
  }

  static TlsClient profile(TlsProfile p) {
    TlsProfiles profiles = new TlsProfiles();
    assertThat(profiles.load(new TlsConfig(null, null, null, null, null, List.of(p)))).isEmpty();
    return profiles.get(p.name());
  }

  static TlsClient caTrust(Path caFile, String serverName) {
    return profile(new TlsProfile("ca", caFile, serverName, null, null, null, null));
  }

  static Response ask(Name zone, int type, TlsClient with) throws DnsClientException {
    Message q = DnsClient.question(zone, type, false);
    return new DnsClient().exchangeOverTls(q, q.toWire(), tls, with, LIMITS);
  }

  @Test
  void transfersAndQueriesOverTlsWithTheCaTrusted() throws Exception {
    Response axfr = ask(XOT, Type.AXFR, caTrust(ca.caFile(), null));
    assertThat(axfr.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(axfr.message().getSection(Section.ANSWER)).hasSize(4).first().extracting(r -> r.getType()).isEqualTo(Type.SOA);
    Response byName = ask(XOT, Type.SOA, caTrust(ca.caFile(), "ns1.xot.test"));
    assertThat(byName.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(byName.authoritative()).isTrue();
  }

  @Test
  void anAclRequiringTlsRefusesTheSameTransferInClear() throws Exception {
    Message q = DnsClient.question(XOT, Type.AXFR, false);
    assertThat(new DnsClient().exchange(q, q.toWire(), plain, Transport.TCP, LIMITS).rcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void trustByPinAndOpportunistic() throws Exception {
    String pin = TlsFiles.spkiPin(TlsFiles.certificates(dir.resolve("server.pem")).get(0));
    assertThat(ask(XOT, Type.AXFR, profile(new TlsProfile("pin", null, null, List.of(pin), null, null, null))).rcode())
        .isEqualTo(Rcode.NOERROR);
    assertThat(ask(XOT, Type.AXFR, profile(new TlsProfile("any", null, null, null, true, null, null))).rcode()).isEqualTo(Rcode.NOERROR);
    String otherPin = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    assertThatThrownBy(() -> ask(XOT, Type.AXFR, profile(new TlsProfile("pin", null, null, List.of(otherPin), null, null, null))))
        .isInstanceOf(DnsClientException.class).hasMessageContaining("not among the pins configured");
  }

  @Test
  void aWrongCaOrAWrongNameFailsTheHandshake() throws Exception {
    TestTls other = TestTls.authority(dir.resolve("other"), "other");
    assertThatThrownBy(() -> ask(XOT, Type.AXFR, caTrust(other.caFile(), null)))
        .isInstanceOf(DnsClientException.class).hasMessageContaining("TLS handshake with " + tls + " failed");
    assertThatThrownBy(() -> ask(XOT, Type.AXFR, caTrust(ca.caFile(), "ns2.elsewhere.test")))
        .isInstanceOf(DnsClientException.class).hasMessageContaining("ns2.elsewhere.test");
  }

  @Test
  void mutualTlsNeedsTheClientCertificate() throws Exception {
    assertThat(ask(MTLS, Type.AXFR, caTrust(ca.caFile(), null)).rcode()).isEqualTo(Rcode.REFUSED);
    TlsClient withCertificate = profile(new TlsProfile("m", ca.caFile(), null, null, null, client.certificate(), client.privateKey()));
    Response r = ask(MTLS, Type.AXFR, withCertificate);
    assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.message().getSection(Section.ANSWER)).hasSize(4);
  }

  @Test
  void aClientWithoutAlpnGetsAnswersButNoTransfer() throws Exception {
    try (SSLSocket s = rawClient(null)) {
      assertThat(exchange(s, DnsClient.question(XOT, Type.SOA, false)).getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(exchange(s, DnsClient.question(XOT, Type.AXFR, false)).getRcode()).isEqualTo(Rcode.REFUSED);
    }
  }

  @Test
  void aClientOfferingOnlyAnotherProtocolIsRefusedInTheHandshake() {
    assertThatThrownBy(() -> rawClient(new String[] {"h2"}).close()).isInstanceOf(IOException.class);
  }

  @Test
  void plainDnsOnTheTlsPortAndAStalledHandshakeAreClosed() throws Exception {
    try (Socket s = new Socket(tls.address(), tls.port())) {
      s.setSoTimeout(8000); // longer than the 1 s handshake timeout, shorter than the 30 s idle timeout
      byte[] wire = DnsClient.question(XOT, Type.SOA, false).toWire();
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeShort(wire.length);
      out.write(wire);
      assertThat(readsToTheEnd(s)).isTrue();
    }
    try (Socket s = new Socket(tls.address(), tls.port())) {
      s.setSoTimeout(8000);
      assertThat(readsToTheEnd(s)).isTrue(); // nothing sent: the handshake timeout closes it
    }
    // the listener still serves
    assertThat(ask(XOT, Type.SOA, caTrust(ca.caFile(), null)).rcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void anExpiredServerCertificateIsRefusedByTheClientAndByTheListener() throws Exception {
    TestTls.Issued expired = ca.expired("expired", "127.0.0.1");
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("k", expired.key(), new char[0], new java.security.cert.X509Certificate[] {expired.cert()});
    javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
    keys.init(store, new char[0]);
    context.init(keys.getKeyManagers(), null, null);
    try (javax.net.ssl.SSLServerSocket server = (javax.net.ssl.SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      Thread accept = new Thread(() -> {
        try (SSLSocket s = (SSLSocket) server.accept()) {
          s.startHandshake();
        } catch (IOException ignored) {
          // the client hangs up on the expired certificate
        }
      });
      accept.start();
      Message q = DnsClient.question(XOT, Type.SOA, false);
      ServerAddress at = new ServerAddress(server.getInetAddress(), server.getLocalPort());
      assertThatThrownBy(() -> new DnsClient().exchangeOverTls(q, q.toWire(), at, caTrust(ca.caFile(), null), LIMITS))
          .isInstanceOf(DnsClientException.class).hasMessageContaining("expired");
      accept.join(5000);
    }
    TlsListenerContext listener = new TlsListenerContext();
    assertThatThrownBy(() -> listener.load(new TlsConfig(List.of(org.tandemdns.config.HostPort.parse("127.0.0.1:0", 853)),
        expired.certificate(), expired.privateKey(), null, null, null)))
        .isInstanceOf(IOException.class).hasMessageContaining("not valid now");
  }

  @Test
  void aRenewedCertificateIsServedAfterAReload() throws Exception {
    TestTls renewedCa = TestTls.authority(dir.resolve("renewed"), "renewed");
    TestTls.Issued renewed = renewedCa.issue("server", "127.0.0.1");
    assertThatThrownBy(() -> ask(XOT, Type.SOA, caTrust(renewedCa.caFile(), null))).isInstanceOf(DnsClientException.class);
    Path cert = dir.resolve("server.pem");
    Path key = dir.resolve("server.key");
    byte[] oldCert = Files.readAllBytes(cert);
    byte[] oldKey = Files.readAllBytes(key);
    try {
      Files.copy(renewed.certificate(), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(renewed.privateKey(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertThat(primary.reconfigureFromSource(false).problems()).isEmpty();
      assertThat(ask(XOT, Type.SOA, caTrust(renewedCa.caFile(), null)).rcode()).isEqualTo(Rcode.NOERROR);
      Files.writeString(key, "not a key\n"); // a broken file on reload: the certificate in use stays
      assertThat(primary.reconfigureFromSource(false).problems()).anyMatch(p -> p.contains("keeps its certificate"));
      assertThat(ask(XOT, Type.SOA, caTrust(renewedCa.caFile(), null)).rcode()).isEqualTo(Rcode.NOERROR);
    } finally {
      Files.write(cert, oldCert);
      Files.write(key, oldKey);
      assertThat(primary.reconfigureFromSource(false).problems()).isEmpty();
    }
  }

  @Test
  void aTandemSecondaryTransfersOverTls() throws Exception {
    Path sec = dir.resolve("secondary");
    Files.createDirectories(sec);
    Files.writeString(sec.resolve("tandem.yaml"), """
        server:
          listen: ["127.0.0.1:0"]
          data-dir: data
        tls:
          profiles:
            - {name: primary, ca-file: %s, server-name: ns1.xot.test}
        zones:
          - {name: xot.test, type: secondary, primaries: ["127.0.0.1:%d tls primary"], allow-notify: [any]}
        """.formatted(ca.caFile(), tls.port()));
    try (TandemServer secondary = TandemServer.start(new ConfigLoader().load(sec.resolve("tandem.yaml")))) {
      Wait.until(Duration.ofSeconds(20), () -> secondary.zones().get(XOT) != null && secondary.zones().get(XOT).snapshot() != null,
          () -> "the secondary never got xot.test over TLS");
      assertThat(secondary.zones().get(XOT).snapshot().serial()).isEqualTo(7);
    }
  }

  /** A JDK TLS client trusting the test CA, offering {@code alpn} (none when null). */
  static SSLSocket rawClient(String[] alpn) throws Exception {
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(null, new javax.net.ssl.TrustManager[] {TlsTrust.authorities(TlsFiles.certificates(ca.caFile()))}, null);
    SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(tls.address(), tls.port());
    s.setSoTimeout(5000);
    if (alpn != null) {
      SSLParameters p = s.getSSLParameters();
      p.setApplicationProtocols(alpn);
      s.setSSLParameters(p);
    }
    try {
      s.startHandshake();
    } catch (IOException e) {
      s.close();
      throw e;
    }
    return s;
  }

  static Message exchange(Socket s, Message query) throws IOException {
    byte[] wire = query.toWire();
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    out.writeShort(wire.length);
    out.write(wire);
    out.flush();
    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] answer = new byte[in.readUnsignedShort()];
    in.readFully(answer);
    return new Message(answer);
  }

  /** True when the server closes the connection (end of stream or reset) before the read timeout. */
  static boolean readsToTheEnd(Socket s) throws IOException {
    try {
      while (s.getInputStream().read() >= 0) {
        // TLS alert bytes, if any, are read and dropped
      }
      return true;
    } catch (java.net.SocketException reset) {
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    }
  }
}
