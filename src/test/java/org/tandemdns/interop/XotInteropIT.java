package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.SecondaryZone;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TestTls;
import org.tandemdns.testing.TsigKey;

/**
 * Zone transfers over TLS (RFC 9103) between Tandem and BIND 9.18, both ways, with and without a
 * certificate the other side trusts; and {@code kdig +tls} against Tandem's listener (DoT, RFC
 * 7858). Each primary allows the transfer over TLS only, so a zone that arrives came encrypted.
 * docs/xot.md's configuration is the one {@code docs-configs/xot-primary.yaml} holds; this test
 * runs it.
 */
class XotInteropIT {
  static final Duration ARRIVES = Duration.ofSeconds(20);
  @TempDir Path tmp;

  /**
   * docs/xot.md's two configurations as written (ports moved): {@code xot-primary.yaml} feeding a
   * BIND secondary that verifies its certificate, and {@code xot-secondary.yaml} following a BIND
   * primary over TLS; TSIG on both.
   */
  @Test
  void theGuideConfigsWorkWithBindBothWays() throws Exception {
    GuideConfigs configs = new GuideConfigs();
    configs.copyInto(tmp);
    TsigKey key = TsigKey.generate("xfr-key");
    java.nio.file.Files.createDirectories(tmp.resolve("keys"));
    java.nio.file.Files.writeString(tmp.resolve("keys/xfr-key.secret"), key.secret() + "\n");
    TestTls ca = TestTls.authority(tmp.resolve("tls"), "primary");
    ca.issue("ns0.example.com", "ns0.example.com", "127.0.0.1");
    Endpoint tls = configs.port(8853);
    String strict = "ca-file \"" + ca.caFile() + "\"; remote-hostname \"ns0.example.com\";";

    try (TandemProcess primary = TandemProcess.builder().config(tmp.resolve("xot-primary.yaml"), configs.port(5300))
        .awaitZone("example.com").start();
        BindPeer bind = BindPeer.xotBuilder(new BindPeer.Xot(null, null, 0, strict)).listen(configs.port(5311))
            .secondary(SecondaryZone.of("example.com", tls, key)).start()) {
      bind.awaitSerial("example.com", 2024060101, ARRIVES);
      Logs.await(primary, 0, ARRIVES, "transfer out zone=example.com.", "/tls", "key=xfr-key.", "result=ok");
    }

    Path zone = tmp.resolve("zones/example.com.zone");
    try (BindPeer bind = BindPeer.xotBuilder(new BindPeer.Xot(tmp.resolve("tls/ns0.example.com.pem"),
        tmp.resolve("tls/ns0.example.com.key"), tls.port(), null)).listen(Endpoint.freeLoopback())
        .primary(PrimaryZone.of("example.com", zone).allowTransfer(Acl.key(key))).start();
        TandemProcess secondary = TandemProcess.builder().config(tmp.resolve("xot-secondary.yaml"), configs.port(5311))
            .awaitZone("example.com").start()) {
      secondary.awaitSerial("example.com", 2024060101, ARRIVES);
      Logs.await(secondary, 0, ARRIVES, "transfer in zone=example.com.", "key=xfr-key.", "tls=hidden-primary", "result=ok");
    }
  }

  @Test
  void tandemTransfersFromABindPrimaryOverTlsAndRefusesOneItCannotAuthenticate() throws Exception {
    TestTls ca = TestTls.authority(tmp.resolve("tls"), "test");
    TestTls.Issued bindCert = ca.issue("bind", "127.0.0.1", "ns1.bind.test");
    TestTls other = TestTls.authority(tmp.resolve("other"), "other");
    Endpoint bindAt = Endpoint.freeLoopback();
    int bindTls = Endpoint.freeLoopback().port();
    Path good = ZoneFiles.write(tmp.resolve("zones"), "good.test", 5, 3600, 600, 86400, "www IN A 192.0.2.80");
    Path bad = ZoneFiles.write(tmp.resolve("zones"), "untrusted.test", 5, 3600, 600, 86400, "www IN A 192.0.2.81");
    try (BindPeer bind = BindPeer.xotBuilder(new BindPeer.Xot(bindCert.certificate(), bindCert.privateKey(), bindTls, null))
        .listen(bindAt).primary(PrimaryZone.of("good.test", good).allowTransfer(Acl.from("127.0.0.1")))
        .primary(PrimaryZone.of("untrusted.test", bad).allowTransfer(Acl.from("127.0.0.1"))).start()) {
      assertThat(DigRunner.dig(bindAt, "+tcp", "AXFR", "good.test").output()).as("BIND allows the transfer over TLS only")
          .contains("Transfer failed");

      Endpoint tandemAt = Endpoint.freeLoopback();
      Path config = SecondaryYaml.server(tandemAt, tmp.resolve("data"))
          .section("""
              tls:
                profiles:
                  - {name: bind, ca-file: "%s", server-name: ns1.bind.test}
                  - {name: wrong-ca, ca-file: "%s"}
              """.formatted(ca.caFile(), other.caFile()))
          .secondary("good.test", List.of("127.0.0.1:" + bindTls + " tls bind"), "notify-ns: false")
          .secondary("untrusted.test", List.of("127.0.0.1:" + bindTls + " tls wrong-ca"), "notify-ns: false")
          .write(tmp.resolve("tandem.yaml"));
      try (TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).awaitZone("good.test").start()) {
        assertThat(tandem.serial("good.test")).isEqualTo(5);
        assertThat(DigRunner.dig(tandemAt, "A", "www.good.test", "+short").output()).contains("192.0.2.80");
        Logs.await(tandem, 0, ARRIVES, "transfer in zone=good.test.", "tls=bind", "result=ok");
        Logs.await(tandem, 0, ARRIVES, "untrusted.test", "TLS handshake with 127.0.0.1:" + bindTls + " failed",
            "PKIX path building failed");
        assertThat(tandem.serial("untrusted.test")).as("never served from an unauthenticated primary").isEqualTo(-1);
      }
    }
  }

  @Test
  void bindTransfersFromTandemOverTlsFollowsItsChangesByIxfrAndFailsWithAnUntrustedCertificate() throws Exception {
    TestTls ca = TestTls.authority(tmp.resolve("tls"), "test");
    TestTls.Issued tandemCert = ca.issue("tandem", "127.0.0.1", "ns1.tandem.test");
    TestTls other = TestTls.authority(tmp.resolve("other"), "other");
    Endpoint tandemAt = Endpoint.freeLoopback();
    int tandemTls = Endpoint.freeLoopback().port();
    Endpoint bindAt = Endpoint.freeLoopback();
    Path zoneDir = tmp.resolve("zones");
    ZoneFiles.write(zoneDir, "xot.test", 1, 3600, 600, 86400, "v IN TXT \"v1\"");
    Path config = SecondaryYaml.server(tandemAt, tmp.resolve("data"))
        .section("""
            tls:
              listen: ["127.0.0.1:%d"]
              certificate: "%s"
              private-key: "%s"
            """.formatted(tandemTls, tandemCert.certificate(), tandemCert.privateKey()))
        .primary("xot.test", zoneDir.resolve("xot.test.zone"), "allow-transfer: [\"127.0.0.1 tls\"]",
            "notify: [\"" + bindAt + "\"]", "notify-ns: false")
        .write(tmp.resolve("tandem.yaml"));
    try (TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).awaitZone("xot.test").start()) {
      Endpoint tls = Endpoint.loopback(tandemTls);
      CommandResult soa = DigRunner.kdig(tls, "+tls", "+tls-ca=" + ca.caFile(), "+tls-hostname=ns1.tandem.test", "SOA", "xot.test");
      assertThat(soa.output()).contains("status: NOERROR").contains("Flags: qr aa").contains("TLS session (TLS1.3)");
      assertThat(DigRunner.dig(tandemAt, "+tcp", "AXFR", "xot.test").output()).as("in clear: refused").contains("Transfer failed");
      String pin = org.tandemdns.security.TlsFiles.spkiPin(tandemCert.cert());
      CommandResult axfr = DigRunner.kdig(tls, "+tls-pin=" + pin, "AXFR", "xot.test");
      assertThat(axfr.output()).as("kdig offers ALPN dot and pins the key as pin-sha256 does").contains("v.xot.test.")
          .contains("(1 messages, 6 records)");
      assertThat(DigRunner.kdig(tls, "+tls-pin=" + java.util.Base64.getEncoder().encodeToString(new byte[32]), "SOA", "xot.test")
          .output()).doesNotContain("status: NOERROR");

      String strict = "ca-file \"" + ca.caFile() + "\"; remote-hostname \"ns1.tandem.test\";";
      try (BindPeer bind = BindPeer.xotBuilder(new BindPeer.Xot(null, null, 0, strict)).listen(bindAt)
          .secondary(SecondaryZone.of("xot.test", tls)).start()) {
        bind.awaitSerial("xot.test", 1, ARRIVES);
        Logs.await(tandem, 0, ARRIVES, "transfer out zone=xot.test.", "/tls", "result=ok");

        int mark = Logs.mark(tandem);
        ZoneFiles.write(zoneDir, "xot.test", 2, 3600, 600, 86400, "v IN TXT \"v2\"");
        tandem.sighup();
        bind.awaitSerial("xot.test", 2, ARRIVES);
        Logs.await(tandem, mark, ARRIVES, "transfer out zone=xot.test.", "type=IXFR", "/tls", "serial=1->2", "result=ok");
        assertThat(DigRunner.dig(bindAt, "TXT", "v.xot.test", "+short").output()).contains("\"v2\"");
      }

      Endpoint untrustingAt = Endpoint.freeLoopback();
      String wrongCa = "ca-file \"" + other.caFile() + "\"; remote-hostname \"ns1.tandem.test\";";
      int mark = Logs.mark(tandem);
      try (BindPeer untrusting = BindPeer.xotBuilder(new BindPeer.Xot(null, null, 0, wrongCa)).listen(untrustingAt)
          .secondary(SecondaryZone.of("xot.test", tls)).awaitZones(false).start()) {
        Logs.await(tandem, mark, ARRIVES, "TLS handshake with", "failed");
        assertThat(untrusting.serial("xot.test")).as("BIND takes nothing from a primary it cannot authenticate").isEqualTo(-1);
        assertThat(Logs.since(tandem, mark)).doesNotContain("transfer out zone=xot.test. type=AXFR remote=127.0.0.1:");
      }
    }
  }
}
