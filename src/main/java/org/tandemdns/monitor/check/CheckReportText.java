package org.tandemdns.monitor.check;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link CheckReport} for a person: one table row per nameserver address, then the drift. */
public final class CheckReportText {

  private CheckReportText() {}

  /** Writes {@code r} to {@code out}. */
  public static void render(CheckReport r, PrintWriter out) {
    out.printf("Zone %s, checked %s in %d ms%n", r.zone(), r.checkedAt(), r.elapsedMillis());
    ReferenceReport ref = r.reference();
    out.printf("Reference: %s: %s%s%n", ref.source(), ref.description(),
        ref.problem() != null ? " (" + ref.problem() + ")"
            : ref.serial() != null ? " (serial " + ref.serial() + ", " + ref.rrsets() + " RRsets)" : "");
    if (!r.nsSet().isEmpty()) {
      out.printf("NS RRset: %s%n", String.join(" ", r.nsSet()));
    }
    out.println();
    table(r, out);
    notes(r, out);
    drift(r, out);
    ttl(r, out);
    delegation(r, out);
    out.printf("%nResult: %s (exit %d)%n", r.verdict(), r.exitCode());
    out.flush();
  }

  private static void table(CheckReport r, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAMESERVER", "ADDRESS", "HEALTH", "REACHABLE", "SERIAL", "LAG", "RTT", "CONTENT", "DRIFTED", "TTL"});
    for (NameserverReport s : r.nameservers()) {
      rows.add(new String[] {
        s.name(), s.address(), s.health().name().toLowerCase(Locale.ROOT), s.reachable(), text(s.serial()), lag(s.lag()),
        s.udpMillis() != null ? s.udpMillis() + " ms" : s.tcpMillis() != null ? s.tcpMillis() + " ms" : "-",
        s.content(), s.content().equals("none") ? "-" : String.valueOf(s.drifted()),
        s.content().equals("none") ? "-" : String.valueOf(s.ttlDifferences())
      });
    }
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        sb.append(i == row.length - 1 ? row[i] : String.format("%-" + (width[i] + 2) + "s", row[i]));
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  private static void notes(CheckReport r, PrintWriter out) {
    boolean header = false;
    for (NameserverReport s : r.nameservers()) {
      List<String> lines = new ArrayList<>();
      if (s.problem() != null) {
        lines.add(s.problem());
      }
      if (!s.content().equals("axfr") && !s.content().equals("reference") && s.contentDetail() != null) {
        lines.add(s.contentDetail());
      }
      for (String line : lines) {
        if (!header) {
          out.printf("%nNotes:%n");
          header = true;
        }
        out.printf("  %s: %s%n", s.label(), line);
      }
    }
  }

  private static void drift(CheckReport r, PrintWriter out) {
    Map<String, List<String>> byRRset = new LinkedHashMap<>();
    for (NameserverReport s : r.nameservers()) {
      for (Difference d : s.differences()) {
        if (d.isDrift()) {
          byRRset.computeIfAbsent(d.owner() + " " + d.type(), k -> new ArrayList<>()).add(s.label() + ": " + describe(d));
        }
      }
    }
    out.printf("%nDrift: %s%n", byRRset.isEmpty() ? "none" : byRRset.size() + " RRsets differ from the reference");
    byRRset.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      out.printf("  %s%n", e.getKey());
      e.getValue().forEach(line -> out.printf("    %s%n", line));
    });
  }

  private static String describe(Difference d) {
    return switch (d.kind()) {
      case "missing" -> "missing here; reference has " + String.join(" | ", d.expected());
      case "unexpected" -> "present here only: " + String.join(" | ", d.actual());
      default -> "different value: has " + (d.actual().isEmpty() ? "(nothing else)" : String.join(" | ", d.actual()))
          + "; reference has " + (d.expected().isEmpty() ? "(nothing else)" : String.join(" | ", d.expected()));
    };
  }

  private static void ttl(CheckReport r, PrintWriter out) {
    List<String> lines = new ArrayList<>();
    for (NameserverReport s : r.nameservers()) {
      for (Difference d : s.differences()) {
        if (!d.isDrift()) {
          lines.add(String.format("  %s %s  %s: TTL %d, reference %d", d.owner(), d.type(), s.label(), d.actualTtl(), d.expectedTtl()));
        }
      }
    }
    if (!lines.isEmpty()) {
      out.printf("%nTTL differences (same data):%n");
      lines.forEach(out::println);
    }
  }

  private static void delegation(CheckReport r, PrintWriter out) {
    DelegationReport d = r.delegation();
    if (d == null) {
      return;
    }
    out.printf("%nDelegation at parent %s: ", d.parent());
    if (d.problem() != null) {
      out.printf("not read (%s)%n", d.problem());
      return;
    }
    out.printf("%s%n", d.consistent() ? "matches the zone" : "differs from the zone");
    out.printf("  parent NS: %s%n  zone NS:   %s%n", String.join(" ", d.parentNs()), String.join(" ", d.zoneNs()));
    d.onlyAtParent().forEach(n -> out.printf("  only at parent: %s%n", n));
    d.onlyInZone().forEach(n -> out.printf("  only in zone:   %s%n", n));
    d.glueMismatches().forEach(g -> out.printf("  glue differs: %s%n", g));
  }

  private static String text(Long v) {
    return v == null ? "-" : String.valueOf(v);
  }

  private static String lag(Long lag) {
    if (lag == null) {
      return "-";
    }
    return lag < 0 ? "ahead " + (-lag) : String.valueOf(lag);
  }
}
