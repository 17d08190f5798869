package org.tandemdns.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.FaultyHttpProxy;
import org.tandemdns.testing.FaultyHttpProxy.Fault;
import org.tandemdns.testing.MotoServer;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * {@code tandem sync plan|apply} to Amazon Route 53, imitated by moto's server on loopback: the
 * hosted zone is found by name, the plan is applied in change batches, the result is read back
 * through the AWS SDK by the test itself, and a second plan is empty. Then what goes wrong with
 * Route 53: batches over 1,000 values, throttling, a zone that does not exist, no credentials, a
 * batch Route 53 refuses, alias records Tandem must leave alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Route53IT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MotoServer moto;
  private Route53Client r53;
  @TempDir Path tmp;

  @BeforeAll
  void startMoto() {
    moto = MotoServer.start();
    r53 = moto.route53();
    System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
  }

  @AfterAll
  void stopMoto() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (r53 != null) {
      r53.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @BeforeEach
  void emptyMoto() {
    moto.reset();
  }

  /** A hosted zone as an operator makes it in the AWS console; its id. */
  private String hostedZone(String name) {
    return r53.createHostedZone(r -> r.name(name).callerReference(UUID.randomUUID().toString())).hostedZone().id();
  }

  private Path config(String zone, String sourceFile, String providerExtra, String zoneExtra) throws IOException {
    return config(moto.endpoint(), zone, sourceFile, providerExtra, zoneExtra);
  }

  private Path config(URI endpoint, String zone, String sourceFile, String providerExtra, String zoneExtra) throws IOException {
    String yaml = """
        sync:
          providers:
            - name: aws
              type: route53
              endpoint: %s
              throttle-deadline: 20s
        %s
          zones:
            - name: %s
              source: { file: %s }
              targets: [aws]
        %s
        """.formatted(endpoint, providerExtra, zone, sourceFile, zoneExtra);
    return Files.writeString(tmp.resolve("sync.yaml"), yaml);
  }

  private Path source(String text) throws IOException {
    return Files.writeString(tmp.resolve("source.zone"), text);
  }

  private static Cli.Run sync(Path config, String... args) {
    List<String> all = new ArrayList<>(List.of("sync"));
    all.addAll(List.of(args));
    all.addAll(List.of("--config", config.toString(), "--json"));
    return Cli.run(all);
  }

  private static JsonNode target(Cli.Run run) throws IOException {
    JsonNode report = JSON.readTree(run.out());
    return report.get("zones").get(0).get("targets").get(0);
  }

  /** What Route 53 (moto) holds, as "name TYPE ttl value|value" sorted, read with the SDK. */
  private Map<String, String> held(String zoneId) {
    Map<String, String> out = new TreeMap<>();
    String next = null;
    String nextType = null;
    while (true) {
      String n = next;
      String t = nextType;
      var page = r53.listResourceRecordSets(r -> r.hostedZoneId(zoneId).startRecordName(n).startRecordType(t));
      for (ResourceRecordSet s : page.resourceRecordSets()) {
        String values = s.resourceRecords().stream().map(ResourceRecord::value).sorted().reduce((a, b) -> a + " | " + b).orElse("");
        out.put(s.name().toLowerCase() + " " + s.typeAsString(), s.ttl() + " " + values);
      }
      if (!Boolean.TRUE.equals(page.isTruncated())) {
        return out;
      }
      next = page.nextRecordName();
      nextType = page.nextRecordTypeAsString();
    }
  }

  private static final String LONG = "k".repeat(300);

  private static String zoneText() {
    return """
        $ORIGIN r53.test.
        $TTL 300
        @        SOA   ns1 hostmaster 7 3600 600 86400 300
        @        NS    ns1.elsewhere.example.
        @        MX    10 mail
        @        TXT   "v=spf1 -all" "second string"
        @        CAA   0 issue "ca.example.net"
        @        SPF   "v=spf1 -all"
        mail     A     192.0.2.25
        www      A     192.0.2.1
        www      A     192.0.2.2
        www      AAAA  2001:db8::1
        ftp      CNAME www
        quote    TXT   "say \\"hi\\"; a\\\\b"
        long     TXT   "%s" "%s"
        *.wild   A     192.0.2.99
        _sip._udp SRV  0 5 5060 sip
        sip      A     192.0.2.50
        """.formatted(LONG.substring(0, 255), LONG.substring(255));
  }

  @Test
  void planApplyReadBackAndASecondPlanIsEmpty() throws IOException {
    String id = hostedZone("r53.test");
    Path config = config("r53.test", source(zoneText()).toString(), "", "");

    Cli.Run plan = sync(config, "plan");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(2);
    JsonNode t = target(plan);
    assertThat(t.get("status").asText()).isEqualTo("planned");
    assertThat(t.get("plan").get("creates").asInt()).as(plan.out()).isEqualTo(13);

    Cli.Run apply = sync(config, "apply");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(target(apply).get("status").asText()).as(apply.out()).isEqualTo("applied");

    Map<String, String> held = held(id);
    assertThat(held).containsEntry("r53.test. MX", "300 10 mail.r53.test.")
        .containsEntry("r53.test. TXT", "300 \"v=spf1 -all\" \"second string\"")
        .containsEntry("r53.test. CAA", "300 0 issue \"ca.example.net\"")
        .containsEntry("r53.test. SPF", "300 \"v=spf1 -all\"")
        .containsEntry("www.r53.test. A", "300 192.0.2.1 | 192.0.2.2")
        .containsEntry("ftp.r53.test. CNAME", "300 www.r53.test.")
        .containsEntry("quote.r53.test. TXT", "300 \"say \\\"hi\\\"; a\\\\b\"")
        .containsEntry("long.r53.test. TXT", "300 \"" + LONG.substring(0, 255) + "\" \"" + LONG.substring(255) + "\"")
        .containsEntry("*.wild.r53.test. A", "300 192.0.2.99")
        .containsEntry("_sip._udp.r53.test. SRV", "300 0 5 5060 sip.r53.test.");
    assertThat(held.get("r53.test. NS")).as("the apex NS is Route 53's").doesNotContain("elsewhere");

    Cli.Run again = sync(config, "plan");
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(target(again).get("status").asText()).as(again.out()).isEqualTo("in-sync");
  }

  @Test
  void moreThanAThousandValuesAreSplitIntoBatchesRoute53Accepts() throws IOException {
    String id = hostedZone("big.test");
    StringBuilder z = new StringBuilder("$ORIGIN big.test.\n$TTL 60\n@ SOA ns1 hostmaster 1 3600 600 86400 300\n@ NS ns1.elsewhere.example.\n");
    for (int i = 0; i < 1500; i++) {
      z.append("h").append(i).append(" A 10.0.").append(i / 250).append('.').append(i % 250).append('\n');
    }
    Path config = config("big.test", source(z.toString()).toString(), "", "");

    Cli.Run apply = sync(config, "apply");
    assertThat(apply.exit()).as(apply.all()).isZero();
    JsonNode applied = target(apply).get("apply");
    assertThat(applied.get("batches").asInt()).as("1,500 values, at most 1,000 per batch").isEqualTo(2);
    assertThat(applied.get("changes-done").asInt()).isEqualTo(1500);
    assertThat(held(id)).hasSize(1500 + 2).containsEntry("h1499.big.test. A", "60 10.0.5.249");

    Cli.Run again = sync(config, "plan");
    assertThat(target(again).get("status").asText()).as(again.out()).isEqualTo("in-sync");
  }

  @Test
  void throttlingIsRetriedWithBackOffUntilRoute53Accepts() throws IOException {
    String id = hostedZone("r53.test");
    AtomicInteger throttles = new AtomicInteger();
    try (FaultyHttpProxy proxy = FaultyHttpProxy.start(moto.endpoint(), r -> {
      if (r.line().startsWith("POST ") && r.line().contains("/rrset") && throttles.getAndIncrement() < 3) {
        return throttles.get() % 2 == 0 ? Fault.route53Error("PriorRequestNotComplete", "The request was rejected because Route 53 was still processing a prior request.")
            : Fault.route53Error("Throttling", "Rate exceeded");
      }
      if (r.line().startsWith("GET ") && r.line().contains("/rrset") && throttles.get() < 5 && throttles.getAndIncrement() >= 0) {
        return Fault.route53Error("Throttling", "Rate exceeded");
      }
      return null;
    })) {
      Path config = config(proxy.endpoint(), "r53.test", source(zoneText()).toString(), "", "");
      Cli.Run apply = sync(config, "apply");
      assertThat(apply.exit()).as(apply.all()).isZero();
      assertThat(target(apply).get("status").asText()).isEqualTo("applied");
      assertThat(proxy.faulted()).as("reads and the change batch were each throttled, then retried").isEqualTo(5);
    }
    assertThat(held(id)).containsEntry("www.r53.test. A", "300 192.0.2.1 | 192.0.2.2");
  }

  @Test
  void throttlingPastTheDeadlineFailsWithAClearMessage() throws IOException {
    hostedZone("r53.test");
    try (FaultyHttpProxy proxy = FaultyHttpProxy.start(moto.endpoint(),
        r -> r.line().contains("/rrset") ? Fault.route53Error("Throttling", "Rate exceeded") : null)) {
      Path config = config(proxy.endpoint(), "r53.test", source(zoneText()).toString(), "", "");
      Files.writeString(config, Files.readString(config).replace("throttle-deadline: 20s", "throttle-deadline: 2s"));
      Cli.Run plan = sync(config, "plan");
      assertThat(plan.exit()).as(plan.all()).isNotZero();
      assertThat(target(plan).get("error").asText()).contains("aws", "reading zone r53.test.", "throttle-deadline");
      assertThat(proxy.faulted()).as("retried before giving up").isGreaterThan(1);
    }
  }

  @Test
  void aBatchRoute53RefusesAppliesNothingAndNamesTheRecord() throws IOException {
    String id = hostedZone("r53.test");
    String why = "RRSet of type CNAME with DNS name ftp.r53.test. is not permitted because a conflicting RRSet of type A "
        + "with the same DNS name already exists in zone r53.test.";
    try (FaultyHttpProxy proxy = FaultyHttpProxy.start(moto.endpoint(),
        r -> r.line().startsWith("POST ") && r.body().contains("<Name>ftp.r53.test.</Name>") ? Fault.route53InvalidChangeBatch(why) : null)) {
      Path config = config(proxy.endpoint(), "r53.test", source(zoneText()).toString(), "", "");
      Cli.Run apply = sync(config, "apply");
      assertThat(apply.exit()).as(apply.all()).isNotZero();
      JsonNode t = target(apply);
      assertThat(t.get("status").asText()).isEqualTo("failed");
      assertThat(t.get("apply").get("error").asText()).contains("nothing in it was applied", why);
      assertThat(t.get("apply").get("changes-done").asInt()).isZero();
    }
    assertThat(held(id).keySet()).as("only Route 53's own SOA and NS").containsExactlyInAnyOrder("r53.test. SOA", "r53.test. NS");
  }

  @Test
  void aHostedZoneThatDoesNotExistIsNamed() throws IOException {
    hostedZone("other.test");
    Path config = config("r53.test", source(zoneText()).toString(), "", "");
    Cli.Run plan = sync(config, "plan");
    assertThat(plan.exit()).isNotZero();
    assertThat(target(plan).get("error").asText()).isEqualTo("aws: Route 53 has no public hosted zone named r53.test."
        + " (set private-zone: true for a private one)");
  }

  @Test
  void missingCredentialsNameTheSdksSources() throws IOException {
    hostedZone("r53.test");
    Path config = config("r53.test", source(zoneText()).toString(), "", "");
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    System.setProperty("aws.disableEc2Metadata", "true");
    System.setProperty("aws.sharedCredentialsFile", tmp.resolve("no-credentials").toString());
    System.setProperty("aws.configFile", tmp.resolve("no-config").toString());
    try {
      Cli.Run plan = sync(config, "plan");
      assertThat(plan.exit()).isNotZero();
      assertThat(target(plan).get("error").asText()).startsWith("aws: no AWS credentials found;")
          .contains("AWS_ACCESS_KEY_ID", "~/.aws/credentials", "EC2 instance role");
    } finally {
      System.clearProperty("aws.disableEc2Metadata");
      System.clearProperty("aws.sharedCredentialsFile");
      System.clearProperty("aws.configFile");
      System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
    }
  }

  @Test
  void aliasRecordsAreReportedAndNeverDeleted() throws IOException {
    String id = hostedZone("r53.test");
    r53.changeResourceRecordSets(r -> r.hostedZoneId(id).changeBatch(b -> b.changes(c -> c.action("CREATE")
        .resourceRecordSet(s -> s.name("lb.r53.test.").type(RRType.A).aliasTarget(a -> a.hostedZoneId("Z35SXDOTRQ7X7K")
            .dnsName("my-lb-1234.us-east-1.elb.amazonaws.com.").evaluateTargetHealth(false))))));
    Path config = config("r53.test", source(zoneText()).toString(), "", "");

    Cli.Run apply = sync(config, "apply");
    assertThat(apply.exit()).as(apply.all()).isZero();
    JsonNode t = target(apply);
    assertThat(t.get("plan").get("deletes").asInt()).isZero();
    assertThat(t.get("plan").get("notes").toString()).contains("lb.r53.test. A is a Route 53 alias to my-lb-1234.us-east-1.elb.amazonaws.com.; left alone");
    assertThat(held(id)).containsKey("lb.r53.test. A");

    Path clash = source(zoneText() + "lb A 192.0.2.7\n");
    Cli.Run refused = sync(config("r53.test", clash.toString(), "", ""), "apply");
    assertThat(refused.exit()).isNotZero();
    assertThat(target(refused).get("apply").get("error").asText()).contains("lb.r53.test. A", "alias", "leaves alone");
  }

  @Test
  void recordsRoute53CannotHoldFailTheStrictPlanAndAreSkippedWhenLenient() throws IOException {
    String id = hostedZone("r53.test");
    Path src = source(zoneText() + "host HINFO \"PC\" \"Linux\"\nwhere LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m\n");

    Cli.Run strict = sync(config("r53.test", src.toString(), "", ""), "apply", "--force");
    assertThat(strict.exit()).as(strict.all()).isNotZero();
    JsonNode t = target(strict);
    assertThat(t.get("status").asText()).isEqualTo("refused");
    assertThat(t.get("plan").get("refused").asText()).startsWith("aws cannot hold host.r53.test. HINFO (route53 does not support"
        + " HINFO), where.r53.test. LOC (route53 does not support LOC)").contains("lenient: true");
    assertThat(held(id)).hasSize(2);

    Cli.Run lenient = sync(config("r53.test", src.toString(), "", "      lenient: true"), "apply");
    assertThat(lenient.exit()).as(lenient.all()).isZero();
    assertThat(target(lenient).get("plan").get("notes").toString()).contains("lenient: skipped 2 RRsets aws cannot hold");
    assertThat(held(id)).hasSize(2 + 13).doesNotContainKey("host.r53.test. HINFO");
  }

  @Test
  void ignoredRecordsAreNotDeletedAndThresholdsRefuseWhatWouldDeleteTooMuch() throws IOException {
    String id = hostedZone("r53.test");
    Path config = config("r53.test", source(zoneText()).toString(), "", """
              max-deletes: 50%
              per-target: { aws: { max-deletes: 2 } }
              ignore:
                - { name: "_acme-challenge.**", type: [TXT] }
        """);
    assertThat(sync(config, "apply").exit()).isZero();
    // certbot's DNS plugin adds its challenge at Route 53 itself
    r53.changeResourceRecordSets(r -> r.hostedZoneId(id).changeBatch(b -> b.changes(c -> c.action("CREATE")
        .resourceRecordSet(s -> s.name("_acme-challenge.www.r53.test.").type(RRType.TXT).ttl(60L)
            .resourceRecords(v -> v.value("\"challenge-token\""))))));

    String fewer = zoneText().replace("mail     A     192.0.2.25\n", "").replace("sip      A     192.0.2.50\n", "")
        .replace("ftp      CNAME www\n", "");
    Files.writeString(tmp.resolve("source.zone"), fewer);
    Cli.Run refused = sync(config, "apply");
    assertThat(refused.exit()).as(refused.all()).isNotZero();
    JsonNode t = target(refused);
    assertThat(t.get("plan").get("deletes").asInt()).as("the challenge is not among them").isEqualTo(3);
    assertThat(t.get("plan").get("refused").asText()).startsWith("would delete 3 of the 14 RRsets the target holds")
        .contains("more than max-deletes: 2 RRsets; run with --force");
    assertThat(held(id)).containsKey("mail.r53.test. A");

    Cli.Run forced = sync(config, "apply", "--force");
    assertThat(forced.exit()).as(forced.all()).isZero();
    assertThat(held(id)).doesNotContainKey("mail.r53.test. A").containsEntry("_acme-challenge.www.r53.test. TXT",
        "60 \"challenge-token\"");
    assertThat(target(sync(config, "plan")).get("status").asText()).isEqualTo("in-sync");
  }

  @Test
  void whatRoute53AndItsConsoleWriteDifferentlyIsNotADifference() throws IOException {
    String id = hostedZone("r53.test");
    // as an operator would type them in the console, and as AWS returns them: no trailing dots,
    // upper case, the wildcard as \052, a UTF-8 TXT in octal escapes
    List<String[]> console = List.of(new String[] {"ftp.r53.test.", "CNAME", "WWW.r53.test"},
        new String[] {"MAIL.r53.test.", "MX", "10 Mx.R53.test"}, new String[] {"\\052.wild.r53.test.", "A", "192.0.2.99"},
        new String[] {"utf8.r53.test.", "TXT", "\"caf\\303\\251\""}, new String[] {"www.r53.test.", "AAAA", "2001:DB8::1"});
    for (String[] c : console) {
      r53.changeResourceRecordSets(r -> r.hostedZoneId(id).changeBatch(b -> b.changes(ch -> ch.action("CREATE")
          .resourceRecordSet(s -> s.name(c[0]).type(c[1]).ttl(300L).resourceRecords(v -> v.value(c[2]))))));
    }
    Path src = source("""
        $ORIGIN r53.test.
        $TTL 300
        @     SOA   ns1 hostmaster 7 3600 600 86400 300
        @     NS    ns1.elsewhere.example.
        ftp   CNAME www
        mail  MX    10 mx
        *.wild A    192.0.2.99
        utf8  TXT   "caf\\195\\169"
        www   AAAA  2001:db8::1
        """);
    Cli.Run plan = sync(config("r53.test", src.toString(), "", ""), "plan");
    assertThat(target(plan).get("status").asText()).as(plan.out()).isEqualTo("in-sync");
  }

  /** docs/sync.md's Route 53 example, pointed at moto, run as the guide says: apply, then plan is empty. */
  @Test
  void theGuidesRoute53ExampleRuns() throws IOException {
    String id = hostedZone("example.com");
    Path docs = Path.of("src/test/resources/docs-configs");
    Files.createDirectories(tmp.resolve("zones"));
    Files.createDirectories(tmp.resolve("keys"));
    Files.copy(docs.resolve("zones/example.com.zone"), tmp.resolve("zones/example.com.zone"));
    Files.writeString(tmp.resolve("keys/sync-key.secret"), "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=\n");
    String yaml = Files.readString(docs.resolve("sync-route53.yaml"));
    assertThat(yaml).contains("      type: route53\n");
    Path config = Files.writeString(tmp.resolve("sync-route53.yaml"),
        yaml.replace("      type: route53\n", "      type: route53\n      endpoint: " + moto.endpoint() + "\n"));
    // certbot's challenge, which the example's ignore rule protects
    r53.changeResourceRecordSets(r -> r.hostedZoneId(id).changeBatch(b -> b.changes(c -> c.action("CREATE")
        .resourceRecordSet(s -> s.name("_acme-challenge.example.com.").type(RRType.TXT).ttl(60L)
            .resourceRecords(v -> v.value("\"token\""))))));

    Cli.Run apply = sync(config, "apply", "--target", "aws");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(held(id)).containsEntry("www.example.com. AAAA", "3600 2001:db8:0:0:0:0:0:80")
        .containsEntry("_acme-challenge.example.com. TXT", "60 \"token\"");
    assertThat(target(sync(config, "plan", "--target", "aws")).get("status").asText()).isEqualTo("in-sync");
  }

  /** Route 53 answers a change batch PENDING; Tandem polls GetChange until INSYNC before the next batch. */
  @Test
  void eachBatchIsWaitedForUntilGetChangeSaysInSync() throws IOException {
    hostedZone("big.test");
    StringBuilder z = new StringBuilder("$ORIGIN big.test.\n$TTL 60\n@ SOA ns1 hostmaster 1 3600 600 86400 300\n@ NS ns1.elsewhere.example.\n");
    for (int i = 0; i < 1200; i++) {
      z.append("h").append(i).append(" A 10.1.").append(i / 250).append('.').append(i % 250).append('\n');
    }
    AtomicInteger pendingPolls = new AtomicInteger();
    List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (FaultyHttpProxy proxy = FaultyHttpProxy.start(moto.endpoint(), r -> null, (r, body) -> {
      if (r.line().startsWith("POST ") && r.line().contains("/rrset")) {
        order.add("batch");
        return body.replace("<Status>INSYNC</Status>", "<Status>PENDING</Status>");
      }
      if (r.line().startsWith("GET ") && r.line().contains("/change/")) {
        order.add("poll");
        if (pendingPolls.incrementAndGet() % 3 != 0) {
          return body.replace("<Status>INSYNC</Status>", "<Status>PENDING</Status>");
        }
      }
      return body;
    })) {
      Path config = config(proxy.endpoint(), "big.test", source(z.toString()).toString(), "", "");
      Cli.Run apply = sync(config, "apply");
      assertThat(apply.exit()).as(apply.all()).isZero();
      assertThat(order).as("two batches, each polled until the third GetChange says INSYNC")
          .containsExactly("batch", "poll", "poll", "poll", "batch", "poll", "poll", "poll");
    }
  }

  @Test
  void aChangeNeverInSyncFailsAfterTheChangeTimeoutSayingRoute53WillStillApplyIt() throws IOException {
    hostedZone("r53.test");
    try (FaultyHttpProxy proxy = FaultyHttpProxy.start(moto.endpoint(), r -> null,
        (r, body) -> body.replace("<Status>INSYNC</Status>", "<Status>PENDING</Status>"))) {
      Path config = config(proxy.endpoint(), "r53.test", source(zoneText()).toString(), "      change-timeout: 1s\n", "");
      Cli.Run apply = sync(config, "apply");
      assertThat(apply.exit()).as(apply.all()).isNotZero();
      assertThat(target(apply).get("apply").get("error").asText()).contains("was accepted", "but not INSYNC after PT1S",
          "verify later");
    }
  }

  @Test
  void privateZoneTrueChoosesThePrivateHostedZoneOfThatName() throws IOException {
    String publicId = hostedZone("r53.test");
    String privateId = r53.createHostedZone(r -> r.name("r53.test").callerReference(UUID.randomUUID().toString())
        .hostedZoneConfig(c -> c.privateZone(true)).vpc(v -> v.vpcId("vpc-12345678").vpcRegion("us-east-1"))).hostedZone().id();
    Path config = config("r53.test", source(zoneText()).toString(), "      private-zone: true\n", "");
    Cli.Run apply = sync(config, "apply");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(target(apply).get("provider").asText()).startsWith("route53 private hosted zones");
    assertThat(held(privateId)).containsKey("www.r53.test. A");
    assertThat(held(publicId)).doesNotContainKey("www.r53.test. A");
  }
}
