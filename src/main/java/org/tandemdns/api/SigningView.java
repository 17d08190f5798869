package org.tandemdns.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.config.DnssecPolicy;
import org.tandemdns.dnssec.KeyRole;
import org.tandemdns.dnssec.KeyState;
import org.tandemdns.dnssec.KeyTimes;
import org.tandemdns.dnssec.SignedZoneInspector;
import org.tandemdns.events.SigningSchedule;
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
    java.util.Objects.requireNonNull(now);
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
      pm.put("propagation-delay", text(p.propagationDelay()));
      pm.put("zsk-lifetime", p.zskLifetime().isZero() ? "unlimited" : text(p.zskLifetime()));
      pm.put("ksk-lifetime", p.kskLifetime().isZero() ? "unlimited" : text(p.kskLifetime()));
      Instant keyNow = signer.keyTime(now);
      SigningKey dsKey = signer.keys().dsKey(keyNow);
      List<Object> keys = new ArrayList<>();
      for (SigningKey k : signer.keys().all()) {
        if (k.state(keyNow) != KeyState.REMOVED || !k.times().remove().isBefore(keyNow.minus(Duration.ofDays(7)))) {
          keys.add(key(name, k, p, keyNow, k == dsKey));
        }
      }
      m.put("keys", keys);
      m.put("ds-for-parent", dsKey == null ? List.of() : List.of(ds(name, dsKey).toString()));
      Instant nextKey = signer.keys().nextEvent(keyNow);
      m.put("next-key-event", nextKey == null ? null : nextKey.toString());
      SigningSchedule.DsWait wait = registry.dsWait(name);
      if (wait != null) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("key-tag", wait.keyTag());
        w.put("since", wait.since().toString());
        w.put("last-check", wait.lastCheck() == null ? null : wait.lastCheck().toString());
        w.put("problems", wait.problems());
        w.put("parent-agents", zone.config().dnssec().parentAgents().stream().map(Object::toString).toList());
        m.put("waiting-for-ds", w);
      }
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

  private static Map<String, Object> key(Name zone, SigningKey k, DnssecPolicy p, Instant now, boolean dsKey) {
    Map<String, Object> km = new LinkedHashMap<>();
    km.put("key-tag", k.tag());
    km.put("role", k.role().name().toLowerCase(java.util.Locale.ROOT));
    km.put("algorithm", k.algorithm());
    km.put("flags", k.dnskey().getFlags());
    km.put("state", k.state(now).text());
    km.put("created", k.created().toString());
    KeyTimes t = k.times();
    km.put("published", time(t.publish()));
    km.put("active", time(t.active()));
    km.put("retire", time(t.retire()));
    km.put("remove", time(t.remove()));
    if (k.role().signsKeys()) {
      km.put("ds-seen-at-parent", time(t.dsSeen()));
    }
    Duration lifetime = k.role() == KeyRole.ZSK ? p.zskLifetime() : p.kskLifetime();
    boolean current = t.retire() == null && t.remove() == null && t.active() != null;
    km.put("rollover-due", lifetime.isZero() || !current ? null : t.active().plus(lifetime).toString());
    km.put("dnskey", k.dnskey().toString());
    if (k.role().signsKeys()) {
      km.put("ds", List.of(ds(zone, k).toString()));
      km.put("ds-for-parent", dsKey);
    }
    return km;
  }

  private static DSRecord ds(Name zone, SigningKey k) {
    DNSKEYRecord key = k.dnskey();
    return new DSRecord(zone, key.getDClass(), key.getTTL(), DSRecord.Digest.SHA256, key);
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
