package org.tandemdns.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * PowerDNS Authoritative 4.7 ({@code pdns_server}, foreground, no setuid, no syslog) as a peer, with
 * either backend:
 *
 * <ul>
 *   <li>{@link #builder()}: the bind backend (zone files listed in a named.conf), for primary and
 *       secondary roles;
 *   <li>{@link #sqliteApiBuilder()}: the gsqlite3 backend with the HTTP API enabled on an ephemeral
 *       loopback port ({@link #apiUrl()}, {@link #apiKey()}); primary zones are loaded into the
 *       database with {@code pdnsutil load-zone}.
 * </ul>
 *
 * <p>Transfer ACLs, TSIG and NOTIFY targets become zone metadata (ALLOW-AXFR-FROM,
 * TSIG-ALLOW-AXFR, ALSO-NOTIFY, AXFR-MASTER-TSIG). A keyed {@link Acl} accepts its key from any
 * address. Caches are off so changes are visible at once. No RFC 2136 UPDATE support here.
 */
public final class PowerDnsPeer extends PeerProcess {

  private static final String SQLITE_SCHEMA = "/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql";

  private final boolean sqliteApi;
  private final boolean presigned;
  private final int webPort;
  private final String apiKey;
  private Path pdnsutil;
  private Path pdnsControl;

  private PowerDnsPeer(PeerSpec spec, boolean sqliteApi) {
    this(spec, sqliteApi, false);
  }

  private PowerDnsPeer(PeerSpec spec, boolean sqliteApi, boolean presigned) {
    super("pdns_server", spec);
    this.sqliteApi = sqliteApi;
    this.presigned = presigned;
    this.webPort = sqliteApi ? Ports.allocate() : 0;
    this.apiKey = sqliteApi ? "harness-" + randomToken() : "";
  }

  /** PowerDNS with the bind backend. */
  public static PeerBuilder<PowerDnsPeer> builder() {
    return new PeerBuilder<>(spec -> new PowerDnsPeer(spec, false));
  }

  /**
   * PowerDNS with the bind backend, every primary zone marked presigned ({@code pdnsutil
   * set-presigned}): its zone file is already signed (e.g. by {@link ZoneSigner}) and PowerDNS
   * serves and transfers its DNSSEC records as they are, signing nothing itself. Use NSEC: an NSEC3 zone
   * needs NSEC3PARAM metadata too, and PowerDNS 4.7 then serves an NSEC3PARAM of its own (TTL 0)
   * that the zone's signature no longer covers.
   */
  public static PeerBuilder<PowerDnsPeer> presignedBuilder() {
    return new PeerBuilder<>(spec -> new PowerDnsPeer(spec, false, true));
  }

  /** PowerDNS with the gsqlite3 backend and the HTTP API enabled. */
  public static PeerBuilder<PowerDnsPeer> sqliteApiBuilder() {
    return new PeerBuilder<>(spec -> new PowerDnsPeer(spec, true));
  }

  /** Base URL of the API, e.g. {@code http://127.0.0.1:PORT/api/v1}; only with the API enabled. */
  public URI apiUrl() {
    requireApi();
    return URI.create("http://127.0.0.1:" + webPort + "/api/v1");
  }

  /** The value of the {@code X-API-Key} header; only with the API enabled. */
  public String apiKey() {
    requireApi();
    return apiKey;
  }

  @Override
  protected List<String> prepare() throws IOException {
    for (PrimaryZone z : spec.primaries()) {
      if (z.updateKey().isPresent()) {
        throw new UnsupportedOperationException("UPDATE is not configured for PowerDNS peers (" + z.origin() + ")");
      }
    }
    Path server = PeerRequirement.require("pdns_server");
    pdnsutil = PeerRequirement.require("pdnsutil");
    pdnsControl = PeerRequirement.require("pdns_control");
    requireBackend(sqliteApi ? "gsqlite3" : "bind", sqliteApi ? "pdns-backend-sqlite3" : "pdns-backend-bind");
    Files.writeString(dir().resolve("pdns.conf"), PowerDnsConfig.render(this, sqliteApi, webPort, apiKey));
    if (sqliteApi) {
      Path sqlite3 = PeerRequirement.require("sqlite3");
      Path schema = PeerRequirement.requireFile(Path.of(SQLITE_SCHEMA), "pdns-backend-sqlite3");
      control(List.of(sqlite3.toString(), "-init", schema.toString(), database().toString(), ".quit"));
      for (PrimaryZone z : spec.primaries()) {
        pdnsutil("load-zone", z.origin(), zoneFile(z).toString());
        pdnsutil("set-kind", z.origin(), "primary");
      }
      for (SecondaryZone z : spec.secondaries()) {
        pdnsutil("create-secondary-zone", z.origin(), z.primary().endpoint().toString());
      }
    } else {
      Files.writeString(dir().resolve("named.conf"), PowerDnsConfig.namedConf(this));
      pdnsutil("create-bind-db", dir().resolve("bind-dnssec.db").toString());
    }
    writeMetadata();
    return List.of(server.toString(), "--config-dir=" + dir());
  }

  @Override
  protected void reloadZones() {
    for (PrimaryZone z : spec.primaries()) {
      if (sqliteApi) {
        pdnsutil("load-zone", z.origin(), zoneFile(z).toString());
      } else {
        pdnsControl("bind-reload-now", z.origin());
      }
    }
  }

  @Override
  protected void awaitExtraReadiness(Duration timeout) {
    if (!sqliteApi) {
      return;
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiUrl() + "/servers/localhost"))
            .header("X-API-Key", apiKey)
            .timeout(Duration.ofSeconds(1))
            .build();
    Wait.until(timeout, () -> status(http, request) == 200, () -> "PowerDNS API not ready at " + apiUrl() + logTail());
  }

  /** Runs {@code pdnsutil} with this instance's configuration. */
  public CommandResult pdnsutil(String... args) {
    List<String> command = new ArrayList<>(List.of(pdnsutil.toString(), "--config-dir=" + dir()));
    command.addAll(List.of(args));
    return control(command);
  }

  /** Runs {@code pdns_control} against this instance, e.g. {@code pdnsControl("notify", "example.com")}. */
  public CommandResult pdnsControl(String... args) {
    List<String> command = new ArrayList<>(List.of(pdnsControl.toString(), "--config-dir=" + dir()));
    command.addAll(List.of(args));
    return control(command);
  }

  Path database() {
    return dir().resolve("pdns.sqlite3");
  }

  private void writeMetadata() {
    for (TsigKey k : spec.keys()) {
      pdnsutil("import-tsig-key", k.name(), k.algorithm(), k.secret());
    }
    for (PrimaryZone z : spec.primaries()) {
      if (presigned) {
        pdnsutil("set-presigned", z.origin());
      }
      transferMetadata(z.origin(), z.allowTransfer());
      if (!z.notifyTargets().isEmpty()) {
        setMeta(z.origin(), "ALSO-NOTIFY", z.notifyTargets().stream().map(r -> r.endpoint().toString()).toList());
      }
    }
    for (SecondaryZone z : spec.secondaries()) {
      z.key().ifPresent(k -> setMeta(z.origin(), "AXFR-MASTER-TSIG", List.of(k.name())));
      transferMetadata(z.origin(), z.allowTransfer());
    }
  }

  private void transferMetadata(String zone, List<Acl> acls) {
    List<String> addresses = acls.stream().filter(a -> a.key().isEmpty()).map(Acl::address).toList();
    List<String> keys = acls.stream().flatMap(a -> a.key().stream()).map(TsigKey::name).distinct().toList();
    setMeta(zone, "ALLOW-AXFR-FROM", addresses);
    setMeta(zone, "TSIG-ALLOW-AXFR", keys);
  }

  private void setMeta(String zone, String kind, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    List<String> args = new ArrayList<>(List.of("set-meta", zone, kind));
    args.addAll(values);
    pdnsutil(args.toArray(String[]::new));
  }

  /** Hosts whose NOTIFY is accepted: the primaries of secondary zones. */
  String notifySources() {
    return spec.secondaries().stream()
        .map(z -> z.primary().endpoint().host())
        .distinct()
        .collect(Collectors.joining(","));
  }

  private void requireBackend(String backend, String debianPackage) {
    Optional<Path> found = Optional.empty();
    try (var dirs = Files.list(Path.of("/usr/lib"))) {
      found =
          dirs.map(d -> d.resolve("pdns/lib" + backend + "backend.so"))
              .filter(Files::isReadable)
              .findFirst();
    } catch (IOException ignored) {
      // reported as missing below
    }
    if (found.isEmpty()) {
      PeerRequirement.requireFile(Path.of("/usr/lib/<arch>/pdns/lib" + backend + "backend.so"), debianPackage);
    }
  }

  private void requireApi() {
    if (!sqliteApi) {
      throw new IllegalStateException("this PowerDNS peer has no API; use PowerDnsPeer.sqliteApiBuilder()");
    }
  }

  private static int status(HttpClient http, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String randomToken() {
    byte[] bytes = new byte[18];
    new java.security.SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
