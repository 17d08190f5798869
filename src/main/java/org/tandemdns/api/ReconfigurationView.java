package org.tandemdns.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.Reconfiguration;
import org.tandemdns.config.ConfigChanges;

/** The JSON of {@code POST /api/v1/reload?config=true}: what re-reading the configuration changed. */
final class ReconfigurationView {
  private ReconfigurationView() {}

  static Map<String, Object> of(Reconfiguration r) {
    ConfigChanges c = r.changes();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("applied", r.problems().isEmpty());
    m.put("summary", c.summary());
    m.put("added", c.added().stream().map(z -> z.name().toString()).toList());
    m.put("removed", c.removed().stream().map(Object::toString).toList());
    m.put("changed", c.changed().stream().map(z -> Map.of("zone", z.after().name().toString(), "keys", z.keys())).toList());
    m.put("keys", c.keys());
    m.put("needRestart", c.needRestart());
    m.put("problems", r.problems());
    m.put("loads", r.loads().stream().map(ZoneRoutes::reloadView).toList());
    return m;
  }

}
