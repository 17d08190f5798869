package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tandemdns.TandemServer;
import org.tandemdns.cli.demo.ApiCalls;
import org.tandemdns.cli.demo.FreePorts;
import org.tandemdns.cli.demo.KnotSidecar;
import org.tandemdns.config.ApiConfig;
import org.tandemdns.config.ApiToken;
import org.tandemdns.config.HostPort;
import org.tandemdns.config.KeyConfig;
import org.tandemdns.config.Remote;
import org.tandemdns.config.ServerConfig;
import org.tandemdns.config.TandemConfig;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.security.AclEntry;
import org.tandemdns.zone.ServedZone;
import org.xbill.DNS.Name;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tandem demo}: the whole story on loopback in a minute — a hidden primary feeding two Tandem
 * secondaries (and Knot when installed), a change through the API and where it went, {@code tandem
 * check} finding every nameserver consistent, then a secondary cut off on purpose and {@code tandem
 * check} catching the drift. Everything runs in a temporary directory and is gone at the end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run a hidden primary and secondaries on loopback, change a record, watch it spread, and catch drift.",
        "With --keep, everything stays up until Ctrl-C, to poke at."})
public final class DemoCommand implements Callable<Integer> {
  private static final String ZONE = "demo.test";
  private static final String KEY = "demo-key";

  @Spec CommandSpec spec;

  @picocli.CommandLine.Option(names = "--keep",
      description = "Leave every server running at the end, to poke at with dig, tandem check and the API, until Ctrl-C.")
  boolean keep;

  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    quietLogs();
    Path dir = Files.createTempDirectory("tandem-demo");
    List<AutoCloseable> running = new ArrayList<>();
    Thread cleanup = new Thread(() -> stopAll(running, dir), "demo-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      return story(dir, running);
    } finally {
      stopAll(running, dir);
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
  }

  private int story(Path dir, List<AutoCloseable> running) throws Exception {
    String secret = randomSecret();
    int primaryPort = FreePorts.next();
    int aPort = FreePorts.next();
    int bPort = FreePorts.next();
    step("Tandem demo, in " + dir + " (removed at the end). Everything listens on 127.0.0.1 only.");

    int knotPort = FreePorts.next();
    Map<String, Integer> secondaries = new LinkedHashMap<>();
    secondaries.put("tandem-a", aPort);
    secondaries.put("tandem-b", bPort);
    if (KnotSidecar.installed()) {
      secondaries.put("knot", knotPort);
    }

    String token = randomSecret();
    TandemServer primary = start(dir.resolve("primary"), primaryPort, secret, token, List.of());
    running.add(primary);
    step("Started a hidden primary on 127.0.0.1:" + primaryPort + " (HTTP API on " + api(primary) + "), not listed in the zone's NS set.");
    ApiCalls calls = new ApiCalls(primary.apiAddress(), token);
    calls.call("POST", "/zones", createZone(secondaries));
    step("Created zone " + ZONE + " through the API (POST " + calls.base() + "/zones), with NOTIFY to each secondary.");
    Optional<KnotSidecar> knot = KnotSidecar.installed() ? KnotSidecar.start(dir, ZONE, knotPort, primaryPort, KEY, secret) : Optional.empty();
    knot.ifPresent(running::add);
    TandemServer a = start(dir.resolve("tandem-a"), aPort, secret, null, List.of(secondaryOf(primaryPort)));
    TandemServer b = start(dir.resolve("tandem-b"), bPort, secret, null, List.of(secondaryOf(primaryPort)));
    running.add(a);
    running.add(b);
    step("Started two Tandem secondaries on 127.0.0.1:" + aPort + " and 127.0.0.1:" + bPort
        + (knot.isPresent() ? ", and Knot DNS as a third on 127.0.0.1:" + knot.get().port() : " (Knot is not installed, so no Knot secondary)")
        + "; transfers and NOTIFY are signed with TSIG key " + KEY + ".");

    awaitSerial(List.of(a, b), 1, knot);
    step("Every secondary transferred the zone (AXFR) and serves serial 1.");

    JsonNode put = calls.call("PUT", "/zones/" + ZONE + "/rrsets/www/A", Map.of("ttl", 300, "records", List.of("192.0.2.81")));
    long serial = put.path("serial").asLong();
    step("Changed www." + ZONE + " A to 192.0.2.81 through the API (PUT .../rrsets/www/A): committed as serial " + serial + ".");
    awaitSerial(List.of(a, b), serial, knot);
    propagation(calls, serial, secondaries);

    step("Asking every nameserver whether it serves the same, current data (tandem check, the primary as reference):");
    int consistent = check(primaryPort, secondaries, secret);
    step("tandem check exit code " + consistent + (consistent == 0 ? ": consistent." : ": unexpected; see above."));

    b.secondary(Name.fromConstantString(ZONE + ".")).stop();
    step("Now breaking tandem-b on purpose: it stops taking refreshes (as if its link to the primary were cut).");
    calls.call("PUT", "/zones/" + ZONE + "/rrsets/www/A", Map.of("ttl", 300, "records", List.of("192.0.2.82")));
    calls.call("PUT", "/zones/" + ZONE + "/rrsets/new/TXT", Map.of("ttl", 300, "records", List.of("\"added after the break\"")));
    step("Made two more changes through the API; tandem-a" + (knot.isPresent() ? " and knot get" : " gets") + " them, tandem-b does not.");
    long latest = calls.call("GET", "/zones/" + ZONE, null).path("serial").asLong();
    awaitSerial(List.of(a), latest, knot);
    int drift = check(primaryPort, secondaries, secret);
    step("tandem check exit code " + drift + (drift == 1 ? ": it caught tandem-b lagging and the records it lacks." : ": unexpected; see above."));
    if (keep) {
      keepRunning(primaryPort, secondaries, primary, token, secret, dir);
    }
    step("Done. Stopping every server and removing " + dir + ".");
    return consistent == 0 && drift == 1 ? 0 : 1;
  }

  private TandemServer start(Path data, int port, String secret, String token, List<ZoneConfig> zones) throws IOException {
    ServerConfig server = ServerConfig.defaults().withListen(List.of(new HostPort(java.net.InetAddress.getLoopbackAddress(), port)))
        .withDataDir(data);
    server = new ServerConfig(server.listen(), server.dataDir(), 1, server.tcpIdleTimeout(), server.maxTcpConnections(),
        server.maxTransfersOut(), server.maxTransfersIn(), server.dnssecExpiryWarning(), server.tcpMessageTimeout(),
        server.maxTcpConnectionsPerClient(), server.cookieSecret(), server.rateLimit());
    List<ApiToken> tokens = token == null ? List.of(new ApiToken("demo", randomSecret(), null, ApiToken.Role.ADMIN))
        : List.of(new ApiToken("demo", token, null, ApiToken.Role.ADMIN));
    ApiConfig api = new ApiConfig(HostPort.parse("127.0.0.1:0", 0), tokens, false);
    KeyConfig key = new KeyConfig(Name.fromConstantString(KEY + "."), "hmac-sha256", secret, null, null);
    return TandemServer.start(new TandemConfig(server, List.of(key), zones, null, api));
  }

  private static ZoneConfig secondaryOf(int primaryPort) {
    Remote primary = Remote.parse("127.0.0.1:" + primaryPort + " key " + KEY);
    ZoneConfig base = ZoneConfig.secondary(Name.fromConstantString(ZONE + "."), List.of(primary));
    return base.withNotifyNs(false).withAllowTransfer(List.of(AclEntry.parse("127.0.0.1 key " + KEY)));
  }

  private static Map<String, Object> createZone(Map<String, Integer> secondaries) {
    List<String> notify = new ArrayList<>();
    secondaries.values().forEach(p -> notify.add("127.0.0.1:" + p + " key " + KEY));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", ZONE);
    body.put("zone-file", """
        $TTL 300
        @     SOA ns1 hostmaster 1 60 10 600 60
        @     NS  ns1
        @     NS  ns2
        ns1   A   192.0.2.1
        ns2   A   192.0.2.2
        www   A   192.0.2.80
        mail  A   192.0.2.25
        @     MX  10 mail
        """);
    body.put("allow-transfer", List.of("127.0.0.1 key " + KEY));
    body.put("notify", notify);
    body.put("notify-ns", false);
    return body;
  }

  /** Waits (at most 20 s) until every Tandem secondary and Knot serve {@code serial}. */
  private void awaitSerial(List<TandemServer> tandems, long serial, Optional<KnotSidecar> knot) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (TandemServer t : tandems) {
        ServedZone z = t.zones().get(Name.fromConstantString(ZONE + "."));
        all &= z != null && z.snapshot() != null && z.snapshot().serial() == serial;
      }
      if (knot.isPresent()) {
        all &= soaSerial(knot.get().port()) == serial;
      }
      if (all) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IOException("the secondaries did not reach serial " + serial + " within 20 s");
  }

  private static long soaSerial(int port) {
    try {
      org.xbill.DNS.SimpleResolver r = new org.xbill.DNS.SimpleResolver(new InetSocketAddress("127.0.0.1", port));
      r.setTimeout(Duration.ofMillis(500));
      org.xbill.DNS.Message m = r.send(org.xbill.DNS.Message.newQuery(
          org.xbill.DNS.Record.newRecord(Name.fromConstantString(ZONE + "."), org.xbill.DNS.Type.SOA, org.xbill.DNS.DClass.IN)));
      for (org.xbill.DNS.Record rr : m.getSection(org.xbill.DNS.Section.ANSWER)) {
        if (rr instanceof org.xbill.DNS.SOARecord soa) {
          return soa.getSerial();
        }
      }
    } catch (IOException e) {
      // not answering yet
    }
    return -1;
  }

  /** Shows, from the primary's status API, which secondary has the change and how long it took. */
  private void propagation(ApiCalls calls, long serial, Map<String, Integer> names) throws Exception {
    JsonNode status = null;
    for (int i = 0; i < 100; i++) {
      status = calls.call("GET", "/zones/" + ZONE, null);
      if (reached(status, serial) >= status.path("propagation").path("downstreams").size()) {
        break;
      }
      Thread.sleep(50);
    }
    step("Where is the change? The primary's status (GET " + calls.base() + "/zones/" + ZONE + ") says:");
    out.printf("      %-10s %-17s %-7s %s%n", "SECONDARY", "ADDRESS", "SERIAL", "HAD SERIAL " + serial + " AFTER");
    for (JsonNode d : status.path("propagation").path("downstreams")) {
      String who = d.path("downstream").asText();
      String name = names.entrySet().stream().filter(e -> who.equals("127.0.0.1:" + e.getValue())).map(Map.Entry::getKey)
          .findFirst().orElse(null);
      if (name == null) {
        continue; // seen only by address in transfers; the rows above name each secondary
      }
      JsonNode ms = status.path("propagation").path("changes").path(0).path("reached-ms").path(who);
      out.printf("      %-10s %-17s %-7s %s%n", name, who, d.path("serial").asText("?"), ms.isMissingNode() ? "-" : ms.asLong() + " ms");
    }
    out.flush();
  }

  private static int reached(JsonNode status, long serial) {
    int n = 0;
    for (JsonNode d : status.path("propagation").path("downstreams")) {
      n += d.path("serial").asLong(-1) == serial ? 1 : 0;
    }
    return n;
  }

  private int check(int primaryPort, Map<String, Integer> secondaries, String secret) {
    List<String> args = new ArrayList<>(List.of("check", ZONE, "--expect-from", "127.0.0.1:" + primaryPort,
        "--key", KEY + ":hmac-sha256:" + secret));
    secondaries.forEach((name, port) -> args.addAll(List.of("--ns", name + "=127.0.0.1:" + port)));
    out.println("      $ tandem " + String.join(" ", args).replace(secret, "<secret>"));
    out.flush();
    return Main.run(args.toArray(new String[0]));
  }

  /** {@code --keep}: says how to look around, then waits for Ctrl-C (the shutdown hook stops everything). */
  private void keepRunning(int primaryPort, Map<String, Integer> secondaries, TandemServer primary, String token, String secret, Path dir)
      throws InterruptedException {
    step("Kept running until Ctrl-C (then everything stops and " + dir + " is removed). Try:");
    out.println("      dig @127.0.0.1 -p " + primaryPort + " www." + ZONE + " A        # the hidden primary");
    secondaries.forEach((name, port) -> out.println("      dig @127.0.0.1 -p " + port + " www." + ZONE + " A        # " + name));
    out.println("      TANDEM_TOKEN=" + token + " tandem zone show " + ZONE + " --server http://" + api(primary));
    out.println("      TANDEM_TOKEN=" + token + " tandem record set " + ZONE + " www A 192.0.2.83 --server http://" + api(primary));
    StringBuilder check = new StringBuilder("      tandem check " + ZONE + " --expect-from 127.0.0.1:" + primaryPort
        + " --key " + KEY + ":hmac-sha256:" + secret);
    secondaries.forEach((name, port) -> check.append(" --ns ").append(name).append("=127.0.0.1:").append(port));
    out.println(check.append("    # tandem-b lags: it was cut off"));
    out.flush();
    new java.util.concurrent.CountDownLatch(1).await();
  }

  private void step(String text) {
    out.println("==> " + text);
    out.flush();
  }

  private static String randomSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  private static String api(TandemServer s) {
    InetSocketAddress a = s.apiAddress();
    return a == null ? "-" : "127.0.0.1:" + a.getPort();
  }

  /** The servers' own logs would drown the story; warnings and errors still show. */
  private static void quietLogs() {
    org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root instanceof ch.qos.logback.classic.Logger l) {
      l.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  private static void stopAll(List<AutoCloseable> running, Path dir) {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        // stopping anyway
      }
    }
    running.clear();
    deleteTree(dir);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
