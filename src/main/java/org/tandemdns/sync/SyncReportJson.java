package org.tandemdns.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.zone.compare.CanonicalRRset;

/** The report as JSON, for scripts: every change, every target's status and messages, and the exit code. */
public final class SyncReportJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SyncReportJson() {}

  public static String toJson(SyncReport report, List<String> providers) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", report.applied() ? "apply" : "plan");
    List<Object> zones = new ArrayList<>();
    for (ZoneReport z : report.zones()) {
      Map<String, Object> zm = new LinkedHashMap<>();
      zm.put("zone", z.zone().toString());
      zm.put("source", z.source());
      zm.put("source-rrsets", z.sourceRRsets() < 0 ? null : z.sourceRRsets());
      zm.put("targets", z.targets().stream().map(SyncReportJson::target).toList());
      zones.add(zm);
    }
    m.put("zones", zones);
    m.put("failed", report.failedTargets());
    m.put("exit-code", report.exitCode(providers));
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report", e);
    }
  }

  private static Map<String, Object> target(TargetReport t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", t.target());
    m.put("provider", t.description());
    m.put("status", t.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    m.put("error", t.error());
    ZonePlan p = t.plan();
    if (p != null) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("creates", p.creates());
      pm.put("updates", p.updates());
      pm.put("deletes", p.deletes());
      pm.put("existing", p.existing());
      pm.put("refused", p.refusal().orElse(null));
      pm.put("changes", p.changes().stream().map(SyncReportJson::change).toList());
      pm.put("unsupported", p.unsupported().stream()
          .map(u -> Map.of("name", u.key().owner().toString(), "type", u.key().typeName(), "reason", u.reason())).toList());
      pm.put("notes", p.notes());
      m.put("plan", pm);
    }
    Applied a = t.applied();
    if (a != null) {
      Map<String, Object> am = new LinkedHashMap<>();
      am.put("batches", a.batches());
      am.put("batches-done", a.batchesDone());
      am.put("changes-done", a.changesDone());
      am.put("ms", a.elapsed().toMillis());
      am.put("error", a.error().orElse(null));
      m.put("apply", am);
    }
    Verification v = t.verification();
    if (v != null) {
      Map<String, Object> vm = new LinkedHashMap<>();
      vm.put("outcome", v.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      vm.put("ms", v.elapsed().toMillis());
      vm.put("checked", v.checked());
      vm.put("skipped", v.skipped());
      vm.put("pending", v.pending());
      vm.put("note", v.note());
      m.put("verify", vm);
    }
    return m;
  }

  private static Map<String, Object> change(RRsetChange c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", c.verb());
    m.put("name", c.key().owner().toString());
    m.put("type", c.key().typeName());
    m.put("before", set(c.current()));
    m.put("after", set(c.desired()));
    return m;
  }

  private static Map<String, Object> set(CanonicalRRset s) {
    if (s == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ttl", s.ttl());
    m.put("records", s.texts());
    return m;
  }
}
