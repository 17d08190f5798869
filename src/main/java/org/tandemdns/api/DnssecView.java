package org.tandemdns.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.dnssec.SignedZoneReport;

/** The {@code dnssec} object of a zone's status: signed or not, with what, and what is wrong. */
final class DnssecView {
  private DnssecView() {}

  static Map<String, Object> of(SignedZoneReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("signed", r.signed());
    if (!r.signed() && r.signatures() == 0) {
      return m;
    }
    m.put("denial", r.denial().name().toLowerCase(java.util.Locale.ROOT));
    if (r.nsec3() != null) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("algorithm", r.nsec3().algorithm());
      n.put("iterations", r.nsec3().iterations());
      n.put("salt", r.nsec3().salt());
      n.put("opt-out", r.nsec3().optOut());
      m.put("nsec3", n);
    }
    List<Object> keys = new ArrayList<>();
    for (SignedZoneReport.Key k : r.keys()) {
      Map<String, Object> km = new LinkedHashMap<>();
      km.put("key-tag", k.tag());
      km.put("flags", k.flags());
      km.put("algorithm", k.algorithm());
      km.put("role", k.sep() ? "ksk" : "zsk");
      keys.add(km);
    }
    m.put("dnskeys", keys);
    m.put("rrsigs", r.signatures());
    m.put("earliest-expiry", r.earliestExpiry() == null ? null : r.earliestExpiry().toString());
    m.put("earliest-expiring", r.earliestExpiring());
    m.put("problems", r.problems());
    return m;
  }
}
