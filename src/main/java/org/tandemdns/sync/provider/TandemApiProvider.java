package org.tandemdns.sync.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * Another Tandem, through its HTTP API: reads a zone with {@code GET /api/v1/zones/{zone}/rrsets}
 * and writes a batch with one {@code POST /api/v1/zones/{zone}/changes}, which Tandem validates and
 * commits all or nothing. The batch carries {@code expected-serial} when the serial the plan was
 * made from is known, so a zone that moved on meanwhile refuses it (HTTP 409) unchanged.
 * Authentication is a bearer token with the admin role.
 */
public final class TandemApiProvider implements Provider {
  /** RRsets per request; Tandem accepts bodies up to 16 MiB. */
  static final int MAX_RRSETS_PER_BATCH = 5000;

  private final String name;
  private final URI base;
  private final HttpJson http;
  private final List<ServerAddress> nameservers;

  public TandemApiProvider(String name, URI url, String token, List<ServerAddress> nameservers, Duration timeout) {
    this.name = name;
    String u = url.toString();
    this.base = URI.create(u.endsWith("/") ? u : u + "/");
    this.http = new HttpJson(timeout, Map.of("Authorization", "Bearer " + token));
    this.nameservers = List.copyOf(nameservers);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "tandem";
  }

  @Override
  public String describe() {
    return "tandem " + base;
  }

  @Override
  public boolean supports(int type) {
    return Capabilities.TANDEM.supports(type);
  }

  private URI zoneUri(Name zone, String tail) {
    return base.resolve("api/v1/zones/" + URLEncoder.encode(zone.toString(), StandardCharsets.UTF_8) + "/" + tail);
  }

  @Override
  public ZoneContent read(Name zone) throws ProviderException {
    JsonNode body;
    try {
      body = http.get(zoneUri(zone, "rrsets")).body();
    } catch (HttpJson.HttpError e) {
      throw failure("reading zone " + zone, e);
    }
    if (body == null || !body.path("rrsets").isArray()) {
      throw new ProviderException(name + ": the zone " + zone + " came without 'rrsets'");
    }
    CanonicalZone.Builder b = CanonicalZone.builder(zone);
    for (JsonNode set : body.get("rrsets")) {
      int type = RecordText.type(set.path("type").asText());
      if (type < 0) {
        throw new ProviderException(name + " returned an unknown type '" + set.path("type").asText() + "'");
      }
      for (JsonNode r : set.path("records")) {
        b.add(RecordText.parse(zone, set.path("name").asText(), type, set.path("ttl").asLong(), r.asText(), name));
      }
    }
    OptionalLong serial = body.hasNonNull("serial") ? OptionalLong.of(body.get("serial").asLong()) : OptionalLong.empty();
    return new ZoneContent(b.build(), serial, List.of());
  }

  @Override
  public BatchCost batchCost(Name zone, RRsetChange change) {
    return BatchCost.ONE;
  }

  @Override
  public BatchCost maxBatchCost() {
    return BatchCost.maxCount(MAX_RRSETS_PER_BATCH);
  }

  @Override
  public OptionalLong apply(Name zone, List<RRsetChange> batch, OptionalLong expectedSerial) throws ProviderException {
    List<Object> changes = new ArrayList<>();
    for (RRsetChange c : batch) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("op", c.desired() == null ? "delete" : "replace");
      m.put("name", c.key().owner().toString());
      m.put("type", Type.string(c.key().type()));
      if (c.desired() != null) {
        m.put("ttl", c.desired().ttl());
        m.put("records", c.desired().rdatas().stream().map(CanonicalRdata::record).map(RecordText::write).toList());
      }
      changes.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    expectedSerial.ifPresent(s -> body.put("expected-serial", s));
    body.put("changes", changes);
    JsonNode answer;
    try {
      answer = http.send("POST", zoneUri(zone, "changes"), body).body();
    } catch (HttpJson.HttpError e) {
      throw failure("changes to zone " + zone, e);
    }
    return answer != null && answer.hasNonNull("serial") ? OptionalLong.of(answer.get("serial").asLong()) : OptionalLong.empty();
  }

  private ProviderException failure(String what, HttpJson.HttpError e) {
    String message = name + ": " + what + " failed: " + e.getMessage();
    return switch (e.status()) {
      case 404 -> ProviderException.zoneMissing(message);
      case 401, 403 -> new ProviderException(message + " (check the token; writing needs the admin role)");
      case 409 -> new ProviderException(message + " (nothing was changed)");
      default -> new ProviderException(message);
    };
  }

  @Override
  public List<ServerAddress> nameservers() {
    return nameservers;
  }
}
