package org.tandemdns.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.ZoneRegistryException;
import org.tandemdns.change.ChangeRejectedException;
import org.tandemdns.change.ReloadResult;
import org.tandemdns.store.StoreException;
import org.tandemdns.zone.ZoneFileWriter;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/** {@code /api/v1/zones} and the per-zone actions: list, create, show, delete, reload, refresh, notify, export. */
final class ZoneRoutes {
  private final ApiBackend backend;

  ZoneRoutes(ApiBackend backend) {
    this.backend = backend;
  }

  void list(Exchange ex) throws IOException {
    List<Map<String, Object>> zones = new ArrayList<>();
    backend.registry().all().stream().filter(e -> ex.caller.covers(e.config().name()))
        .sorted(Comparator.comparing(e -> e.config().name()))
        .forEach(e -> zones.add(ZoneViews.summary(e)));
    ex.respondJson(200, Map.of("zones", zones));
  }

  private void refuseUnlessCatalog(String key, org.xbill.DNS.Name zone) throws ApiException {
    ZoneRegistry.Entry catalog = backend.registry().get(zone);
    if (catalog == null || !catalog.config().producesCatalog()) {
      throw ApiException.badRequest(key + ": " + zone + " is not a catalog zone here (a zone with produces-catalog: true in the"
          + " configuration)");
    }
  }

  void create(Exchange ex) throws IOException, ApiException {
    JsonNode body = Json.tree(ex.body());
    ZoneCreation.Request req = ZoneCreation.parse(body, backend.keyDefined(), backend.pushTargetDefined(),
        backend.tlsProfileDefined());
    ex.caller.require(org.tandemdns.config.ApiToken.Role.ZONE_ADMIN, req.config().name());
    if (req.config().catalog() != null) {
      refuseUnlessCatalog("catalog.zone", req.config().catalog().zone());
      if (req.config().catalog().movedFrom() != null) {
        refuseUnlessCatalog("catalog.moved-from", req.config().catalog().movedFrom());
      }
    }
    try {
      ZoneRegistry.Entry e = req.initial() == null
          ? backend.registry().createSecondary(req.config())
          : backend.registry().createPrimary(req.config(), req.initial(), ex.actor());
      ex.respondJson(201, status(e));
    } catch (ZoneRegistryException e) {
      throw ZoneRoutes.fromRegistry(e);
    } catch (ChangeRejectedException e) {
      throw new ApiException(422, e.getMessage());
    } catch (StoreException e) {
      throw new ApiException(503, "cannot persist the zone: " + e.getMessage());
    }
  }

  void show(Exchange ex, ZoneRegistry.Entry zone) throws IOException {
    ex.respondJson(200, status(zone));
  }

  void delete(Exchange ex, Name zone) throws IOException, ApiException {
    try {
      backend.registry().delete(zone);
      ex.respond(204, "application/json", new byte[0]);
    } catch (ZoneRegistryException e) {
      throw fromRegistry(e);
    } catch (StoreException e) {
      throw new ApiException(503, "cannot delete the zone's data: " + e.getMessage());
    }
  }

  void reload(Exchange ex, ZoneRegistry.Entry zone) throws IOException, ApiException {
    if (zone.config().file() == null) {
      throw ApiException.conflict("zone " + zone.config().name() + " is not read from a file; nothing to reload");
    }
    ReloadResult r = backend.reloadOne().apply(zone.config().name());
    ex.respondJson(r.ok() ? 200 : 422, reloadView(r));
  }

  /** {@code POST /reload}: every zone file; with {@code ?config=true} the configuration file first ({@code &purge=true}: removed zones' data too). */
  void reloadAll(Exchange ex) throws IOException, ApiException {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    if ("true".equals(ex.queryParam("config"))) {
      org.tandemdns.Reconfiguration r;
      try {
        r = backend.reconfigure().apply("true".equals(ex.queryParam("purge")));
      } catch (IllegalStateException e) {
        throw ApiException.conflict(e.getMessage());
      }
      body.put("config", ReconfigurationView.of(r));
    }
    List<Object> results = new ArrayList<>();
    for (ReloadResult r : backend.reloadAll().get()) {
      results.add(reloadView(r));
    }
    body.put("results", results);
    ex.respondJson(200, body);
  }

  void refresh(Exchange ex, ZoneRegistry.Entry zone) throws IOException, ApiException {
    if (zone.secondary() == null) {
      throw ApiException.conflict("zone " + zone.config().name() + " is not a secondary; nothing to refresh");
    }
    zone.secondary().refreshNow();
    ex.respondJson(202, Map.of("zone", zone.config().name().toString(), "refresh", "scheduled"));
  }

  /** {@code POST .../retransfer}: a whole AXFR now, whatever the serials (BIND's {@code rndc retransfer}). */
  void retransfer(Exchange ex, ZoneRegistry.Entry zone) throws IOException, ApiException {
    if (zone.secondary() == null) {
      throw ApiException.conflict("zone " + zone.config().name() + " is not a secondary; nothing to transfer");
    }
    zone.secondary().retransferNow();
    ex.respondJson(202, Map.of("zone", zone.config().name().toString(), "retransfer", "scheduled"));
  }

  void notifyNow(Exchange ex, ZoneRegistry.Entry zone) throws IOException, ApiException {
    ZoneSnapshot s = zone.served().snapshot();
    if (s == null) {
      throw new ApiException(503, "zone " + zone.config().name() + " has no data yet");
    }
    backend.notifier().notifyAll(zone.config().name(), s);
    ex.respondJson(202, Map.of("zone", zone.config().name().toString(), "serial", s.serial(), "notify", "sent"));
  }

  void export(Exchange ex, ZoneRegistry.Entry zone) throws IOException, ApiException {
    ZoneSnapshot s = zone.served().snapshot();
    if (s == null) {
      throw new ApiException(503, "zone " + zone.config().name() + " has no data yet");
    }
    StringWriter out = new StringWriter();
    ZoneFileWriter.write(s, out);
    ex.respond(200, "text/dns; charset=utf-8", out.toString().getBytes(StandardCharsets.UTF_8));
  }

  Map<String, Object> status(ZoneRegistry.Entry e) {
    Name n = e.config().name();
    return ZoneViews.status(e, backend.notifier().status(n), backend.propagation().status(n), backend.lastLoad().apply(n),
        backend.dnssec().apply(n), backend.registry().catalogStatus(n), backend.registry().catalogOwner(n));
  }

  static Map<String, Object> reloadView(ReloadResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("zone", r.zone().toString());
    m.put("ok", r.ok());
    m.put("changed", r.changed());
    m.put("serial", r.serial() < 0 ? null : r.serial());
    m.put("message", r.message());
    return m;
  }

  static ApiException fromRegistry(ZoneRegistryException e) {
    return switch (e.kind()) {
      case NOT_FOUND -> ApiException.notFound(e.getMessage());
      case CONFLICT, READ_ONLY -> ApiException.conflict(e.getMessage());
      case INVALID -> ApiException.badRequest(e.getMessage());
    };
  }
}
