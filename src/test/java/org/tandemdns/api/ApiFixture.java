package org.tandemdns.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tandemdns.TandemServer;
import org.tandemdns.testing.TandemInProcess;
import org.tandemdns.config.ConfigException;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A Tandem started in this JVM from a tandem.yaml written into {@code dir}: DNS and the HTTP API on
 * free loopback ports (port 0), an admin and a read-only token, a TSIG key, and one zone read from
 * a file ({@code file.test}). {@link #restart()} stops it and starts a new one on the same data
 * directory.
 */
final class ApiFixture implements AutoCloseable {
  static final String ADMIN = "admin-token-3f9c2a";
  static final String READER = "reader-token-77b1e0";
  static final String FILE_ZONE = "file.test";
  static final String KEY_SECRET = "c2VjcmV0LWtleS1mb3ItYXBpLWl0LXRlc3RzLTMyYg==";

  final Path dir;
  private final Path config;
  TandemServer server;

  private ApiFixture(Path dir, Path config) {
    this.dir = dir;
    this.config = config;
  }

  /** Writes the config and the file zone (serial 1) into {@code dir} and starts Tandem. */
  static ApiFixture start(Path dir) throws IOException {
    writeFileZone(dir, 1, "www A 192.0.2.80\n");
    Path config = Files.writeString(dir.resolve("tandem.yaml"), """
        server:
          listen: ["127.0.0.1:0"]
          data-dir: data
        api:
          listen: "127.0.0.1:0"
          tokens:
            - {name: ops, secret: "%s", role: admin}
            - {name: dashboard, secret: "%s", role: read-only}
        keys:
          - {name: xfr-key, algorithm: hmac-sha256, secret: "%s"}
        zones:
          - {name: %s, file: file.test.zone, notify-ns: false}
        """.formatted(ADMIN, READER, KEY_SECRET, FILE_ZONE));
    ApiFixture f = new ApiFixture(dir, config);
    f.boot();
    return f;
  }

  static void writeFileZone(Path dir, long serial, String extra) throws IOException {
    Files.writeString(dir.resolve("file.test.zone"),
        "$TTL 300\n@ SOA ns1 hostmaster " + serial + " 3600 600 86400 300\n@ NS ns1\nns1 A 192.0.2.53\n" + extra);
  }

  private void boot() throws IOException {
    try {
      server = TandemInProcess.start(new ConfigLoader().load(config));
    } catch (ConfigException e) {
      throw new IllegalStateException(e);
    }
    if (server.apiAddress() == null) {
      throw new IllegalStateException("the API did not start");
    }
  }

  /** Stops this server and starts a new one with the same config and data directory. */
  void restart() throws IOException {
    server.close();
    boot();
  }

  InetSocketAddress apiAddress() {
    return server.apiAddress();
  }

  String apiUrl() {
    return "http://127.0.0.1:" + apiAddress().getPort();
  }

  ApiHttp admin() {
    return ApiHttp.at(apiAddress()).token(ADMIN);
  }

  ApiHttp reader() {
    return ApiHttp.at(apiAddress()).token(READER);
  }

  ApiHttp anonymous() {
    return ApiHttp.at(apiAddress());
  }

  Endpoint dns() {
    InetSocketAddress a = server.dnsAddresses().get(0);
    return new Endpoint(a.getAddress().getHostAddress(), a.getPort());
  }

  /** The answer section of a UDP query to this server. */
  List<Record> answer(String name, int type) {
    Message m = DnsQuery.to(dns()).send(DnsQuery.question(name, type));
    return new ArrayList<>(m.getSection(Section.ANSWER));
  }

  long dnsSerial(String zone) {
    return DnsQuery.to(dns()).soaSerial(zone);
  }

  /** Creates a zone through the API with {@code body}; fails unless it is 201. */
  JsonNode create(String body) {
    ApiHttp.Reply r = admin().post("/api/v1/zones", body);
    if (r.status() != 201) {
      throw new AssertionError("zone not created: " + r);
    }
    return r.json();
  }

  /** A managed zone with an SOA at serial 1, NS ns1 (with an address) and www A 192.0.2.1. */
  JsonNode createSimple(String zone) {
    return create("""
        {"name": "%s", "serial-policy": "increment", "notify-ns": false, "records": [
          {"name": "@", "type": "SOA", "ttl": 300, "records": ["ns1 hostmaster 1 3600 600 86400 300"]},
          {"name": "@", "type": "NS", "ttl": 300, "records": ["ns1"]},
          {"name": "ns1", "type": "A", "ttl": 300, "records": ["192.0.2.53"]},
          {"name": "www", "type": "A", "ttl": 300, "records": ["192.0.2.1"]}
        ]}""".formatted(zone));
  }

  /** The zone's RRsets as the API lists them. */
  JsonNode rrsets(String zone) {
    ApiHttp.Reply r = admin().get("/api/v1/zones/" + zone + "/rrsets");
    if (r.status() != 200) {
      throw new AssertionError("cannot list " + zone + ": " + r);
    }
    return r.json();
  }

  long serial(String zone) {
    return rrsets(zone).get("serial").asLong();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }

  static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
