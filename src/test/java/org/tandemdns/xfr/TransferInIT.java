package org.tandemdns.xfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.TandemServer;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.HostPort;
import org.tandemdns.config.Remote;
import org.tandemdns.config.TransferLimitsConfig;
import org.tandemdns.security.TsigKey;
import org.tandemdns.security.TsigKeyRing;
import org.tandemdns.xfr.PrimaryClient.InboundTransfer;
import org.tandemdns.xfr.PrimaryClient.SoaProbe;
import org.xbill.DNS.Name;

/** The transfer-in client against a real Tandem primary: SOA with EDNS EXPIRE, AXFR, IXFR, TSIG, caps. */
class TransferInIT {
  static final Name ZONE = Name.fromConstantString("in.test.");
  static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=";
  static final TsigKeyRing RING = new TsigKeyRing(List.of(TsigKey.of("k1", "hmac-sha256", SECRET)));

  @TempDir Path dir;
  TandemServer primary;
  Remote signed;
  Remote unsigned;

  void writeZone(long serial, String extra) throws Exception {
    Files.writeString(dir.resolve("in.test.zone"),
        "$TTL 60\n@ SOA ns h " + serial + " 3600 600 86400 300\n@ NS ns\nns A 192.0.2.53\n" + extra);
  }

  @BeforeEach
  void start() throws Exception {
    writeZone(1, "a A 192.0.2.1\n");
    Files.writeString(dir.resolve("tandem.yaml"), """
        server: {listen: ["127.0.0.1:0"], data-dir: data}
        keys: [{name: k1, secret: %s}]
        zones:
          - {name: in.test, file: in.test.zone, notify-ns: false, allow-transfer: ["127.0.0.1 key k1"]}
        """.formatted(SECRET));
    primary = TandemServer.start(new ConfigLoader().load(dir.resolve("tandem.yaml")));
    var a = primary.dnsAddresses().get(0);
    signed = new Remote(new HostPort(a.getAddress(), a.getPort()), Name.fromConstantString("k1."));
    unsigned = new Remote(new HostPort(a.getAddress(), a.getPort()), null);
  }

  @AfterEach
  void stop() {
    primary.close();
  }

  DnsPrimaryClient client(TsigKeyRing ring) {
    return new DnsPrimaryClient(ring, Clock.systemUTC());
  }

  @Test
  void soaQueryCarriesTheSerialAndThePrimarysEdnsExpire() {
    SoaProbe p = client(RING).querySoa(ZONE, signed);
    assertThat(p).isInstanceOfSatisfying(SoaProbe.Answer.class, a -> {
      assertThat(a.soa().getSerial()).isEqualTo(1);
      assertThat(a.ednsExpire()).isEqualTo(Duration.ofSeconds(86400));
    });
  }

  @Test
  void axfrThenIxfrAfterAReload() throws Exception {
    InboundTransfer full = client(RING).transfer(ZONE, signed, null, true, TransferLimitsConfig.defaults());
    assertThat(full).isInstanceOf(InboundTransfer.Full.class);
    var v1 = ((InboundTransfer.Full) full).snapshot();
    assertThat(v1.serial()).isEqualTo(1);
    assertThat(v1.recordCount()).isEqualTo(4);

    writeZone(2, "a A 192.0.2.2\nb A 192.0.2.3\n");
    assertThat(primary.reload(ZONE).changed()).isTrue();
    InboundTransfer inc = client(RING).transfer(ZONE, signed, v1, false, TransferLimitsConfig.defaults());
    assertThat(inc).isInstanceOfSatisfying(InboundTransfer.Incremental.class, i -> {
      assertThat(i.diffs()).hasSize(1);
      assertThat(i.diffs().get(0).deleted()).hasSize(1);
      assertThat(i.diffs().get(0).added()).hasSize(2);
    });
    InboundTransfer again = client(RING).transfer(ZONE, signed, primaryVersion(), false, TransferLimitsConfig.defaults());
    assertThat(again).isInstanceOf(InboundTransfer.UpToDate.class);
  }

  @Test
  void unsignedOrWronglySignedRequestsFail() {
    InboundTransfer refused = client(RING).transfer(ZONE, unsigned, null, true, TransferLimitsConfig.defaults());
    assertThat(refused).isInstanceOfSatisfying(InboundTransfer.Failure.class, f -> assertThat(f.reason()).contains("REFUSED"));
    TsigKeyRing wrong = new TsigKeyRing(List.of(TsigKey.of("k1", "hmac-sha256", "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZw==")));
    assertThat(client(wrong).querySoa(ZONE, signed)).isInstanceOfSatisfying(SoaProbe.Failure.class,
        f -> assertThat(f.reason()).containsAnyOf("BADSIG", "NOTAUTH"));
    assertThat(client(wrong).transfer(ZONE, signed, null, true, TransferLimitsConfig.defaults()))
        .isInstanceOf(InboundTransfer.Failure.class);
  }

  @Test
  void theRecordCapCutsATransferOff() {
    InboundTransfer t = client(RING).transfer(ZONE, signed, null, true, new TransferLimitsConfig(3L, null, null));
    assertThat(t).isInstanceOfSatisfying(InboundTransfer.Failure.class, f -> assertThat(f.reason()).contains("more than 3 records"));
  }

  private org.tandemdns.zone.ZoneSnapshot primaryVersion() {
    return primary.zones().get(ZONE).snapshot();
  }
}
