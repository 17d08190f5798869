package org.tandemdns.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.security.TsigKey;
import org.tandemdns.sync.provider.FileSource;
import org.tandemdns.sync.provider.Provider;
import org.tandemdns.sync.provider.Rfc2136Provider;
import org.tandemdns.sync.provider.TandemApiProvider;
import org.tandemdns.sync.provider.ZoneContent;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.MotoServer;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.testing.Endpoint;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * {@code tandem sync plan|apply} against real processes on loopback: BIND and Knot taking UPDATE
 * with TSIG, PowerDNS with its HTTP API and a second Tandem, all first serving the same zone. The
 * source then changes (an RRset added, one modified, one deleted, a new RRset type): the plan
 * shows exactly those changes at every target, apply makes them and sees them served, and
 * {@code tandem check} finds no drift. A destructive plan is refused without --force, and every
 * kind of broken target is reported with the provider's own message without holding up the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TARGETS = List.of("bind", "knot", "pdns", "tandem");

  private Path tmp;
  private SyncTargets targets;

  @BeforeAll
  void startTargets(@TempDir Path dir) throws IOException {
    tmp = dir;
    Map<String, String> zones = new LinkedHashMap<>();
    for (String z : List.of("example.test", "safety.test", "mixed.test", "relay.test", "race.test", "multi.test", "union.test")) {
      zones.put(z, SyncZones.v1(z));
    }
    targets = SyncTargets.start(tmp.resolve("targets"), zones);
  }

  @AfterAll
  void stopTargets() {
    if (targets != null) {
      targets.close();
    }
  }

  private Path config(String zonesYaml) throws IOException {
    return Files.writeString(tmp.resolve("targets/sync.yaml"), targets.keysAndProviders() + zonesYaml);
  }

  private static String zone(String name, String sourceFile, String... extra) {
    return "  zones:\n    - name: " + name + "\n      source: { file: " + sourceFile + " }\n      targets: [bind, knot, pdns, tandem]\n"
        + String.join("", extra);
  }

  private Path source(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve("targets/" + name), text);
  }

  private static Cli.Run sync(Path config, String... args) {
    List<String> all = new ArrayList<>(List.of("sync"));
    all.addAll(List.of(args));
    all.addAll(List.of("--config", config.toString()));
    return Cli.run(all);
  }

  private static JsonNode json(Cli.Run run) throws IOException {
    return JSON.readTree(run.out());
  }

  private static JsonNode target(JsonNode report, String zone, String target) {
    for (JsonNode z : report.get("zones")) {
      if (z.get("zone").asText().equals(zone)) {
        for (JsonNode t : z.get("targets")) {
          if (t.get("target").asText().equals(target)) {
            return t;
          }
        }
      }
    }
    throw new AssertionError("no target " + target + " for " + zone + " in " + report);
  }

  /** Each change as "op name TYPE before -> after" (records only). */
  private static List<String> changes(JsonNode target) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : target.get("plan").get("changes")) {
      out.add(c.get("op").asText() + " " + c.get("name").asText() + " " + c.get("type").asText() + " "
          + records(c.get("before")) + " -> " + records(c.get("after")));
    }
    return out;
  }

  private static String records(JsonNode set) {
    if (set == null || set.isNull()) {
      return "none";
    }
    List<String> r = new ArrayList<>();
    set.get("records").forEach(x -> r.add(x.asText()));
    return set.get("ttl").asText() + " " + String.join(",", r);
  }

  @Test
  void planShowsExactlyTheSourcesChangesApplySyncsAllFourAndCheckFindsNoDrift() throws IOException {
    Path source = source("example.test.zone", SyncZones.v2("example.test"));
    Path config = config(zone("example.test", "example.test.zone"));

    Cli.Run plan = sync(config, "plan", "--json");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(2);
    JsonNode planned = json(plan);
    for (String t : TARGETS) {
      JsonNode report = target(planned, "example.test.", t);
      assertThat(report.get("status").asText()).as(t).isEqualTo("planned");
      assertThat(changes(report)).as(t).containsExactly(
          "create example.test. CAA none -> 300 0 issue \"ca.example.net\"",
          "create new.example.test. A none -> 300 192.0.2.77",
          "delete old.example.test. TXT 300 \"to be deleted\" -> none",
          "update www.example.test. A 300 192.0.2.1 -> 300 192.0.2.2");
      assertThat(report.get("plan").get("existing").asInt()).as(t).isEqualTo(23);
      assertThat(report.get("plan").get("unsupported")).as(t).isEmpty();
    }
    Cli.Run text = sync(config, "plan");
    assertThat(text.out()).contains("  bind: rfc2136 " + targets.endpoints().get("bind") + " key sync-key.")
        .contains("    2 to create, 1 to update, 1 to delete (2 of 23 RRsets updated or deleted: 8.7%)")
        .contains("    + new.example.test. 300 A 192.0.2.77")
        .contains("    ~ www.example.test. A\n        - www.example.test. 300 A 192.0.2.1\n        + www.example.test. 300 A 192.0.2.2")
        .contains("    - old.example.test. 300 TXT \"to be deleted\"")
        .contains("Summary: 4 with changes to apply");

    Cli.Run apply = sync(config, "apply", "--json", "--verify-timeout", "20s");
    assertThat(apply.exit()).as(apply.all()).isZero();
    JsonNode applied = json(apply);
    for (String t : TARGETS) {
      JsonNode report = target(applied, "example.test.", t);
      assertThat(report.get("status").asText()).as(t + ": " + report).isEqualTo("applied");
      assertThat(report.get("apply").get("changes-done").asInt()).as(t).isEqualTo(4);
      assertThat(report.get("verify").get("outcome").asText()).as(t).isEqualTo("served");
      assertThat(report.get("verify").get("checked").asInt()).as(t).isEqualTo(4);
    }
    for (Map.Entry<String, Endpoint> e : targets.endpoints().entrySet()) {
      assertThat(answer(e.getValue(), "www.example.test", Type.A)).as(e.getKey()).containsExactly("192.0.2.2");
      assertThat(answer(e.getValue(), "old.example.test", Type.TXT)).as(e.getKey()).isEmpty();
    }

    Cli.Run again = sync(config, "plan");
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.out()).contains("Summary: 4 in sync");

    List<String> check = new ArrayList<>(List.of("check", "example.test", "--timeout", "1s", "--json", "--expect", source.toString()));
    check.addAll(targets.checkArgs());
    Cli.Run checked = Cli.run(check);
    JsonNode servers = JSON.readTree(checked.out()).get("nameservers");
    assertThat(servers).hasSize(4);
    for (JsonNode s : servers) {
      assertThat(s.get("health").asText()).as(s.toString()).isEqualToIgnoringCase("ok");
      assertThat(s.get("content").asText()).as(s.toString()).isEqualTo("axfr");
      assertThat(s.get("differences")).as(s.toString()).isEmpty();
    }
  }

  /**
   * One source to BIND (RFC 2136), PowerDNS, Tandem and Route 53 (moto) in one run, with a second
   * Route 53 account that is down: the four are applied, the report and the exit code name the one
   * that failed, and a second plan finds nothing to change anywhere (what each provider writes
   * differently is normalised away).
   */
  @Test
  void oneSourceToBindPowerDnsTandemAndRoute53ThenASecondPlanIsEmptyAndADownTargetIsNamed() throws Exception {
    try (MotoServer moto = MotoServer.start(); var r53 = moto.route53()) {
      r53.createHostedZone(r -> r.name("multi.test").callerReference("multi-" + System.nanoTime()));
      System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
      int closed;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closed = s.getLocalPort();
      }
      String providers = targets.keysAndProviders()
          + "    - { name: aws, type: route53, endpoint: \"" + moto.endpoint() + "\" }\n"
          + "    - { name: aws-down, type: route53, endpoint: \"http://127.0.0.1:" + closed + "\", timeout: 1s, throttle-deadline: 3s }\n";
      source("multi.test.zone", SyncZones.v2("multi.test") + "long TXT \"" + "x".repeat(255) + "\" \"tail\"\n"
          + "*.wild A 192.0.2.99\n" + "quote TXT \"say \\\"hi\\\"\"\n");
      String zones = "  zones:\n    - name: multi.test\n      source: { file: multi.test.zone }\n"
          + "      targets: [bind, pdns, tandem, aws, aws-down]\n";
      Path config = Files.writeString(tmp.resolve("targets/multi.yaml"), providers + zones);

      Cli.Run apply = sync(config, "apply", "--json", "--verify-timeout", "20s", "--parallel", "5");
      JsonNode report = json(apply);
      for (String good : List.of("bind", "pdns", "tandem", "aws")) {
        assertThat(target(report, "multi.test.", good).get("status").asText()).as(good + ": " + apply.out()).isEqualTo("applied");
      }
      JsonNode down = target(report, "multi.test.", "aws-down");
      assertThat(down.get("status").asText()).isEqualTo("failed");
      assertThat(down.get("error").asText()).startsWith("aws-down: looking up the hosted zone multi.test.");
      assertThat(report.get("failed").toString()).isEqualTo("[\"aws-down\"]");
      // aws-down is the sixth provider (bind, knot, pdns, tandem, aws, aws-down): bit 5
      assertThat(apply.exit()).as(apply.all()).isEqualTo(64 + 0b100000);

      Cli.Run again = sync(config, "plan", "--json", "--target", "bind", "--target", "pdns", "--target", "tandem",
          "--target", "aws");
      JsonNode second = json(again);
      for (String t : List.of("bind", "pdns", "tandem", "aws")) {
        assertThat(target(second, "multi.test.", t).get("status").asText()).as(t + ": " + again.out()).isEqualTo("in-sync");
      }
      assertThat(again.exit()).as(again.all()).isZero();
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  /**
   * apex-ns-union with BIND (its nameservers given as own-ns) and Route 53 (its delegation set): the
   * change is refused without --force, then both serve the union of the six nameservers, and a
   * second plan is empty.
   */
  @Test
  void apexNsUnionPublishesEveryProvidersNameserversAtEveryProvider() throws Exception {
    try (MotoServer moto = MotoServer.start(); var r53 = moto.route53()) {
      String id = r53.createHostedZone(r -> r.name("union.test").callerReference("union-" + System.nanoTime())).hostedZone().id();
      List<String> awsNs = r53.getHostedZone(r -> r.id(id)).delegationSet().nameServers().stream()
          .map(ns -> ns.endsWith(".") ? ns : ns + ".").toList();
      assertThat(awsNs).hasSize(4);
      System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
      source("union.test.zone", SyncZones.v1("union.test"));
      String yaml = targets.keysAndProviders() + "    - { name: aws, type: route53, endpoint: \"" + moto.endpoint() + "\" }\n"
          + "  zones:\n    - name: union.test\n      source: { file: union.test.zone }\n      targets: [bind, aws]\n"
          + "      apex-ns-union: true\n"
          + "      per-target: { bind: { own-ns: [ns1.union.test., ns2.union.test.] } }\n";
      Path config = Files.writeString(tmp.resolve("targets/union.yaml"), yaml);

      JsonNode refused = json(sync(config, "apply", "--json"));
      assertThat(target(refused, "union.test.", "bind").get("plan").get("refused").asText()).startsWith("changes the apex NS RRset");
      // the new hosted zone holds only its NS, so the update is also 100% of what it holds
      assertThat(target(refused, "union.test.", "aws").get("plan").get("refused").asText()).contains("run with --force");

      Cli.Run forced = sync(config, "apply", "--json", "--force", "--verify-timeout", "20s");
      assertThat(forced.exit()).as(forced.all()).isZero();
      List<String> union = new ArrayList<>(List.of("ns1.union.test.", "ns2.union.test."));
      union.addAll(awsNs);
      assertThat(answer(targets.endpoints().get("bind"), "union.test", Type.NS)).containsExactlyInAnyOrderElementsOf(union);
      var atAws = r53.listResourceRecordSets(r -> r.hostedZoneId(id).startRecordName("union.test.").startRecordType("NS")
          .maxItems("1")).resourceRecordSets().get(0);
      assertThat(atAws.resourceRecords()).extracting(rr -> rr.value().endsWith(".") ? rr.value() : rr.value() + ".")
          .containsExactlyInAnyOrderElementsOf(union);

      Cli.Run again = sync(config, "plan", "--json");
      assertThat(again.exit()).as(again.all()).isZero();
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void aDestructivePlanIsRefusedWithoutForce() throws IOException {
    String v1 = SyncZones.v1("safety.test");
    String renumbered = v1.replaceAll("A     192\\.0\\.2\\.1(\\d\\d)", "A     198.51.100.1$1");
    source("safety.test.zone", renumbered);
    Path config = config(zone("safety.test", "safety.test.zone"));

    Cli.Run plan = sync(config, "plan");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(64 + 0b1111);
    assertThat(plan.out()).contains("REFUSED: would update or delete 10 of the 23 RRsets the target holds (43.5%), more than the 30% threshold")
        .contains("Needs attention: bind, knot, pdns, tandem (exit 79)");

    Cli.Run refused = sync(config, "apply", "--verify-timeout", "5s");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(79);
    for (Map.Entry<String, Endpoint> e : targets.endpoints().entrySet()) {
      assertThat(answer(e.getValue(), "h01.safety.test", Type.A)).as(e.getKey()).containsExactly("192.0.2.101");
    }
    assertThat(sync(config, "plan", "--max-change", "50%").exit()).isEqualTo(2);

    Cli.Run forced = sync(config, "apply", "--force", "--verify-timeout", "20s");
    assertThat(forced.exit()).as(forced.all()).isZero();
    for (Map.Entry<String, Endpoint> e : targets.endpoints().entrySet()) {
      assertThat(answer(e.getValue(), "h01.safety.test", Type.A)).as(e.getKey()).containsExactly("198.51.100.101");
    }

    source("safety.test.zone", renumbered.replace("@        NS    ns2\n", "@        NS    ns3\nns3 A 127.0.0.3\n"));
    Cli.Run apex = sync(config, "plan", "--include-apex-ns", "--target", "bind", "--json");
    JsonNode bind = target(json(apex), "safety.test.", "bind");
    assertThat(bind.get("plan").get("refused").asText()).startsWith("changes the apex NS RRset");
    assertThat(changes(bind)).contains("update safety.test. NS 300 ns1.safety.test.,ns2.safety.test. -> 300 ns1.safety.test.,ns3.safety.test.");
    assertThat(apex.exit()).isEqualTo(64 + 1);
    assertThat(sync(config, "plan", "--target", "bind").exit()).as("apex NS left alone by default").isEqualTo(2);
  }

  @Test
  void everyBrokenTargetIsReportedWithTheProvidersMessageAndNoneHoldsUpTheOthers() throws Exception {
    String v2 = SyncZones.v2("mixed.test") + "alias    CNAME www\nlegacy   RT    10 relay\n";
    source("mixed.test.zone", v2);
    source("absent.test.zone", SyncZones.v1("absent.test"));
    // PowerDNS holds a record of its own type where the source puts a CNAME: it refuses the whole PATCH
    targets.pdnsPatch("mixed.test.", "alias.mixed.test.", "ALIAS", "www.mixed.test.");
    try (Blackhole hole = new Blackhole()) {
      Files.writeString(tmp.resolve("targets/wrong.secret"), "d3Jvbmcgc2VjcmV0IHdyb25nIHNlY3JldA==\n");
      String keys = "  - { name: wrong-key, algorithm: hmac-sha256, secret-file: wrong.secret }\n";
      String broken = String.join("\n",
          "    - { name: bind-badkey, type: rfc2136, server: \"" + targets.endpoints().get("bind") + "\", key: wrong-key }",
          "    - { name: pdns-badkey, type: powerdns, url: \"" + targets.pdnsBase() + "\", api-key: not-the-key }",
          "    - { name: tandem-badtoken, type: tandem, url: \"" + targets.tandemApi.base() + "\", token: not-the-token-at-all }",
          "    - { name: dns-blackhole, type: rfc2136, server: \"127.0.0.1:" + hole.port() + "\", timeout: 1s }",
          "    - { name: http-blackhole, type: tandem, url: \"http://127.0.0.1:" + hole.port() + "\", token: whatever-token-0123,"
              + " timeout: 1s }",
          "  zones:",
          "    - name: mixed.test",
          "      source: { file: mixed.test.zone }",
          "      targets: [bind, knot, pdns, tandem, bind-badkey, pdns-badkey, tandem-badtoken, dns-blackhole, http-blackhole]",
          "      per-target: { pdns: { lenient: true } }",
          "    - name: absent.test",
          "      source: { file: absent.test.zone }",
          "      targets: [pdns, tandem]",
          "");
      String yaml = targets.keysAndProviders().replace("sync:\n", keys + "sync:\n") + broken;
      Path config = Files.writeString(tmp.resolve("targets/broken.yaml"), yaml);

      Cli.Run run = sync(config, "apply", "--json", "--verify-timeout", "20s", "--parallel", "8");
      assertThat(run.err()).as(run.all()).isEmpty();
      JsonNode report = json(run);
      for (String good : List.of("bind", "knot", "tandem")) {
        JsonNode t = target(report, "mixed.test.", good);
        assertThat(t.get("status").asText()).as(good + ": " + t).isEqualTo("applied");
        assertThat(t.get("apply").get("changes-done").asInt()).as(good).isEqualTo(6);
      }
      JsonNode pdns = target(report, "mixed.test.", "pdns");
      assertThat(pdns.get("status").asText()).isEqualTo("failed");
      assertThat(pdns.get("apply").get("error").asText())
          .contains("HTTP 422: RRset alias.mixed.test. IN CNAME: Conflicts with pre-existing RRset");
      assertThat(pdns.get("apply").get("batches-done").asInt()).isZero();
      assertThat(pdns.get("plan").get("unsupported").toString()).contains("legacy.mixed.test.").contains("powerdns does not support RT");
      assertThat(pdns.get("plan").get("notes").toString()).contains("alias.mixed.test. ALIAS is a PowerDNS-specific type; left alone");
      assertThat(answer(targets.endpoints().get("pdns"), "new.mixed.test", Type.A)).as("nothing of the refused PATCH").isEmpty();
      assertThat(answer(targets.endpoints().get("bind"), "legacy.mixed.test", Type.RT)).containsExactly("10 relay.mixed.test.");

      assertThat(target(report, "mixed.test.", "bind-badkey").get("error").asText())
          .contains("AXFR of mixed.test. from " + targets.endpoints().get("bind") + " refused: NOTAUTH").contains("BADKEY");
      assertThat(target(report, "mixed.test.", "pdns-badkey").get("error").asText())
          .contains("HTTP 401: Unauthorized").contains("check the API key");
      assertThat(target(report, "mixed.test.", "tandem-badtoken").get("error").asText()).contains("HTTP 401: unknown token").contains("check the token");
      assertThat(target(report, "mixed.test.", "dns-blackhole").get("error").asText()).contains("did not complete within 1 s");
      assertThat(target(report, "mixed.test.", "http-blackhole").get("error").asText()).contains("no answer within 1000 ms");
      assertThat(target(report, "absent.test.", "pdns").get("error").asText()).contains("HTTP 404: Not Found");
      assertThat(target(report, "absent.test.", "tandem").get("error").asText()).contains("HTTP 404: no zone absent.test. here");

      // bit i for the i-th provider; from the sixth on they share bit 5
      assertThat(run.exit()).as(run.all()).isEqualTo(64 + 0b100 + 0b1000 + 0b10000 + 0b100000);
      assertThat(report.get("failed").toString()).contains("pdns", "bind-badkey", "pdns-badkey", "tandem-badtoken",
          "dns-blackhole", "http-blackhole", "tandem");
    }
  }

  @Test
  void aProviderIsASourceAndBigPlansGoInSeveralUpdateMessages() throws IOException {
    // the change is made at the second Tandem, through its API: that Tandem is the source
    List<Object> records = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      records.add(Map.of("op", "replace", "name", "n" + i, "type", "TXT", "ttl", 600, "records",
          List.of("\"record number " + i + " of a change too big for one small UPDATE message\"")));
    }
    records.add(Map.of("op", "delete", "name", "old", "type", "TXT"));
    targets.tandemApi.post("api/v1/zones/relay.test/changes", Map.of("changes", records)).requireOk();
    String small = "    - { name: bind-small, type: rfc2136, server: \"" + targets.endpoints().get("bind")
        + "\", key: sync-key, max-message-bytes: 2048 }\n";
    Path config = Files.writeString(tmp.resolve("targets/relay.yaml"), targets.keysAndProviders() + small + """
          zones:
            - name: relay.test
              source: { provider: tandem }
              targets: [bind-small, knot, pdns]
        """);

    Cli.Run apply = sync(config, "apply", "--json", "--verify-timeout", "20s");
    assertThat(apply.exit()).as(apply.all()).isZero();
    JsonNode report = json(apply);
    assertThat(report.get("zones").get(0).get("source").asText()).startsWith("tandem http://127.0.0.1:");
    for (String t : List.of("bind-small", "knot", "pdns")) {
      JsonNode r = target(report, "relay.test.", t);
      assertThat(r.get("plan").get("creates").asInt()).as(t).isEqualTo(30);
      assertThat(r.get("plan").get("deletes").asInt()).as(t).isEqualTo(1);
      assertThat(r.get("verify").get("outcome").asText()).as(t).isEqualTo("served");
    }
    JsonNode small2136 = target(report, "relay.test.", "bind-small").get("apply");
    assertThat(small2136.get("batches").asInt()).as("UPDATE messages of at most 2048 bytes").isGreaterThanOrEqualTo(3);
    assertThat(small2136.get("batches-done").asInt()).isEqualTo(small2136.get("batches").asInt());
    assertThat(target(report, "relay.test.", "knot").get("apply").get("batches").asInt()).isEqualTo(1);

    // BIND read by AXFR as the source: the others agree with it now
    Path back = Files.writeString(tmp.resolve("targets/relay-back.yaml"), targets.keysAndProviders() + """
          zones:
            - name: relay.test
              source: { provider: bind }
              targets: [knot, pdns, tandem]
        """);
    Cli.Run plan = sync(back, "plan");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.out()).contains("Zone relay.test. from rfc2136 " + targets.endpoints().get("bind")).contains("Summary: 3 in sync");

    // a target whose nameserver never serves the change: applied, but reported as not served in time
    targets.tandemApi.post("api/v1/zones/relay.test/changes", Map.of("changes", List.of(
        Map.of("op", "replace", "name", "late", "type", "A", "ttl", 300, "records", List.of("192.0.2.99"))))).requireOk();
    int closed = org.tandemdns.testing.Ports.allocate();
    String late = "    - { name: knot-late, type: rfc2136, server: \"" + targets.endpoints().get("knot")
        + "\", key: sync-key, nameservers: [\"127.0.0.1:" + closed + "\"] }\n";
    Path lateConfig = Files.writeString(tmp.resolve("targets/late.yaml"), targets.keysAndProviders() + late + """
          zones:
            - name: relay.test
              source: { provider: tandem }
              targets: [knot-late]
        """);
    Cli.Run notServed = sync(lateConfig, "apply", "--verify-timeout", "1s");
    assertThat(notServed.exit()).as(notServed.all()).isEqualTo(64 + 0b10000);
    assertThat(notServed.out()).contains("applied: 1 change in 1 batch")
        .contains("NOT SERVED within ").contains("127.0.0.1:" + closed + ": late.relay.test. A (UDP port unreachable)")
        .contains("Needs attention: knot-late");
    assertThat(answer(targets.endpoints().get("knot"), "late.relay.test", Type.A)).containsExactly("192.0.2.99");
  }

  @Test
  void aBatchWhoseTargetChangedSinceThePlanIsRefusedWholeByBindAndTandem() throws Exception {
    Name zone = Name.fromConstantString("race.test.");
    ZoneContent source = new FileSource(source("race.test.zone", SyncZones.v2("race.test"))).read(zone);
    Provider bind = new Rfc2136Provider("bind", ServerAddress.parse(targets.endpoints().get("bind").toString()),
        Optional.of(TsigKey.of("sync-key", "hmac-sha256", SyncTargets.KEY.secret())), List.of(), Duration.ofSeconds(5), 65535,
        Clock.systemUTC());
    Provider tandem = new TandemApiProvider("tandem", targets.tandemApi.base(), SyncTargets.TANDEM_TOKEN, List.of(),
        Duration.ofSeconds(5));
    for (Provider p : List.of(bind, tandem)) {
      ZoneContent read = p.read(zone);
      ZonePlan plan = new Planner().plan(zone, p.name(), source, read, p::supports, p::unsupportedReason, PlanOptions.defaults());
      assertThat(plan.changes()).hasSize(4);
      // someone else changes www after the plan read the target
      Record www = Record.fromString(Name.fromConstantString("www.race.test."), Type.A, DClass.IN, 300, "203.0.113.1", zone);
      p.apply(zone, List.of(new RRsetChange.Update(null, CanonicalZone.of(zone, List.of(www)).rrsets().firstEntry().getValue())),
          java.util.OptionalLong.empty());

      Applied applied = Applier.apply(p, zone, plan.changes(), read.serial());
      assertThat(applied.complete()).as(p.name()).isFalse();
      assertThat(applied.batchesDone()).isZero();
      assertThat(applied.error().orElseThrow()).as(p.name())
          .contains(p == bind ? "NXRRSET (a prerequisite failed: the zone changed since it was read; nothing was changed"
              : "HTTP 409: the zone is at serial");
      Endpoint at = targets.endpoints().get(p.name());
      assertThat(answer(at, "new.race.test", Type.A)).as(p.name() + ": nothing of the batch").isEmpty();
      assertThat(answer(at, "old.race.test", Type.TXT)).as(p.name()).containsExactly("\"to be deleted\"");
      assertThat(answer(at, "www.race.test", Type.A)).as(p.name()).containsExactly("203.0.113.1");
    }
  }

  /** The RDATA of {@code name}/{@code type} as served, authoritative answers only. */
  static List<String> answer(Endpoint server, String name, int type) {
    Message m = DnsQuery.to(server).tcp().send(DnsQuery.question(name, type));
    List<String> out = new ArrayList<>();
    for (Record r : m.getSection(Section.ANSWER)) {
      if (r.getType() == type) {
        out.add(r.rdataToString());
      }
    }
    return out;
  }

  /** A TCP port that accepts connections and never answers. */
  static final class Blackhole implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    Blackhole() throws IOException {
      acceptor = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            accepted.add(socket.accept());
          } catch (IOException e) {
            return;
          }
        }
      }, "blackhole");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      socket.close();
      for (Socket s : accepted) {
        s.close();
      }
      acceptor.join(Duration.ofSeconds(5).toMillis());
    }
  }
}
