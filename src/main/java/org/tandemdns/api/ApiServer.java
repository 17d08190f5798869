package org.tandemdns.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.config.ApiConfig;
import org.tandemdns.config.ApiToken;
import org.tandemdns.config.ApiToken.Role;
import org.tandemdns.store.StoreException;
import org.tandemdns.store.TokenStore;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The HTTP API: JSON under {@code /api/v1} (bearer tokens with a role and zones, {@link ApiCaller}), the
 * OpenAPI document at {@code /api/v1/openapi.json}, and Prometheus metrics at {@code /metrics}.
 * Served by {@link HttpListener} (Netty: slow clients hold no thread; whole requests run on a small
 * worker pool); errors are JSON {@code {"error": ..., "status": ...}} whose message says what to fix.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private HttpListener http;
  private final ApiBackend backend;
  private final TokenAuth auth;
  private final boolean metricsAuth;
  private final ZoneRoutes zones;
  private final ZoneRoleRoutes roles;
  private final RecordRoutes records;
  private final TokenRoutes tokenRoutes;
  private final ConsoleSessions sessions = new ConsoleSessions();
  /** Failed console logins, logged at most a few a second (a guessing client cannot fill the disk). */
  private final org.tandemdns.security.RateLimitedLog refusedLogins = new org.tandemdns.security.RateLimitedLog(log);
  private WebConsole console;
  /** Whether the listener speaks TLS (the session cookie is then Secure). */
  private boolean tls;

  private ApiServer(ApiBackend backend, TokenAuth auth, boolean metricsAuth) {
    this.backend = backend;
    this.auth = auth;
    this.tokenRoutes = new TokenRoutes(auth);
    this.metricsAuth = metricsAuth;
    this.zones = new ZoneRoutes(backend);
    this.roles = new ZoneRoleRoutes(backend, zones);
    this.records = new RecordRoutes(backend.registry(), backend.pipeline());
  }

  /**
   * Binds and starts the API.
   *
   * @param tokens the tokens of the config, or the generated one ({@code generated} true)
   * @param stored the tokens made through the API, or null to allow none
   * @param console the web console served under /ui, or null for none
   */
  public static ApiServer start(ApiConfig config, List<ApiToken> tokens, boolean generated, TokenStore stored, ApiBackend backend,
      WebConsole console) throws IOException {
    TokenAuth auth;
    try {
      auth = new TokenAuth(tokens, generated ? "local" : "config", stored);
    } catch (StoreException e) {
      throw new IOException("cannot read the API tokens from the store: " + e.getMessage(), e);
    }
    ApiServer api = new ApiServer(backend, auth, config.metricsAuth());
    api.console = console;
    api.tls = config.tls();
    api.http = new HttpListener(config.listen().toSocketAddress(), api::handle, config.tls() ? tlsContext(config) : null);
    String base = (api.tls ? "https://" : "http://") + new org.tandemdns.config.HostPort(api.address().getAddress(), api.address().getPort());
    log.info("HTTP API listening on {}/api/v1 (metrics at /metrics){}", base,
        console == null ? "" : "; web console at " + base + "/ui/ (log in with an API token)");
    return api;
  }

  /** HTTPS from PEM files: TLS 1.3 or 1.2, the JDK's provider; a file that does not do says which and why. */
  private static io.netty.handler.ssl.SslContext tlsContext(ApiConfig config) throws IOException {
    var chain = org.tandemdns.security.TlsFiles.certificates(config.certificate());
    var key = org.tandemdns.security.TlsFiles.privateKey(config.privateKey());
    try {
      chain.get(0).checkValidity();
    } catch (java.security.cert.CertificateException e) {
      throw new IOException(config.certificate() + ": the certificate is not valid now (valid " + chain.get(0).getNotBefore()
          + " to " + chain.get(0).getNotAfter() + "); browsers would refuse it", e);
    }
    try {
      return io.netty.handler.ssl.SslContextBuilder.forServer(key, chain.toArray(new java.security.cert.X509Certificate[0]))
          .sslProvider(io.netty.handler.ssl.SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2").build();
    } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
      throw new IOException(config.certificate() + " with " + config.privateKey() + ": cannot make a TLS context: " + e.getMessage(), e);
    }
  }

  public InetSocketAddress address() {
    return http.address();
  }

  private void handle(Exchange ex) {
    try {
      route(ex);
    } catch (ApiException e) {
      error(ex, e.status(), e.getMessage());
    } catch (RuntimeException | IOException e) {
      log.warn("API {} {} failed", ex.method, ex.uri, e);
      error(ex, 500, "internal error: " + e.getClass().getSimpleName() + " (see the server log)");
    }
  }

  private void route(Exchange ex) throws IOException, ApiException {
    List<String> p = ex.path;
    if (p.size() == 1 && p.get(0).equals("metrics")) {
      if (metricsAuth) {
        auth.authenticate(ex);
      }
      expect(ex, "GET");
      backend.beforeScrape().run();
      ex.respond(200, "text/plain; version=0.0.4; charset=utf-8", backend.metrics().scrape().getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!p.isEmpty() && p.get(0).equals("ui") && console != null) {
      consoleRoute(ex);
      return;
    }
    if (p.size() < 3 || !p.get(0).equals("api") || !p.get(1).equals("v1")) {
      throw ApiException.notFound("no such path; the API is under /api/v1 (see /api/v1/openapi.json)");
    }
    if (p.size() == 3 && p.get(2).equals("openapi.json")) {
      expect(ex, "GET");
      ex.respond(200, "application/json", openApi());
      return;
    }
    authenticate(ex);
    String top = p.get(2);
    if (top.equals("reload") && p.size() == 3) {
      ex.caller.require(Role.ADMIN, null);
      expect(ex, "POST");
      zones.reloadAll(ex);
    } else if (top.equals("alerts") && p.size() == 3) {
      expect(ex, "GET");
      ex.respondJson(200, Map.of("alerts", backend.monitor().map(m -> m.history().stream()
          .filter(a -> ex.caller.covers(a.zone())).toList()).orElse(List.of())));
    } else if (top.equals("tokens")) {
      ex.caller.require(Role.ADMIN, null);
      tokenRoute(ex, p.subList(3, p.size()));
    } else if (top.equals("zones")) {
      zoneRoute(ex, p.subList(3, p.size()));
    } else {
      throw ApiException.notFound("no such path /" + String.join("/", p));
    }
  }

  /**
   * A bearer token, or else the console's session cookie; a change made with the cookie must carry
   * the session's CSRF token in {@code X-CSRF-Token} (a page of another site cannot read it).
   */
  private void authenticate(Exchange ex) throws ApiException {
    ConsoleSessions.Session s = ex.header("Authorization") == null ? sessions.find(ex.header("Cookie")) : null;
    if (s == null) {
      auth.authenticate(ex);
      return;
    }
    ApiCaller caller = auth.callerForHash(s.tokenHash());
    if (caller == null) {
      sessions.remove(s.id());
      throw new ApiException(401, "the console session's token was revoked; log in again");
    }
    if (!ex.method.equals("GET") && !sameCsrf(s, ex.header("X-CSRF-Token"))) {
      throw new ApiException(403, "a change from the console needs its X-CSRF-Token header; reload the page");
    }
    if (!ex.method.equals("GET")) {
      ConsoleSecurity.requireSameOrigin(ex);
    }
    ex.caller = caller;
    ex.console = true;
  }

  /**
   * {@code /ui}: {@code POST /ui/login} (a token from the form makes a session), {@code POST
   * /ui/logout}, static files and the login page without a session, every other page with one
   * (else 303 to the login page). Every answer carries a strict Content-Security-Policy.
   */
  private void consoleRoute(Exchange ex) throws IOException, ApiException {
    ConsoleSecurity.headers(ex);
    List<String> p = ex.path;
    String page = p.size() > 1 ? p.get(1) : "";
    if (page.equals("static") || (page.equals("login") && ex.method.equals("GET"))) {
      console.handle(new ConsoleExchange(ex, null, null));
      return;
    }
    if (page.equals("login")) {
      expect(ex, "POST");
      ConsoleSecurity.requireSameOrigin(ex);
      String token = ex.form().getOrDefault("token", "").trim();
      ApiCaller caller = token.isEmpty() ? null : auth.callerFor(token);
      if (caller == null) {
        refusedLogins.warn("console login refused from {}: unknown token", ex.remoteAddress);
        ex.redirect("/ui/login?failed=1");
        return;
      }
      ConsoleSessions.Session s = sessions.create(TokenAuth.sha256(token));
      log.info("console login by token {} from {}", caller.name(), ex.remoteAddress);
      ex.setResponseHeader("Set-Cookie", ConsoleSecurity.sessionCookie(s.id(), tls));
      ex.redirect("/ui/");
      return;
    }
    ConsoleSessions.Session s = sessions.find(ex.header("Cookie"));
    ApiCaller caller = s == null ? null : auth.callerForHash(s.tokenHash());
    if (caller == null) {
      if (s != null) {
        sessions.remove(s.id());
      }
      ex.redirect("/ui/login");
      return;
    }
    if (!ex.method.equals("GET")) {
      ConsoleSecurity.requireSameOrigin(ex);
      String sent = ex.header("X-CSRF-Token");
      if (sent == null) {
        sent = ex.form().get("csrf");
      }
      if (!sameCsrf(s, sent)) {
        throw new ApiException(403, "missing or wrong CSRF token; reload the page");
      }
    }
    if (page.equals("logout")) {
      expect(ex, "POST");
      sessions.remove(s.id());
      ex.setResponseHeader("Set-Cookie", ConsoleSecurity.clearedCookie(tls));
      ex.redirect("/ui/login");
      return;
    }
    ex.caller = caller;
    ex.console = true;
    console.handle(new ConsoleExchange(ex, caller, s.csrf()));
  }

  /** Whether {@code sent} is the session's CSRF token (compared in constant time). */
  private static boolean sameCsrf(ConsoleSessions.Session s, String sent) {
    return sent != null && java.security.MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.US_ASCII),
        sent.getBytes(StandardCharsets.US_ASCII));
  }

  private void tokenRoute(Exchange ex, List<String> rest) throws IOException, ApiException {
    if (rest.isEmpty()) {
      if (ex.method.equals("GET")) {
        tokenRoutes.list(ex);
      } else {
        expect(ex, "POST");
        tokenRoutes.create(ex);
      }
    } else if (rest.size() == 1) {
      expect(ex, "DELETE");
      tokenRoutes.delete(ex, rest.get(0));
    } else {
      throw ApiException.notFound("tokens are at /api/v1/tokens and /api/v1/tokens/{name}");
    }
  }

  private void zoneRoute(Exchange ex, List<String> rest) throws IOException, ApiException {
    if (rest.isEmpty()) {
      if (ex.method.equals("GET")) {
        zones.list(ex);
      } else {
        expect(ex, "POST");
        ex.caller.require(Role.ZONE_ADMIN, null);
        zones.create(ex); // checks the new zone against the token's zones
      }
      return;
    }
    Name name = zoneName(rest.get(0));
    String action = rest.size() > 1 ? rest.get(1) : "";
    ex.caller.require(needed(ex.method, rest.size() == 1 ? "" : action), name); // before saying whether it exists
    if (rest.size() == 1 && ex.method.equals("DELETE")) {
      zones.delete(ex, name);
      return;
    }
    ZoneRegistry.Entry zone = backend.registry().get(name);
    if (zone == null) {
      throw ApiException.notFound("no zone " + name + " here (`tandem zone list` or GET /api/v1/zones lists them)");
    }
    switch (rest.size() == 1 ? "" : action) {
      case "" -> {
        expect(ex, "GET");
        zones.show(ex, zone);
      }
      case "rrsets" -> rrsetRoute(ex, zone, rest.subList(2, rest.size()));
      case "changes" -> {
        expect(ex, "POST");
        records.batch(ex, zone);
      }
      case "reload" -> {
        expect(ex, "POST");
        zones.reload(ex, zone);
      }
      case "refresh" -> {
        expect(ex, "POST");
        zones.refresh(ex, zone);
      }
      case "retransfer" -> {
        expect(ex, "POST");
        zones.retransfer(ex, zone);
      }
      case "notify" -> {
        expect(ex, "POST");
        zones.notifyNow(ex, zone);
      }
      case "promote" -> {
        expect(ex, "POST");
        roles.promote(ex, zone);
      }
      case "demote" -> {
        expect(ex, "POST");
        roles.demote(ex, zone);
      }
      case "export" -> {
        expect(ex, "GET");
        zones.export(ex, zone);
      }
      case "history" -> {
        expect(ex, "GET");
        HistoryView.respond(ex, backend.registry(), zone);
      }
      case "dnssec" -> dnssecRoute(ex, zone, rest.size() > 2 ? rest.get(2) : "");
      case "push" -> {
        expect(ex, "GET");
        ex.respondJson(200, PushViews.status(zone, backend.pushStatus().apply(name)));
      }
      default -> throw ApiException.notFound("no such zone action '" + action + "'");
    }
  }

  /**
   * {@code GET .../dnssec}, {@code POST .../dnssec/rollover?key=ksk|zsk} (a rollover now), {@code
   * POST .../dnssec/ds-seen} (the parent serves the new DS of a KSK or CSK rollover).
   */
  private void dnssecRoute(Exchange ex, ZoneRegistry.Entry zone, String action) throws IOException, ApiException {
    Name name = zone.config().name();
    try {
      switch (action) {
        case "" -> {
          expect(ex, "GET");
          ex.respondJson(200, SigningView.of(backend.registry(), zone, java.time.Instant.now()));
        }
        case "rollover" -> {
          expect(ex, "POST");
          String key = ex.queryParam("key");
          if (key == null || !(key.equals("ksk") || key.equals("zsk") || key.equals("csk"))) {
            throw new ApiException(400, "say which key to roll: ?key=ksk (or csk) or ?key=zsk");
          }
          String started = backend.registry().rollover(name, !key.equals("zsk"));
          ex.respondJson(202, java.util.Map.of("zone", name.toString(), "rollover", started));
        }
        case "ds-seen" -> {
          expect(ex, "POST");
          String done = backend.registry().dsSeen(name);
          ex.respondJson(200, java.util.Map.of("zone", name.toString(), "ds-seen", done));
        }
        default -> throw ApiException.notFound("no such dnssec action '" + action + "' (rollover, ds-seen)");
      }
    } catch (org.tandemdns.ZoneRegistryException e) {
      throw ZoneRoutes.fromRegistry(e);
    }
  }

  private void rrsetRoute(Exchange ex, ZoneRegistry.Entry zone, List<String> rest) throws IOException, ApiException {
    if (rest.isEmpty()) {
      expect(ex, "GET");
      records.list(ex, zone);
    } else if (rest.size() == 2) {
      switch (ex.method) {
        case "GET" -> records.get(ex, zone, rest.get(0), rest.get(1));
        case "PUT" -> records.put(ex, zone, rest.get(0), rest.get(1));
        case "DELETE" -> records.delete(ex, zone, rest.get(0), rest.get(1));
        default -> throw new ApiException(405, ex.method + " is not allowed here (GET, PUT, DELETE)");
      }
    } else {
      throw ApiException.notFound("RRsets are at /api/v1/zones/{zone}/rrsets/{name}/{type}");
    }
  }

  /**
   * The role a zone route needs: reading anything, any token; changing records (RRsets, change
   * batches), records-editor; every other change of the zone (delete, reload, transfers, NOTIFY,
   * promote, demote, DNSSEC actions), zone-admin.
   */
  private static Role needed(String method, String action) {
    if (method.equals("GET")) {
      return Role.READ_ONLY;
    }
    return action.equals("rrsets") || action.equals("changes") ? Role.RECORDS_EDITOR : Role.ZONE_ADMIN;
  }

  private static void expect(Exchange ex, String method) throws ApiException {
    if (!ex.method.equals(method)) {
      throw new ApiException(405, ex.method + " is not allowed here; use " + method);
    }
  }

  private static Name zoneName(String text) throws ApiException {
    try {
      org.tandemdns.zone.DomainNames.requireAscii(text, "the zone name");
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException | IllegalArgumentException e) {
      throw ApiException.badRequest("'" + text + "' is not a zone name" + (e instanceof IllegalArgumentException ? ": "
          + e.getMessage() : ""));
    }
  }

  private static byte[] openApi() throws IOException {
    try (InputStream in = ApiServer.class.getResourceAsStream("/api/openapi.json")) {
      if (in == null) {
        throw new IOException("the OpenAPI document is missing from the jar");
      }
      return in.readAllBytes();
    }
  }

  private static void error(Exchange ex, int status, String message) {
    ex.respondJson(status, Map.of("status", status, "error", message));
  }

  @Override
  public void close() {
    http.close();
  }
}
