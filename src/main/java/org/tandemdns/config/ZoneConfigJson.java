package org.tandemdns.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a zone's settings in the config file's shape (kebab-case keys, values as an operator would
 * write them), so that {@link ConfigLoader#readZone} reads them back unchanged. Used to keep the
 * settings of API-created zones in the store, and by the API to show them.
 */
public final class ZoneConfigJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ZoneConfigJson() {}

  public static Map<String, Object> toMap(ZoneConfig z) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", z.name().toString());
    m.put("type", z.consumesCatalog() ? "catalog-consumer" : z.type().name().toLowerCase(java.util.Locale.ROOT));
    if (z.file() != null) {
      m.put("file", z.file().toString());
    }
    if (!z.primaries().isEmpty()) {
      m.put("primaries", z.primaries().stream().map(Remote::toString).toList());
      m.put("allow-notify", z.allowNotify().stream().map(Object::toString).toList());
      m.put("timers", timers(z.timers()));
      m.put("transfer-limits", limits(z.transferLimits()));
    }
    m.put("notify", z.notifyTargets().stream().map(Remote::toString).toList());
    m.put("notify-ns", z.notifyNs());
    m.put("allow-transfer", z.allowTransfer().stream().map(Object::toString).toList());
    if (z.type() == ZoneType.PRIMARY) {
      m.put("allow-update", z.allowUpdate().stream().map(Object::toString).toList());
      m.put("serial-policy", z.serialPolicy().name().toLowerCase(java.util.Locale.ROOT));
    }
    m.put("journal-max-entries", z.journalMaxEntries());
    m.put("journal-max-bytes", z.journalMaxBytes());
    if (!z.pushTo().isEmpty()) {
      m.put("push-to", z.pushTo());
    }
    if (z.dnssec() != null) {
      Map<String, Object> d = new java.util.LinkedHashMap<>();
      d.put("policy", z.dnssec().policy());
      if (!z.dnssec().parentAgents().isEmpty()) {
        d.put("parent-agents", z.dnssec().parentAgents().stream().map(HostPort::toString).toList());
      }
      m.put("dnssec", d);
    }
    if (z.catalog() != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("zone", z.catalog().zone().toString());
      if (z.catalog().group() != null) {
        c.put("group", z.catalog().group());
      }
      if (z.catalog().movedFrom() != null) {
        c.put("moved-from", z.catalog().movedFrom().toString());
      }
      if (!z.catalog().ext().isEmpty()) {
        c.put("ext", z.catalog().ext());
      }
      m.put("catalog", c);
    }
    if (z.producesCatalog()) {
      m.put("produces-catalog", true);
    }
    if (z.consumesCatalog()) {
      Map<String, Object> members = new LinkedHashMap<>();
      members.put("template", template(z.members().template()));
      Map<String, Object> groups = new java.util.TreeMap<>();
      z.members().groups().forEach((g, t) -> groups.put(g, template(t)));
      members.put("groups", groups);
      members.put("removed-grace", seconds(z.members().removedGrace()));
      m.put("members", members);
    }
    return m;
  }

  private static Map<String, Object> template(MemberTemplate t) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!t.primaries().isEmpty()) {
      m.put("primaries", t.primaries().stream().map(Remote::toString).toList());
    }
    if (t.allowNotify() != null) {
      m.put("allow-notify", t.allowNotify().stream().map(Object::toString).toList());
    }
    m.put("allow-transfer", t.allowTransfer().stream().map(Object::toString).toList());
    m.put("notify", t.notifyTargets().stream().map(Remote::toString).toList());
    if (t.notifyNs() != null) {
      m.put("notify-ns", t.notifyNs());
    }
    if (t.timers() != null) {
      m.put("timers", timers(t.timers()));
    }
    if (t.transferLimits() != null) {
      m.put("transfer-limits", limits(t.transferLimits()));
    }
    return m;
  }

  public static String write(ZoneConfig z) {
    try {
      return JSON.writeValueAsString(toMap(z));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write zone settings", e);
    }
  }

  private static Map<String, Object> timers(RefreshTimers t) {
    return Map.of("refresh-min", seconds(t.refreshMin()), "refresh-max", seconds(t.refreshMax()), "retry-min",
        seconds(t.retryMin()), "retry-max", seconds(t.retryMax()));
  }

  private static Map<String, Object> limits(TransferLimitsConfig l) {
    return Map.of("records", l.records(), "bytes", l.bytes(), "timeout", seconds(l.timeout()));
  }

  private static String seconds(java.time.Duration d) {
    return d.toSeconds() + "s";
  }
}
