package org.tandemdns.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * RRsets in the API: owner names absolute, relative to the zone, or {@code @}; types by mnemonic
 * or TYPEnnn; records as RDATA in presentation format (RFC 1035 §5.1, RFC 3597 §5).
 */
final class RecordsJson {
  private RecordsJson() {}

  static Name name(String text, Name zone) throws ApiException {
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("a record needs a 'name'");
    }
    Name n;
    try {
      org.tandemdns.zone.DomainNames.requireAscii(text, "the name");
      n = text.equals("@") ? zone : Name.fromString(text, zone);
    } catch (TextParseException | IllegalArgumentException e) {
      throw ApiException.badRequest("'" + text + "' is not a valid name: " + e.getMessage());
    }
    if (!n.subdomain(zone)) {
      throw ApiException.badRequest(n + " is outside zone " + zone);
    }
    return n;
  }

  /** A host name that may be outside the zone (NS targets, MX exchanges): relative to the zone unless it ends in a dot. */
  static Name nameAnywhere(String text, Name zone) throws ApiException {
    try {
      org.tandemdns.zone.DomainNames.requireAscii(text, "the name");
      return Name.fromString(text, zone);
    } catch (TextParseException | IllegalArgumentException e) {
      throw ApiException.badRequest("'" + text + "' is not a valid name: " + e.getMessage());
    }
  }

  static int type(String text) throws ApiException {
    int t = text == null ? -1 : Type.value(text);
    if (t < 0 || !Type.isRR(t) || t == Type.OPT) {
      throw ApiException.badRequest("'" + text + "' is not a record type");
    }
    return t;
  }

  static long ttl(Long ttl) throws ApiException {
    long t = ttl == null ? 3600 : ttl;
    if (t < 0 || t > 0x7fffffffL) {
      throw ApiException.badRequest("TTL " + t + " is out of range (0 to 2147483647, RFC 2181 §8)");
    }
    return t;
  }

  static List<Record> records(Name name, int type, long ttl, List<String> rdata, Name zone) throws ApiException {
    if (rdata == null) {
      throw ApiException.badRequest("give 'records': a list of RDATA in presentation format");
    }
    List<Record> out = new ArrayList<>();
    for (String text : rdata) {
      try {
        out.add(Record.fromString(name, type, DClass.IN, ttl, org.tandemdns.zone.DomainNames.asciiText(text, "the RDATA"), zone));
      } catch (IOException | IllegalArgumentException e) {
        throw ApiException.badRequest("bad " + Type.string(type) + " data '" + text + "' for " + name + ": "
            + e.getMessage().replaceFirst("^<none>:\\d+: ", ""));
      }
    }
    return out;
  }

  static Map<String, Object> rrset(Record[] set) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", set[0].getName().toString());
    m.put("type", Type.string(set[0].getType()));
    m.put("ttl", set[0].getTTL());
    List<String> records = new ArrayList<>();
    for (Record r : set) {
      records.add(r.rdataToString());
    }
    m.put("records", records);
    return m;
  }
}
