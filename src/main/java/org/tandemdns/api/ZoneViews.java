package org.tandemdns.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.config.ZoneConfigJson;
import org.tandemdns.config.ZoneType;
import org.tandemdns.dnssec.SignedZoneReport;
import org.tandemdns.events.SecondaryStatus;
import org.tandemdns.notify.NotifyStatus;
import org.tandemdns.propagation.ZonePropagation;
import org.tandemdns.zone.ZoneSnapshot;

/** JSON views of zones: the list row, and the full status ("where is my change?"). */
final class ZoneViews {
  private ZoneViews() {}

  static String kind(ZoneRegistry.Entry e) {
    return e.config().consumesCatalog() ? "catalog-consumer" : e.config().type() == ZoneType.SECONDARY ? "secondary"
        : e.config().producesCatalog() ? "catalog"
        : e.config().managed() ? "managed" : "file";
  }

  static Map<String, Object> summary(ZoneRegistry.Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    ZoneSnapshot s = e.served().snapshot();
    m.put("name", e.config().name().toString());
    m.put("type", e.config().type().name().toLowerCase(java.util.Locale.ROOT));
    m.put("kind", kind(e));
    m.put("source", e.source().name().toLowerCase(java.util.Locale.ROOT));
    m.put("serial", s == null ? null : s.serial());
    m.put("records", s == null ? 0 : s.recordCount());
    m.put("expired", e.served().expired());
    return m;
  }

  static Map<String, Object> status(ZoneRegistry.Entry e, List<NotifyStatus> notify, ZonePropagation propagation,
      org.tandemdns.change.FileZones.LastLoad lastLoad, SignedZoneReport dnssec) {
    return status(e, notify, propagation, lastLoad, dnssec, null, null);
  }

  /** As above, with what a consumed catalog gave ({@code consumed}) or the catalog a member comes from ({@code owner}). */
  static Map<String, Object> status(ZoneRegistry.Entry e, List<NotifyStatus> notify, ZonePropagation propagation,
      org.tandemdns.change.FileZones.LastLoad lastLoad, SignedZoneReport dnssec, org.tandemdns.CatalogConsumerStatus consumed,
      org.xbill.DNS.Name owner) {
    Map<String, Object> m = summary(e);
    if (consumed != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("serial", consumed.serial());
      c.put("members", consumed.members());
      c.put("version-problem", consumed.versionProblem());
      c.put("problems", consumed.problems());
      c.put("at", consumed.at().toString());
      m.put("catalog-consumer", c);
    }
    if (owner != null) {
      m.put("member-of", owner.toString());
    }
    if (dnssec != null) {
      m.put("dnssec", DnssecView.of(dnssec));
    }
    if (e.config().file() != null) {
      m.put("file", e.config().file().toString());
    }
    if (lastLoad != null) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("at", lastLoad.at().toString());
      l.put("ok", lastLoad.result().ok());
      l.put("changed", lastLoad.result().changed());
      l.put("serial", lastLoad.result().serial() < 0 ? null : lastLoad.result().serial());
      l.put("message", lastLoad.result().message());
      m.put("last-load", l);
    }
    if (e.served().expiresAt() != null) {
      m.put("expires-at", e.served().expiresAt().toString());
    }
    if (e.secondary() != null) {
      SecondaryStatus st = e.secondary().status();
      Map<String, Object> sec = new LinkedHashMap<>();
      sec.put("last-attempt", text(st.lastAttempt()));
      sec.put("last-success", text(st.lastSuccess()));
      sec.put("last-result", st.lastResult());
      sec.put("next-refresh", text(st.nextRefresh()));
      sec.put("expire-at", text(st.expireAt()));
      sec.put("refreshing", st.refreshing());
      List<Object> primaries = new ArrayList<>();
      for (SecondaryStatus.PrimaryState p : st.primaries()) {
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("primary", p.primary());
        pm.put("last-good", p.lastGood());
        pm.put("failing-until", text(p.failingUntil()));
        primaries.add(pm);
      }
      sec.put("primaries", primaries);
      m.put("refresh", sec);
    }
    List<Object> n = new ArrayList<>();
    for (NotifyStatus ns : notify) {
      Map<String, Object> nm = new LinkedHashMap<>();
      nm.put("target", ns.target());
      nm.put("key", ns.key());
      nm.put("serial", ns.serial());
      nm.put("state", ns.state().name().toLowerCase(java.util.Locale.ROOT));
      nm.put("since", text(ns.since()));
      nm.put("attempts", ns.attempts());
      nm.put("last-error", ns.lastError());
      n.add(nm);
    }
    m.put("notify", n);
    m.put("propagation", propagation(propagation));
    m.put("settings", ZoneConfigJson.toMap(e.config()));
    return m;
  }

  private static Map<String, Object> propagation(ZonePropagation p) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> ds = new ArrayList<>();
    for (ZonePropagation.Downstream d : p.downstreams()) {
      Map<String, Object> dm = new LinkedHashMap<>();
      dm.put("downstream", d.downstream());
      dm.put("serial", d.serial() < 0 ? null : d.serial());
      dm.put("lag", d.lag() < 0 ? null : d.lag());
      dm.put("learned", text(d.learned()));
      dm.put("how", d.how());
      ds.add(dm);
    }
    m.put("downstreams", ds);
    List<Object> cs = new ArrayList<>();
    for (ZonePropagation.Change c : p.changes()) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("serial", c.serial());
      cm.put("committed", c.committed().toString());
      cm.put("reached-ms", c.reachedMillis());
      cs.add(cm);
    }
    m.put("changes", cs);
    return m;
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }
}
