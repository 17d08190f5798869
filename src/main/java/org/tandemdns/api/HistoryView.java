package org.tandemdns.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.store.HistoryEntry;
import org.tandemdns.store.StoreException;
import org.xbill.DNS.Record;

/**
 * {@code GET /api/v1/zones/{zone}/history?limit=N&before=SEQ}: the zone's audit history, newest
 * first, each change with when, who (via, token or key, address) and its diff; {@code next} is the
 * {@code before} that reads the page after this one. As long as the zone's journal.
 */
final class HistoryView {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;

  private HistoryView() {}

  static void respond(Exchange ex, ZoneRegistry registry, ZoneRegistry.Entry zone) throws ApiException {
    int limit = (int) intParam(ex, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    long before = intParam(ex, "before", 0, 0, Long.MAX_VALUE);
    List<HistoryEntry> entries;
    try {
      entries = registry.history(zone.config().name(), limit, before);
    } catch (StoreException e) {
      throw new ApiException(503, "the history cannot be read: " + e.getMessage());
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (HistoryEntry h : entries) {
      out.add(entry(h));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("zone", zone.config().name().toString());
    body.put("history", out);
    body.put("next", entries.size() == limit ? entries.get(entries.size() - 1).seq() : null);
    ex.respondJson(200, body);
  }

  static Map<String, Object> entry(HistoryEntry h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", h.seq());
    m.put("at", h.at().toString());
    m.put("serial-from", h.diff().fromSerial());
    m.put("serial-to", h.diff().toSerial());
    m.put("via", h.actor().via());
    m.put("who", h.actor().who());
    m.put("address", h.actor().address());
    m.put("deleted", texts(h.diff().deleted()));
    m.put("added", texts(h.diff().added()));
    return m;
  }

  private static List<String> texts(List<Record> records) {
    return records.stream().map(Record::toString).toList();
  }

  private static long intParam(Exchange ex, String name, long dflt, long min, long max) throws ApiException {
    String v = ex.queryParam(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("'" + name + "' must be a whole number from " + min + " to " + max + ", not '" + v + "'");
    }
  }
}
