package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.cli.Main;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.SecondaryZone;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TsigKey;

/**
 * Issue 18, "hidden primary lost" (docs/operations.md's runbook, step by step): a Tandem primary
 * feeds a Tandem secondary and a BIND secondary. The primary stops; the Tandem secondary is
 * promoted; BIND is pointed at it; a change made through its API reaches BIND by IXFR, before and
 * after a restart of the promoted server. Demoting it back is refused while the old primary is down
 * and while it serves an older serial; once it has the promoted server's data at a newer serial,
 * the demoted server follows it again, and so does BIND (through it), keeping every change.
 */
class PromoteIT {

  static final String ZONE = "promote.test";
  static final Duration ARRIVES = Duration.ofSeconds(15);

  @TempDir Path tmp;
  private final TsigKey key = TsigKey.generate("xfr-key");

  @Test
  void aPromotedSecondaryTakesChangesThatBindFollowsByIxfrAcrossARestartAndIsDemotedOnlyOnceItsPrimaryHasThem() throws Exception {
    Endpoint aAt = Endpoint.freeLoopback();
    Endpoint bAt = Endpoint.freeLoopback();
    Endpoint bindAt = Endpoint.freeLoopback();
    Path zoneFile = ZoneFiles.write(tmp.resolve("zones"), ZONE, 1, 3600, 600, 86400, "v IN TXT \"v1\"");
    String keyed = " key " + key.name();
    Path aConfig = SecondaryYaml.server(aAt, tmp.resolve("a-data")).key(key)
        .primary(ZONE, zoneFile, "allow-transfer: [\"127.0.0.1" + keyed + "\"]",
            "notify: [\"" + bAt + keyed + "\", \"" + bindAt + keyed + "\"]", "notify-ns: false")
        .write(tmp.resolve("a.yaml"));
    SecondaryYaml bYaml = SecondaryYaml.server(bAt, tmp.resolve("b-data")).key(key)
        .secondary(ZONE, List.of(aAt + keyed), "allow-transfer: [\"127.0.0.1" + keyed + "\"]",
            "notify: [\"" + bindAt + keyed + "\"]", "notify-ns: false");
    Path bConfig = bYaml.write(tmp.resolve("b.yaml"));
    String[] bApi = {"--server", "http://" + bYaml.apiListen(), "--token-file", tmp.resolve("b-data/api.token").toString()};

    TandemProcess a = TandemProcess.builder().config(aConfig, aAt).awaitZone(ZONE).start();
    TandemProcess b = TandemProcess.builder().config(bConfig, bAt).awaitZone(ZONE).start();
    ApiHttp.at("http://" + bYaml.apiListen()).awaitUp(ARRIVES);
    try (BindPeer bind = BindPeer.builder().listen(bindAt).secondary(SecondaryZone.of(ZONE, aAt, key).allowTransfer(Acl.any())).start()) {
      ZoneFiles.write(tmp.resolve("zones"), ZONE, 2, 3600, 600, 86400, "v IN TXT \"v2\"");
      a.sighup();
      b.awaitSerial(ZONE, 2, ARRIVES);
      bind.awaitSerial(ZONE, 2, ARRIVES);

      a.close(); // the primary is lost
      assertThat(cli(1, "record", "set", ZONE, "lost", "TXT", "x", bApi[0], bApi[1], bApi[2], bApi[3]))
          .as("a secondary takes no changes").contains("secondary");
      assertThat(cli(0, concat(new String[] {"zone", "promote", ZONE}, bApi))).contains("is a primary now, at serial 2");
      assertThat(cli(1, concat(new String[] {"zone", "promote", ZONE}, bApi))).contains("is a primary already");
      bind.repointSecondaries(aAt, bAt);

      changeAndSeeBindFollowByIxfr(b, bind, bApi, "after-promotion", 2, 3);

      b.close();
      b = TandemProcess.builder().config(bConfig, bAt).awaitZone(ZONE).start();
      ApiHttp.at("http://" + bYaml.apiListen()).awaitUp(ARRIVES);
      assertThat(b.log()).contains("zone " + ZONE + ".: promoted to primary at");
      assertThat(cli(0, concat(new String[] {"zone", "show", ZONE, "--json"}, bApi))).contains("\"type\" : \"primary\"");
      changeAndSeeBindFollowByIxfr(b, bind, bApi, "after-restart", 3, 4);

      String[] demote = concat(new String[] {"zone", "demote", ZONE, "--primary", aAt + keyed}, bApi);
      assertThat(cli(1, demote)).as("the old primary is down").contains("does not serve it");
      a = TandemProcess.builder().config(aConfig, aAt).awaitZone(ZONE).start();
      assertThat(cli(1, demote)).contains("serves serial 2, older than ours (4)");

      // the runbook: give the old primary the promoted server's zone, at a newer serial, then demote
      String exported = cli(0, concat(new String[] {"zone", "export", ZONE}, bApi));
      Files.writeString(zoneFile, exported.replaceFirst("(SOA\\s+\\S+\\s+\\S+\\s+)4(\\s)", "$110$2"));
      a.sighup();
      a.awaitSerial(ZONE, 10, ARRIVES);
      assertThat(cli(0, demote)).contains("is a secondary of");
      b.awaitSerial(ZONE, 10, ARRIVES);
      bind.awaitSerial(ZONE, 10, ARRIVES);
      assertThat(Axfr.records(bind.endpoint(), ZONE, null, ARRIVES)).isEqualTo(Axfr.records(a.endpoint(), ZONE, key))
          .anyMatch(r -> r.contains("after-promotion")).anyMatch(r -> r.contains("after-restart"));

      b.close();
      b = TandemProcess.builder().config(bConfig, bAt).awaitZone(ZONE).start();
      ApiHttp.at("http://" + bYaml.apiListen()).awaitUp(ARRIVES);
      assertThat(cli(0, concat(new String[] {"zone", "show", ZONE, "--json"}, bApi))).contains("\"type\" : \"secondary\"");
      assertThat(b.log()).as("the file names the same primary: no role kept").doesNotContain("promoted to primary at");
    } finally {
      a.close();
      b.close();
    }
  }

  /** A TXT record set through the promoted server's API; BIND (pointed at it) takes the change by IXFR. */
  private static void changeAndSeeBindFollowByIxfr(TandemProcess b, BindPeer bind, String[] api, String label, long from, long to) {
    int bMark = Logs.mark(b);
    int bindMark = Logs.mark(bind);
    setTxt(label, api);
    bind.awaitSerial(ZONE, to, ARRIVES);
    Logs.await(b, bMark, ARRIVES, "transfer out zone=" + ZONE + ".", "type=IXFR", "serial=" + from + "->" + to, "result=ok");
    // BIND 9.18 does not name the transfer type; the record count does: SOA new, SOA old, SOA new, TXT, SOA new
    Logs.await(bind, bindMark, ARRIVES, "transfer of '" + ZONE + "/IN' from " + b.endpoint().host() + "#" + b.endpoint().port(),
        "Transfer completed: 1 messages, 5 records", "(serial " + to + ")");
  }

  private static void setTxt(String label, String[] api) {
    cli(0, concat(new String[] {"record", "set", ZONE, label, "TXT", label}, api));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String cli(int expectedExit, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    assertThat(code).as("tandem %s: %s%s", String.join(" ", args), out, err).isEqualTo(expectedExit);
    return out + err.toString();
  }
}
