package org.tandemdns.sync.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.sync.RRsetChange;
import org.tandemdns.zone.compare.CanonicalRdata;
import org.tandemdns.zone.compare.CanonicalZone;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The PowerDNS Authoritative Server's HTTP API: reads a zone with
 * {@code GET /api/v1/servers/{id}/zones/{zone}} and writes a batch of RRsets with one
 * {@code PATCH} of {@code REPLACE}/{@code DELETE} changetypes, which PowerDNS applies in one
 * transaction (all or nothing). Authentication is the {@code X-API-Key} header.
 *
 * <p>Disabled records are left out of the read (they are not served), and RRsets of types dnsjava
 * does not know (PowerDNS's ALIAS, LUA) or whose content it cannot parse are reported and left
 * alone. PowerDNS changes the SOA serial
 * on API edits only when the zone's {@code SOA-EDIT-API} metadata says so.
 */
public final class PowerDnsProvider implements Provider {
  /** RRsets per PATCH; PowerDNS states no limit, this bounds one request body. */
  static final int MAX_RRSETS_PER_PATCH = 5000;

  private final String name;
  private final URI base;
  private final String serverId;
  private final HttpJson http;
  private final List<ServerAddress> nameservers;

  public PowerDnsProvider(String name, URI url, String serverId, String apiKey, List<ServerAddress> nameservers, Duration timeout) {
    this.name = name;
    String u = url.toString();
    this.base = URI.create(u.endsWith("/") ? u : u + "/");
    this.serverId = serverId;
    this.http = new HttpJson(timeout, Map.of("X-API-Key", apiKey));
    this.nameservers = List.copyOf(nameservers);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "powerdns";
  }

  @Override
  public String describe() {
    return "powerdns " + base + " server " + serverId;
  }

  @Override
  public boolean supports(int type) {
    return Capabilities.POWERDNS.supports(type);
  }

  private URI zoneUri(Name zone) {
    String id = zone.toString().replace("/", "=2F");
    return base.resolve("api/v1/servers/" + serverId + "/zones/" + id);
  }

  @Override
  public ZoneContent read(Name zone) throws ProviderException {
    JsonNode body;
    try {
      body = http.get(zoneUri(zone)).body();
    } catch (HttpJson.HttpError e) {
      throw failure("reading zone " + zone, e);
    }
    if (body == null || !body.path("rrsets").isArray()) {
      throw new ProviderException(name + ": the zone " + zone + " came without 'rrsets'");
    }
    CanonicalZone.Builder b = CanonicalZone.builder(zone);
    List<String> notes = new ArrayList<>();
    for (JsonNode set : body.get("rrsets")) {
      String owner = set.path("name").asText();
      String typeName = set.path("type").asText();
      int type = RecordText.type(typeName);
      if (type < 0) {
        notes.add(owner + " " + typeName + " is a PowerDNS-specific type; left alone");
        continue;
      }
      for (JsonNode r : set.path("records")) {
        if (r.path("disabled").asBoolean(false)) {
          notes.add(owner + " " + typeName + " '" + r.path("content").asText() + "' is disabled at " + name + "; read as absent");
          continue;
        }
        try {
          b.add(RecordText.parse(zone, owner, type, set.path("ttl").asLong(), r.path("content").asText(), name));
        } catch (ProviderException e) {
          notes.add(e.getMessage() + "; left alone");
        }
      }
    }
    CanonicalZone z = b.build();
    OptionalLong serial = body.hasNonNull("serial") ? OptionalLong.of(body.get("serial").asLong()) : OptionalLong.empty();
    return new ZoneContent(z, serial, notes);
  }

  @Override
  public BatchCost batchCost(Name zone, RRsetChange change) {
    return BatchCost.ONE;
  }

  @Override
  public BatchCost maxBatchCost() {
    return BatchCost.maxCount(MAX_RRSETS_PER_PATCH);
  }

  @Override
  public OptionalLong apply(Name zone, List<RRsetChange> batch, OptionalLong expectedSerial) throws ProviderException {
    List<Object> rrsets = new ArrayList<>();
    for (RRsetChange c : batch) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.key().owner().toString());
      m.put("type", Type.string(c.key().type()));
      if (c.desired() == null) {
        m.put("changetype", "DELETE");
      } else {
        m.put("changetype", "REPLACE");
        m.put("ttl", c.desired().ttl());
        List<Object> records = new ArrayList<>();
        for (CanonicalRdata r : c.desired().rdatas()) {
          records.add(Map.of("content", RecordText.writeForPowerDns(r.record()), "disabled", false));
        }
        m.put("records", records);
      }
      rrsets.add(m);
    }
    try {
      http.send("PATCH", zoneUri(zone), Map.of("rrsets", rrsets));
    } catch (HttpJson.HttpError e) {
      throw failure("PATCH of " + batch.size() + " RRsets in zone " + zone, e);
    }
    return OptionalLong.empty();
  }

  private ProviderException failure(String what, HttpJson.HttpError e) {
    String message = name + ": " + what + " failed: " + e.getMessage();
    return switch (e.status()) {
      case 404 -> ProviderException.zoneMissing(message + " (no such zone at this PowerDNS server)");
      case 401, 403 -> new ProviderException(message + " (check the API key)");
      default -> new ProviderException(message);
    };
  }

  @Override
  public List<ServerAddress> nameservers() {
    return nameservers;
  }
}
