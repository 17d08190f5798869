package org.tandemdns.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.PeerBuilder;
import org.tandemdns.testing.Ports;
import org.tandemdns.testing.PowerDnsPeer;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TsigKey;

/**
 * Four push targets on loopback, each a real process serving the same zones: BIND and Knot taking
 * RFC 2136 UPDATE and AXFR signed with {@link #KEY}, PowerDNS (gsqlite3) with its HTTP API, and a
 * second Tandem whose zones are managed through its API. Writes the {@code keys:} and
 * {@code sync.providers} YAML that reaches them.
 */
final class SyncTargets implements AutoCloseable {
  static final TsigKey KEY = TsigKey.generate("sync-key");
  static final String TANDEM_TOKEN = "tandem-b-token-0123456789";

  private final Path dir;
  private final Map<String, Path> zones;
  BindPeer bind;
  KnotPeer knot;
  PowerDnsPeer pdns;
  TandemProcess tandem;
  TandemApi tandemApi;
  private Endpoint knotAt;

  private SyncTargets(Path dir, Map<String, Path> zones) {
    this.dir = dir;
    this.zones = zones;
  }

  /** Starts the four targets, each serving {@code zones} (origin to master-file text). */
  static SyncTargets start(Path dir, Map<String, String> zones) throws IOException {
    Files.createDirectories(dir);
    Map<String, Path> files = new LinkedHashMap<>();
    for (Map.Entry<String, String> z : zones.entrySet()) {
      files.put(z.getKey(), Files.writeString(dir.resolve(z.getKey() + ".initial.zone"), z.getValue()));
    }
    SyncTargets t = new SyncTargets(dir, files);
    try {
      t.bind = t.updatable(BindPeer.builder()).start();
      t.knot = t.updatable(KnotPeer.builder()).start();
      t.knotAt = t.knot.endpoint();
      PeerBuilder<PowerDnsPeer> pdns = PowerDnsPeer.sqliteApiBuilder();
      files.forEach((origin, file) -> pdns.primary(PrimaryZone.of(origin, file).allowTransfer(Acl.any())));
      t.pdns = pdns.start();
      t.startTandem();
      return t;
    } catch (RuntimeException | Error | IOException e) {
      t.close();
      throw e;
    }
  }

  private <P extends org.tandemdns.testing.PeerProcess> PeerBuilder<P> updatable(PeerBuilder<P> b) {
    zones.forEach((origin, file) -> b.primary(
        PrimaryZone.of(origin, file).allowUpdate(KEY).allowTransfer(Acl.key(KEY)).allowTransfer(Acl.any())));
    return b;
  }

  private void startTandem() throws IOException {
    Path home = Files.createDirectories(dir.resolve("tandem-b"));
    Files.writeString(home.resolve("ready.zone"), "$ORIGIN ready.test.\n$TTL 300\n@ SOA ns hostmaster 1 3600 600 86400 300\n@ NS ns\nns A 127.0.0.1\n");
    Files.writeString(home.resolve("token"), TANDEM_TOKEN + "\n");
    Endpoint dns = Endpoint.freeLoopback();
    int api = Ports.allocate();
    StringBuilder yaml = new StringBuilder("""
        server:
          listen: ["%s"]
          data-dir: data
        api:
          listen: 127.0.0.1:%d
          tokens: [{ name: sync, secret-file: token, role: admin }]
        zones:
          - name: ready.test
            file: ready.zone
        """.formatted(dns, api));
    for (String origin : zones.keySet()) {
      yaml.append("  - name: ").append(origin).append("\n    allow-transfer: [\"127.0.0.0/8\"]\n");
    }
    Path config = Files.writeString(home.resolve("tandem.yaml"), yaml.toString());
    tandem = TandemProcess.builder().config(config, dns).awaitZone("ready.test").start();
    tandemApi = new TandemApi(api, TANDEM_TOKEN).awaitUp(Duration.ofSeconds(20));
    for (Map.Entry<String, Path> z : zones.entrySet()) {
      tandemApi.post("api/v1/zones", Map.of("name", z.getKey(), "zone-file", Files.readString(z.getValue()))).requireOk();
    }
  }

  /** The {@code keys:} and {@code sync.providers} sections reaching the four targets, credentials in files under the dir. */
  String keysAndProviders() {
    try {
      Files.writeString(dir.resolve("sync-key.secret"), KEY.secret() + "\n");
      Files.writeString(dir.resolve("pdns.key"), pdns.apiKey() + "\n");
      Files.writeString(dir.resolve("tandem.token"), TANDEM_TOKEN + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return """
        keys:
          - { name: sync-key, algorithm: hmac-sha256, secret-file: sync-key.secret }
        sync:
          providers:
            - { name: bind, type: rfc2136, server: "%s", key: sync-key }
            - { name: knot, type: rfc2136, server: "%s", key: sync-key }
            - { name: pdns, type: powerdns, url: "%s", api-key-file: pdns.key, nameservers: ["%s"] }
            - { name: tandem, type: tandem, url: "%s", token-file: tandem.token, nameservers: ["%s"] }
        """.formatted(bind.endpoint(), knotAt, pdnsBase(), pdns.endpoint(),
        tandemApi.base().toString().replaceAll("/$", ""), tandem.endpoint());
  }

  /** PowerDNS's API base URL, without {@code /api/v1}. */
  String pdnsBase() {
    return pdns.apiUrl().toString().replace("/api/v1", "");
  }

  /** Replaces one RRset at PowerDNS through its API, behind Tandem's back. */
  void pdnsPatch(String zone, String name, String type, String content) {
    String body = "{\"rrsets\":[{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"ttl\":300,\"changetype\":\"REPLACE\","
        + "\"records\":[{\"content\":\"" + content + "\",\"disabled\":false}]}]}";
    HttpRequest request = HttpRequest.newBuilder(URI.create(pdns.apiUrl() + "/servers/localhost/zones/" + zone))
        .header("X-API-Key", pdns.apiKey()).timeout(Duration.ofSeconds(10))
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      int status = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 204) {
        throw new AssertionError("PowerDNS PATCH answered " + status);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code --ns NAME=ADDR} arguments of {@code tandem check} for the four. */
  List<String> checkArgs() {
    List<String> args = new ArrayList<>();
    for (Map.Entry<String, Endpoint> e : endpoints().entrySet()) {
      args.add("--ns");
      args.add(e.getKey() + "=" + e.getValue());
    }
    return args;
  }

  Map<String, Endpoint> endpoints() {
    Map<String, Endpoint> m = new LinkedHashMap<>();
    m.put("bind", bind.endpoint());
    m.put("knot", knotAt);
    m.put("pdns", pdns.endpoint());
    m.put("tandem", tandem.endpoint());
    return m;
  }

  /** Stops Knot; {@link #startKnot()} starts it again on the same address, from the initial zone files. */
  void stopKnot() {
    knot.close();
    knot = null;
  }

  void startKnot() {
    knot = updatable(KnotPeer.builder()).listen(knotAt).start();
  }

  @Override
  public void close() {
    for (AutoCloseable c : new AutoCloseable[] {tandem, pdns, knot, bind}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // best effort: the others still get closed
      }
    }
  }
}
