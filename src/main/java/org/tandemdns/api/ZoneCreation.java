package org.tandemdns.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.tandemdns.config.ConfigException;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.zone.ZoneBuilder;
import org.tandemdns.zone.ZoneFileException;
import org.tandemdns.zone.ZoneFileReader;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneValidationException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * The body of {@code POST /api/v1/zones}: the zone's settings in the config file's shape, plus,
 * for a primary, its first content — {@code zone-file} (master-file text, {@code $INCLUDE} not
 * allowed), {@code records} (a list of {name, type, ttl, records}), or {@code nameservers} (a
 * minimal zone: an SOA and those NS records).
 */
final class ZoneCreation {
  private ZoneCreation() {}

  record Request(ZoneConfig config, ZoneSnapshot initial) {}

  static Request parse(JsonNode body, java.util.function.Predicate<Name> keyDefined,
      java.util.function.Predicate<String> pushTargetDefined, java.util.function.Predicate<String> tlsProfileDefined)
      throws ApiException {
    if (!(body instanceof ObjectNode object)) {
      throw ApiException.badRequest("the body must be a JSON object");
    }
    ObjectNode settings = object.deepCopy();
    JsonNode zoneFile = settings.remove("zone-file");
    JsonNode records = settings.remove("records");
    JsonNode nameservers = settings.remove("nameservers");
    if (settings.has("file")) {
      throw ApiException.badRequest("'file' is for zones in the config file; upload the content as 'zone-file' instead");
    }
    ZoneConfig config;
    try {
      config = new ConfigLoader().readZone(settings.toString(), "the request body");
    } catch (ConfigException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    checkKeys(config, keyDefined);
    checkTlsProfiles(config.primaries(), tlsProfileDefined);
    if (config.producesCatalog()) {
      throw ApiException.badRequest("a catalog zone (produces-catalog) is declared in the config file; zones created"
          + " through the API can be its members (catalog: {zone: NAME})");
    }
    if (config.consumesCatalog()) {
      throw ApiException.badRequest("a catalog consumer (type: catalog-consumer) is declared in the config file, with its"
          + " member templates; then `tandem reload --config`");
    }
    for (String target : config.pushTo()) {
      if (!pushTargetDefined.test(target)) {
        throw ApiException.badRequest("push-to names '" + target + "', which is not a provider under 'sync.providers' in the server's configuration");
      }
    }
    if (!config.managed()) {
      if (zoneFile != null || records != null || nameservers != null) {
        throw ApiException.badRequest("a secondary zone gets its content from its primaries; remove zone-file/records/nameservers");
      }
      return new Request(config, null);
    }
    int given = (zoneFile != null ? 1 : 0) + (records != null ? 1 : 0) + (nameservers != null ? 1 : 0);
    if (given != 1) {
      throw ApiException.badRequest("give the new zone's content as exactly one of 'zone-file', 'records' or 'nameservers'");
    }
    Name origin = config.name();
    ZoneBuilder builder = new ZoneBuilder(origin, "zone-file");
    if (zoneFile != null) {
      try {
        ZoneFileReader.forUntrustedText().read(new StringReader(zoneFile.asText()), "zone-file", origin, builder::add);
      } catch (ZoneFileException e) {
        throw ApiException.badRequest(e.getMessage());
      } catch (java.io.IOException e) {
        throw ApiException.badRequest("zone-file: " + e.getMessage());
      }
    } else if (records != null) {
      for (Record r : recordsOf(records, origin)) {
        builder.add(r, null);
      }
    } else {
      minimalZone(nameservers, origin).forEach(r -> builder.add(r, null));
    }
    for (String w : builder.warnings()) {
      if (w.contains(" is outside zone ")) {
        throw ApiException.badRequest(w.replace("; ignored", "") + " (a zone may only hold names at or below its origin)");
      }
    }
    try {
      return new Request(config, builder.build());
    } catch (ZoneValidationException e) {
      throw new ApiException(422, String.join("; ", e.problems()));
    }
  }

  /** Every key the settings name must be defined under {@code keys:} (as for zones in the config file). */
  /** Refuses primaries naming a TLS profile the server's {@code tls.profiles} does not define. */
  static void checkTlsProfiles(List<org.tandemdns.config.Remote> primaries, java.util.function.Predicate<String> defined)
      throws ApiException {
    for (org.tandemdns.config.Remote p : primaries) {
      if (p.tls() != null && !defined.test(p.tls())) {
        throw ApiException.badRequest("primary " + p + " names tls profile '" + p.tls() + "', which 'tls.profiles' in the"
            + " server's configuration does not define");
      }
    }
  }

  static void checkKeys(ZoneConfig z, java.util.function.Predicate<Name> defined) throws ApiException {
    List<Name> named = new ArrayList<>();
    z.primaries().forEach(p -> named.add(p.key()));
    z.notifyTargets().forEach(p -> named.add(p.key()));
    z.allowTransfer().forEach(a -> named.add(a.key()));
    z.allowUpdate().forEach(a -> named.add(a.key()));
    z.allowNotify().forEach(a -> named.add(a.key()));
    for (Name k : named) {
      if (k != null && !defined.test(k)) {
        throw ApiException.badRequest("key " + k + " is not defined under 'keys:' in the server's configuration");
      }
    }
  }

  private static List<Record> recordsOf(JsonNode records, Name origin) throws ApiException {
    List<Record> out = new ArrayList<>();
    List<ChangeBodies.Change> sets = new ArrayList<>();
    for (JsonNode n : records) {
      ((ObjectNode) n).put("op", "replace");
      sets.add(Json.read(n, ChangeBodies.Change.class));
    }
    for (ChangeBodies.Change c : sets) {
      Name name = RecordsJson.name(c.name(), origin);
      int type = RecordsJson.type(c.type());
      out.addAll(RecordsJson.records(name, type, RecordsJson.ttl(c.ttl()), c.records(), origin));
    }
    return out;
  }

  /** SOA (MNAME the first nameserver, RNAME hostmaster.ZONE, serial 1) and the NS records. */
  private static List<Record> minimalZone(JsonNode nameservers, Name origin) throws ApiException {
    if (!nameservers.isArray() || nameservers.isEmpty()) {
      throw ApiException.badRequest("'nameservers' must be a non-empty list of host names");
    }
    List<Name> ns = new ArrayList<>();
    for (JsonNode n : nameservers) {
      ns.add(RecordsJson.nameAnywhere(n.asText(), origin));
    }
    List<Record> out = new ArrayList<>();
    Name rname = RecordsJson.nameAnywhere("hostmaster", origin);
    out.add(new SOARecord(origin, DClass.IN, 3600, ns.get(0), rname, 1, 3600, 600, 1209600, 300));
    for (Name n : ns) {
      out.add(new NSRecord(origin, DClass.IN, 3600, n));
    }
    return out;
  }
}
