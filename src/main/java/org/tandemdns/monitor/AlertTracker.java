package org.tandemdns.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns successive observations into alerts on state changes only: a condition alerts when it
 * appears, once more if it is still there after the grace period, and when it recovers; never
 * again while nothing changes. Optionally also every SOA serial change and NS RRset change.
 *
 * <p>Pure state, no I/O; time comes in with each observation. Thread-safe.
 */
final class AlertTracker {

  private record Active(Instant since, boolean persistingSent) {}

  private final Duration grace;
  private final boolean serialChanges;
  private final boolean nsChanges;
  private final Map<Condition, Active> active = new HashMap<>();
  private final Map<String, Long> serials = new HashMap<>();
  private final Map<String, List<String>> nsSets = new HashMap<>();

  AlertTracker(Duration grace, boolean serialChanges, boolean nsChanges) {
    this.grace = grace;
    this.serialChanges = serialChanges;
    this.nsChanges = nsChanges;
  }

  /** The alerts {@code o}, seen at {@code now}, causes. */
  synchronized List<Alert> observe(Observation o, Instant now) {
    List<Alert> out = new ArrayList<>();
    String at = now.toString();
    for (Map.Entry<Condition, String> e : o.present().entrySet()) {
      Condition c = e.getKey();
      Active a = active.get(c);
      if (a == null) {
        active.put(c, new Active(now, false));
        out.add(alert(at, c, "appeared", e.getValue()));
      } else if (!a.persistingSent() && !now.isBefore(a.since().plus(grace))) {
        active.put(c, new Active(a.since(), true));
        out.add(alert(at, c, "persisting", e.getValue() + " (since " + a.since() + ")"));
      }
    }
    for (Iterator<Map.Entry<Condition, Active>> it = active.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Condition, Active> e = it.next();
      Condition c = e.getKey();
      if (c.zone().equals(o.zone()) && !o.present().containsKey(c) && !o.unknown().test(c)) {
        it.remove();
        out.add(alert(at, c, "recovered", "recovered after " + Duration.between(e.getValue().since(), now).toSeconds() + " s"));
      }
    }
    if (serialChanges) {
      o.serials().forEach((ns, serial) -> {
        Long before = serials.put(o.zone() + " " + ns, serial);
        if (before != null && !before.equals(serial)) {
          out.add(new Alert(at, o.zone(), "serial-change", "changed", ns, "serial " + before + " -> " + serial));
        }
      });
    }
    if (nsChanges && o.nsSet().isPresent()) {
      List<String> before = nsSets.put(o.zone(), o.nsSet().get());
      if (before != null && !before.equals(o.nsSet().get())) {
        out.add(new Alert(at, o.zone(), "ns-change", "changed", null,
            "NS RRset " + String.join(" ", before) + " -> " + String.join(" ", o.nsSet().get())));
      }
    }
    return out;
  }

  private static Alert alert(String at, Condition c, String state, String message) {
    return new Alert(at, c.zone(), c.kind(), state, c.nameserver(), message);
  }
}
