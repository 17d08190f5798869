package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TsigKey;
import org.tandemdns.testing.Wait;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The operator guide docs/primary.md: its tandem.yaml and zone file are, verbatim, the files under
 * {@code src/test/resources/docs-configs/}, and Tandem runs with exactly that tandem.yaml: the key
 * made as the guide says ({@code tandem tsig-keygen}, secret into {@code keys/xfr-key.secret}),
 * the zone served, signed AXFR and IXFR allowed, unsigned refused, and a signed NOTIFY sent to each
 * of the three secondaries the file names (127.0.0.1:5301-5303, where this test listens in their
 * place). Only the DNS listen address is overridden ({@code --listen}), so that the test does not
 * depend on port 5300 being free.
 */
class PrimaryGuideIT {

  private static final Path GUIDE = Path.of("docs/primary.md");
  private static final Path CONFIGS = Path.of("src/test/resources/docs-configs");
  private static final String ZONE = "example.com";
  private static final List<Integer> SECONDARY_PORTS = List.of(5301, 5302, 5303);
  private static final Duration NOTIFY_WAIT = Duration.ofSeconds(10);

  @TempDir Path tmp;

  @Test
  void theGuideShowsTheTestedFilesVerbatim() throws IOException {
    String guide = Files.readString(GUIDE);
    assertThat(guide).contains("```yaml\n" + Files.readString(CONFIGS.resolve("primary.yaml")) + "```\n");
    assertThat(guide).contains("```\n" + Files.readString(CONFIGS.resolve("zones/example.com.zone")) + "```\n");
  }

  @Test
  void tandemRunsWithTheGuidesConfiguration() throws IOException {
    copyTree(CONFIGS, tmp);
    Path config = tmp.resolve("primary.yaml");
    TsigKey key = keyFromTsigKeygen();
    Files.createDirectories(tmp.resolve("keys"));
    Path secret = Files.writeString(tmp.resolve("keys/xfr-key.secret"), key.secret() + "\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Endpoint tandemAt = Endpoint.freeLoopback();
    List<DatagramSocket> secondaries = bindSecondaryPorts();

    try (TandemProcess tandem = TandemProcess.builder().config(config, tandemAt).args("--listen", tandemAt.toString())
        .awaitZone(ZONE).start()) {
      Set<String> zoneFile = zoneFileRecords(tmp.resolve("zones/example.com.zone"));
      long serial = DnsQuery.to(tandemAt).soaSerial(ZONE);
      assertThat(serial).isEqualTo(2024060101L);

      // each secondary gets a NOTIFY signed with xfr-key; its answer makes the log say result=ok
      for (DatagramSocket socket : secondaries) {
        answerNotify(socket, key, serial);
      }
      for (int port : SECONDARY_PORTS) {
        Pattern ok = Pattern.compile(Pattern.quote("notify out zone=example.com. serial=2024060101 target=127.0.0.1:" + port
            + " key=xfr-key. attempt=") + "\\d+ result=ok rtt=\\d+ms");
        Wait.until(NOTIFY_WAIT, () -> ok.matcher(tandem.log()).find(), () -> "no '" + ok + "' in\n" + tandem.log());
      }

      // signed AXFR and IXFR as the guide shows them; unsigned refused
      CommandResult axfr = DigRunner.kdig(tandemAt, "-y", "hmac-sha256:xfr-key:" + key.secret(), ZONE, "AXFR").requireOk();
      List<Record> records = XfrText.records(axfr.stdout());
      assertThat(new TreeSet<>(XfrText.text(records))).isEqualTo(zoneFile);
      CommandResult ixfr = DigRunner.kdig(tandemAt, "-y", "hmac-sha256:xfr-key:" + key.secret(), ZONE, "IXFR=2024060101")
          .requireOk();
      assertThat(IxfrResponse.parse(XfrText.records(ixfr.stdout())).isSingleSoa()).isTrue();
      CommandResult unsigned = DigRunner.dig(tandemAt, ZONE, "AXFR");
      assertThat(unsigned.stdout()).contains("; Transfer failed.");
      assertThat(tandem.log()).contains("type=AXFR remote=127.0.0.1:").contains("key=- result=REFUSED reason=\"not allowed by allow-transfer\"");
      assertThat(tmp.resolve("tandem-data/tandem.db")).as("data-dir relative to the config file").exists();
    } finally {
      secondaries.forEach(DatagramSocket::close);
    }
  }

  /** Runs {@code tandem tsig-keygen xfr-key} and reads the secret from its Tandem YAML part. */
  private static TsigKey keyFromTsigKeygen() {
    CommandResult keygen = DigRunner.run(Duration.ofSeconds(30), null, "java",
        List.of("-jar", TandemProcess.jar().toString(), "tsig-keygen", "xfr-key")).requireOk();
    String secret = keygen.stdout().lines().map(String::strip).filter(l -> l.startsWith("secret: ")).findFirst()
        .map(l -> l.substring("secret: ".length())).orElseThrow(() -> new AssertionError("no secret in:\n" + keygen.stdout()));
    return new TsigKey("xfr-key", "hmac-sha256", secret);
  }

  private static List<DatagramSocket> bindSecondaryPorts() {
    List<DatagramSocket> sockets = new ArrayList<>();
    for (int port : SECONDARY_PORTS) {
      try {
        DatagramSocket s = new DatagramSocket(null);
        s.bind(new InetSocketAddress("127.0.0.1", port));
        s.setSoTimeout((int) NOTIFY_WAIT.toMillis());
        sockets.add(s);
      } catch (SocketException e) {
        sockets.forEach(DatagramSocket::close);
        throw new AssertionError("UDP 127.0.0.1:" + port + " is taken; the guide's example names secondaries on 5301-5303", e);
      }
    }
    return sockets;
  }

  /** Receives one NOTIFY for example.com, checks it and its TSIG, and answers it, signed. */
  private static void answerNotify(DatagramSocket socket, TsigKey key, long serial) throws IOException {
    byte[] buffer = new byte[4096];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    socket.receive(packet);
    byte[] wire = Arrays.copyOf(buffer, packet.getLength());
    Message notify = new Message(wire);
    assertThat(notify.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
    assertThat(notify.getQuestion().getName()).isEqualTo(Name.fromConstantString(ZONE + "."));
    assertThat(notify.getQuestion().getType()).isEqualTo(Type.SOA);
    assertThat(notify.getSection(Section.ANSWER)).singleElement()
        .satisfies(r -> assertThat(((SOARecord) r).getSerial()).isEqualTo(serial));
    assertThat(Rcode.TSIGstring(key.toDnsjava().verify(notify, wire, null))).as("NOTIFY signed with xfr-key").isEqualTo("NOERROR");

    Message answer = new Message(notify.getHeader().getID());
    answer.getHeader().setOpcode(Opcode.NOTIFY);
    answer.getHeader().setFlag(Flags.QR);
    answer.getHeader().setFlag(Flags.AA);
    answer.addRecord(notify.getQuestion(), Section.QUESTION);
    answer.setTSIG(key.toDnsjava(), Rcode.NOERROR, notify.getTSIG());
    byte[] out = answer.toWire(512);
    socket.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
  }

  private static Set<String> zoneFileRecords(Path file) throws IOException {
    Set<String> out = new TreeSet<>();
    try (Master master = new Master(file.toString())) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        out.add(r.toString());
      }
    }
    return out;
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
