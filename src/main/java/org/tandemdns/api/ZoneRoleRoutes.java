package org.tandemdns.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.ZoneRegistryException;
import org.tandemdns.config.Remote;
import org.tandemdns.security.AclEntry;
import org.tandemdns.store.StoreException;
import org.xbill.DNS.Name;

/**
 * {@code POST /api/v1/zones/{zone}/promote} and {@code .../demote}: a secondary becomes the zone's
 * primary when its primary is lost, and back (docs/operations.md, "Hidden primary lost").
 */
final class ZoneRoleRoutes {
  private final ApiBackend backend;
  private final ZoneRoutes zones;

  ZoneRoleRoutes(ApiBackend backend, ZoneRoutes zones) {
    this.backend = backend;
    this.zones = zones;
  }

  /** Body optional: {@code {"allow-update": ["PREFIX [key NAME]", ...]}}. */
  void promote(Exchange ex, ZoneRegistry.Entry zone) throws IOException, ApiException {
    JsonNode body = ex.body().length == 0 ? Json.tree("{}".getBytes(StandardCharsets.UTF_8)) : Json.tree(ex.body());
    List<AclEntry> allowUpdate = parsed(body, "allow-update", AclEntry::parse, AclEntry::key);
    try {
      ex.respondJson(200, zones.status(backend.registry().promote(zone.config().name(), allowUpdate)));
    } catch (ZoneRegistryException e) {
      throw ZoneRoutes.fromRegistry(e);
    } catch (StoreException e) {
      throw new ApiException(503, "cannot persist the zone's new role: " + e.getMessage());
    }
  }

  /** Body {@code {"primaries": ["ADDR[:PORT] [key NAME]", ...], "force": false}}; the first primary must serve our serial or newer. */
  void demote(Exchange ex, ZoneRegistry.Entry zone) throws IOException, ApiException {
    JsonNode body = Json.tree(ex.body());
    List<Remote> primaries = parsed(body, "primaries", Remote::parse, Remote::key);
    try {
      ex.respondJson(200, zones.status(backend.registry().demote(zone.config().name(), primaries, body.path("force").asBoolean(false))));
    } catch (ZoneRegistryException e) {
      throw ZoneRoutes.fromRegistry(e);
    } catch (StoreException e) {
      throw new ApiException(503, "cannot persist the zone's new role: " + e.getMessage());
    }
  }

  /** The list of strings under {@code key}, each parsed, each key it names defined under {@code keys:}. */
  private <T> List<T> parsed(JsonNode body, String key, Function<String, T> parser, Function<T, Name> keyOf) throws ApiException {
    if (!(body instanceof ObjectNode)) {
      throw ApiException.badRequest("the body must be a JSON object");
    }
    JsonNode v = body.path(key);
    List<T> out = new ArrayList<>();
    if (v.isMissingNode() || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw ApiException.badRequest("'" + key + "' must be a list of strings");
    }
    for (JsonNode n : v) {
      if (!n.isTextual()) {
        throw ApiException.badRequest("'" + key + "' must be a list of strings");
      }
      T item;
      try {
        item = parser.apply(n.asText());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(key + ": " + e.getMessage());
      }
      Name k = keyOf.apply(item);
      if (k != null && !backend.keyDefined().test(k)) {
        throw ApiException.badRequest("key " + k + " is not defined under 'keys:' in the server's configuration");
      }
      if (item instanceof org.tandemdns.config.Remote r) {
        ZoneCreation.checkTlsProfiles(List.of(r), backend.tlsProfileDefined());
      }
      out.add(item);
    }
    return out;
  }
}
