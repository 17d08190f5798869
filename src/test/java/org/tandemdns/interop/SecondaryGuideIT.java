package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.Remote;
import org.tandemdns.testing.SecondaryZone;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TsigKey;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The operator guide docs/secondary.md: every tandem.yaml it shows is, verbatim, a file under
 * {@code src/test/resources/docs-configs/}, and each runs here with the peers it names. The files
 * are written to run on one machine with fixed loopback ports; the test moves every
 * {@code 127.0.0.1:PORT} in them to a free port ({@link GuideConfigs}) and changes nothing else. Secrets are written to {@code keys/*.secret} as the guide
 * says. The second public secondary of the hidden-primary example is, as the guide says, the same
 * file run with its own {@code --listen}, {@code --data-dir} and {@code --api-listen}.
 */
class SecondaryGuideIT {

  static final Path GUIDE = Path.of("docs/secondary.md");
  static final Path CONFIGS = Path.of("src/test/resources/docs-configs");
  static final List<String> FILES = List.of("secondary.yaml", "secondary-two-primaries.yaml", "chain-top.yaml",
      "chain-middle.yaml", "hidden-primary.yaml", "hidden-secondary.yaml");
  static final String ZONE = "example.com";
  static final long SERIAL = 2024060101L;
  static final Duration ARRIVES = Duration.ofSeconds(15);

  @TempDir Path tmp;

  private final TsigKey xfrKey = TsigKey.generate("xfr-key");
  private final TsigKey edgeKey = TsigKey.generate("edge-key");
  private final GuideConfigs configs = new GuideConfigs();

  @Test
  void theGuideShowsTheTestedFilesVerbatim() throws IOException {
    String guide = Files.readString(GUIDE);
    for (String file : FILES) {
      assertThat(guide).as(file).contains("```yaml\n" + Files.readString(CONFIGS.resolve(file)) + "```\n");
    }
  }

  @BeforeEach
  void copyConfigs() throws IOException {
    configs.copyInto(tmp);
    Files.createDirectories(tmp.resolve("keys"));
    Files.writeString(tmp.resolve("keys/xfr-key.secret"), xfrKey.secret() + "\n");
    Files.writeString(tmp.resolve("keys/edge-key.secret"), edgeKey.secret() + "\n");
  }

  @Test
  void secondaryOfABindPrimary() {
    TsigKey updateKey = TsigKey.generate("update-key");
    PrimaryZone zone = PrimaryZone.of(ZONE, zoneFile()).allowTransfer(Acl.key(xfrKey))
        .notifyTo(Remote.of(port(5300), xfrKey)).allowUpdate(updateKey);
    try (BindPeer bind = BindPeer.builder().listen(port(5301)).primary(zone).start();
        TandemProcess tandem = tandem("secondary.yaml", 5300)) {
      assertThat(tandem.serial(ZONE)).isEqualTo(SERIAL);
      assertThat(Logs.lines(tandem, 0, "transfer in zone=example.com.", "type=AXFR", "key=xfr-key.", "result=ok")).hasSize(1);

      int mark = Logs.mark(tandem);
      DigRunner.nsupdate("server 127.0.0.1 " + port(5301).port() + "\nzone example.com.\n"
          + "update add new.example.com. 300 A 192.0.2.99\nsend\n", "-y", updateKey.digArg()).requireOk();
      tandem.awaitSerial(ZONE, SERIAL + 1, ARRIVES);
      Logs.await(tandem, mark, ARRIVES, "notify in zone=example.com.", "key xfr-key.", "result=refresh scheduled");
      Logs.await(tandem, mark, ARRIVES, "transfer in zone=example.com.", "type=IXFR", "key=xfr-key.", "result=ok");
      Logs.await(tandem, mark, ARRIVES, "zone example.com.: refresh ok: IXFR from " + port(5301));
    }
  }

  @Test
  void secondaryWithTwoPrimariesTheFirstDown() {
    PrimaryZone zone = PrimaryZone.of(ZONE, zoneFile()).allowTransfer(Acl.key(xfrKey));
    try (KnotPeer second = KnotPeer.builder().listen(port(5302)).primary(zone).start();
        TandemProcess tandem = tandem("secondary-two-primaries.yaml", 5300)) {
      assertThat(tandem.serial(ZONE)).isEqualTo(SERIAL);
      Logs.await(tandem, 0, ARRIVES, "zone example.com.: refresh ok: AXFR from " + port(5302) + " key xfr-key.");
      assertThat(Logs.lines(tandem, 0, "transfer in", "from=" + port(5301))).isEmpty();
    }
  }

  @Test
  void threeLevelChainTandemTandemBind() {
    try (TandemProcess top = tandem("chain-top.yaml", 5300);
        TandemProcess middle = tandem("chain-middle.yaml", 5310);
        BindPeer bottom = BindPeer.builder().listen(port(5320))
            .secondary(SecondaryZone.of(ZONE, port(5310), edgeKey)).start()) {
      assertThat(bottom.serial(ZONE)).isEqualTo(SERIAL);

      int mark = Logs.mark(middle);
      raiseSerial();
      top.sighup();
      bottom.awaitSerial(ZONE, SERIAL + 1, ARRIVES);
      Logs.await(middle, mark, ARRIVES, "transfer in zone=example.com.", "type=IXFR", "result=ok");
      Logs.await(middle, mark, ARRIVES, "transfer out zone=example.com.", "type=IXFR", "key=edge-key.", "result=ok");
    }
  }

  @Test
  void hiddenPrimaryFeedingTwoPublicSecondaries() {
    try (TandemProcess primary = tandem("hidden-primary.yaml", 5300);
        TandemProcess public1 = tandem("hidden-secondary.yaml", 5311);
        TandemProcess public2 = TandemProcess.builder().config(tmp.resolve("hidden-secondary.yaml"), port(5312))
            .args("--listen", port(5312).toString(), "--data-dir", tmp.resolve("public2-data").toString(),
                "--api-listen", Endpoint.freeLoopback().toString())
            .awaitZone(ZONE).start()) {
      // the primary is not in the NS set the secondaries serve; the SOA MNAME names it
      Message ns = DnsQuery.to(public1.endpoint()).send(DnsQuery.question(ZONE, Type.NS));
      assertThat(ns.getSection(Section.ANSWER)).extracting(r -> ((NSRecord) r).getTarget().toString())
          .containsExactlyInAnyOrder("ns1.example.com.", "ns2.example.com.", "ns3.example.com.");

      raiseSerial();
      primary.sighup();
      public1.awaitSerial(ZONE, SERIAL + 1, ARRIVES);
      public2.awaitSerial(ZONE, SERIAL + 1, ARRIVES);
      for (int p : new int[] {5311, 5312}) {
        Logs.await(primary, 0, ARRIVES, "notify out zone=example.com.", "serial=" + (SERIAL + 1), "target=" + port(p),
            "key=xfr-key.", "result=ok");
      }
    }
  }

  private TandemProcess tandem(String file, int listen) {
    return TandemProcess.builder().config(tmp.resolve(file), port(listen)).awaitZone(ZONE).start();
  }

  private Path zoneFile() {
    return tmp.resolve("zones/example.com.zone");
  }

  /** The zone file with the next serial and one more record, as an operator would edit it. */
  private void raiseSerial() {
    try {
      String text = Files.readString(zoneFile());
      assertThat(text).contains(" " + SERIAL + " ");
      Files.writeString(zoneFile(), text.replace(" " + SERIAL + " ", " " + (SERIAL + 1) + " ") + "new IN A 192.0.2.99\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Endpoint port(int documented) {
    return configs.port(documented);
  }
}
