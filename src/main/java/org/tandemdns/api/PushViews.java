package org.tandemdns.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.sync.push.PushStatus;
import org.tandemdns.zone.ZoneSnapshot;

/** {@code GET /api/v1/zones/{zone}/push}: where continuous push of the zone stands, per target. */
final class PushViews {
  private PushViews() {}

  static Map<String, Object> status(ZoneRegistry.Entry zone, List<PushStatus> targets) {
    Map<String, Object> m = new LinkedHashMap<>();
    ZoneSnapshot s = zone.served().snapshot();
    m.put("zone", zone.config().name().toString());
    m.put("serial", s == null ? null : s.serial());
    List<Object> out = new ArrayList<>();
    for (PushStatus t : targets) {
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("target", t.target());
      tm.put("provider", t.provider());
      tm.put("state", t.state());
      tm.put("pushed-serial", t.pushedSerial());
      tm.put("pending-since", text(t.pendingSince()));
      tm.put("last-attempt", text(t.lastAttempt()));
      tm.put("last-success", text(t.lastSuccess()));
      tm.put("failures", t.failures());
      tm.put("next-attempt", text(t.nextAttempt()));
      tm.put("last-result", t.lastResult());
      tm.put("last-error", t.lastError());
      out.add(tm);
    }
    m.put("targets", out);
    return m;
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }
}
