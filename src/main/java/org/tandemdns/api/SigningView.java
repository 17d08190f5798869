package org.tandemdns.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.config.DnssecPolicy;
import org.tandemdns.dnssec.SignedZoneInspector;
import org.tandemdns.dnssec.SigningKey;
import org.tandemdns.dnssec.ZoneSigner;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;

/**
 * {@code GET /api/v1/zones/{zone}/dnssec}: how Tandem signs the zone (policy, keys with their DS
 * records for the parent, when each key is due for rollover, when the next re-signing runs) and
 * what the served version holds. Private keys never appear.
 */
final class SigningView {
  private SigningView() {}

  static Map<String, Object> of(ZoneRegistry registry, ZoneRegistry.Entry zone, Instant now) {
    Name name = zone.config().name();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("zone", name.toString());
    ZoneSigner signer = registry.signer(name);
    String problem = registry.signerProblem(name);
    m.put("signed-by-tandem", signer != null);
    if (zone.config().dnssec() != null) {
      m.put("policy", zone.config().dnssec().policy());
    }
    if (problem != null) {
      m.put("problem", problem);
    }
    if (signer != null) {
      DnssecPolicy p = signer.policy();
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("algorithm", p.signingAlgorithm().name().toLowerCase(java.util.Locale.ROOT));
      pm.put("keys", p.keyScheme() == DnssecPolicy.KeyScheme.CSK ? "csk" : "ksk-zsk");
      pm.put("nsec3", Boolean.TRUE.equals(p.nsec3()));
      pm.put("nsec3-opt-out", Boolean.TRUE.equals(p.nsec3OptOut()));
      pm.put("rrsig-lifetime", text(p.rrsigLifetime()));
      pm.put("rrsig-refresh", text(p.rrsigRefresh()));
      m.put("policy-settings", pm);
      List<Object> keys = new ArrayList<>();
      for (SigningKey k : signer.keys().all()) {
        keys.add(key(name, k, p));
      }
      m.put("keys", keys);
      Instant next = registry.nextSigningRun(name);
      m.put("next-signing-run", next == null ? null : next.toString());
    }
    ZoneSnapshot served = zone.served().snapshot();
    m.put("served", served == null ? Map.of("signed", false) : DnssecView.of(SignedZoneInspector.inspect(served, now)));
    return m;
  }

  /** A duration as the config writes it: {@code 14d}, {@code 1h}, {@code 90s}. */
  static String text(Duration d) {
    long s = d.toSeconds();
    return s % 86400 == 0 ? s / 86400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  private static Map<String, Object> key(Name zone, SigningKey k, DnssecPolicy p) {
    Map<String, Object> km = new LinkedHashMap<>();
    km.put("key-tag", k.tag());
    km.put("role", k.role().name().toLowerCase(java.util.Locale.ROOT));
    km.put("algorithm", k.algorithm());
    km.put("flags", k.dnskey().getFlags());
    km.put("created", k.created().toString());
    Duration lifetime = k.role().signsZone() ? p.zskLifetime() : p.kskLifetime();
    km.put("rollover-due", lifetime.isZero() ? null : k.created().plus(lifetime).toString());
    km.put("dnskey", k.dnskey().toString());
    if (k.role().signsKeys()) {
      DNSKEYRecord key = k.dnskey();
      km.put("ds", List.of(new DSRecord(zone, key.getDClass(), key.getTTL(), DSRecord.Digest.SHA256, key).toString()));
    }
    return km;
  }
}
