package org.tandemdns.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.config.ApiToken;
import org.tandemdns.config.ZonePattern;
import org.tandemdns.store.StoreException;
import org.tandemdns.store.StoredToken;

/**
 * {@code /api/v1/tokens} (admin tokens only): list every token (never a secret), make one (its
 * secret is in the answer, once; the store keeps its SHA-256), remove one made here. Tokens
 * declared in the config are changed in the config.
 */
final class TokenRoutes {
  private static final Logger log = LoggerFactory.getLogger(TokenRoutes.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TokenAuth auth;

  TokenRoutes(TokenAuth auth) {
    this.auth = auth;
  }

  void list(Exchange ex) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ApiToken t : auth.configured()) {
      out.add(view(t.name(), t.role(), t.zones().stream().map(ZonePattern::toString).toList(), auth.configuredSource(), null, null));
    }
    for (StoredToken t : auth.stored()) {
      out.add(view(t.name(), ApiToken.Role.parse(t.role()), t.zones(), "api", t.createdAt(), t.createdBy()));
    }
    ex.respondJson(200, Map.of("tokens", out));
  }

  /** {@code POST /api/v1/tokens} with {@code {"name": ..., "role": ..., "zones": [...]}}. */
  void create(Exchange ex) throws IOException, ApiException {
    org.tandemdns.store.TokenStore store = store();
    JsonNode body = Json.tree(ex.body());
    String name = body.path("name").asText("");
    if (!NAME.matcher(name).matches()) {
      throw ApiException.badRequest("'name' must be 1 to 64 letters, digits or . _ @ - (starting with a letter or digit), not '"
          + name + "'");
    }
    if (exists(name)) {
      throw ApiException.conflict("a token named '" + name + "' exists; remove it first, or choose another name");
    }
    ApiToken.Role role;
    List<ZonePattern> zones = new ArrayList<>();
    try {
      role = body.hasNonNull("role") ? ApiToken.Role.parse(body.get("role").asText()) : ApiToken.Role.READ_ONLY;
      JsonNode z = body.path("zones");
      if (!z.isMissingNode() && !z.isNull() && !z.isArray()) {
        throw new IllegalArgumentException("'zones' must be a list of zone names or *.NAME patterns");
      }
      for (JsonNode p : z) {
        zones.add(ZonePattern.parse(p.asText()));
      }
      new ApiToken(name, "-", null, role, zones); // the same rules as the config's
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    List<String> patterns = zones.stream().map(ZonePattern::toString).toList();
    StoredToken t = new StoredToken(name, TokenAuth.sha256(secret), role.configName(), patterns, Instant.now(), ex.caller.name());
    try {
      if (!store.addToken(t)) {
        throw ApiException.conflict("a token named '" + name + "' exists; remove it first, or choose another name");
      }
      auth.refresh();
    } catch (StoreException e) {
      throw new ApiException(503, "the token could not be stored: " + e.getMessage());
    }
    log.info("API token {} ({}{}) made by {} from {}", name, role.configName(), patterns.isEmpty() ? "" : ", zones " + patterns,
        ex.caller.name(), ex.remoteAddress);
    Map<String, Object> out = view(name, role, patterns, "api", t.createdAt(), t.createdBy());
    out.put("token", secret);
    ex.respondJson(201, out);
  }

  void delete(Exchange ex, String name) throws ApiException {
    if (auth.configured().stream().anyMatch(t -> t.name().equals(name))) {
      throw ApiException.conflict("token '" + name + "' is declared in the " + (auth.configuredSource().equals("local")
          ? "data directory (api.token)" : "config file") + "; remove it there and reload");
    }
    try {
      if (!store().removeToken(name)) {
        throw ApiException.notFound("no token named '" + name + "' (GET /api/v1/tokens lists them)");
      }
      auth.refresh();
    } catch (StoreException e) {
      throw new ApiException(503, "the token could not be removed: " + e.getMessage());
    }
    log.info("API token {} removed by {} from {}", name, ex.caller.name(), ex.remoteAddress);
    ex.respondJson(200, Map.of("removed", name));
  }

  private boolean exists(String name) {
    return auth.configured().stream().anyMatch(t -> t.name().equals(name)) || auth.stored().stream().anyMatch(t -> t.name().equals(name));
  }

  private org.tandemdns.store.TokenStore store() throws ApiException {
    if (auth.store() == null) {
      throw new ApiException(503, "this server keeps no tokens of its own (no store)");
    }
    return auth.store();
  }

  private static Map<String, Object> view(String name, ApiToken.Role role, List<String> zones, String source, Instant created,
      String createdBy) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("role", role.configName());
    m.put("zones", zones);
    m.put("source", source);
    if (created != null) {
      m.put("created", created.toString());
      m.put("created-by", createdBy);
    }
    return m;
  }
}
