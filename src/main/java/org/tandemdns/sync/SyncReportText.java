package org.tandemdns.sync;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.tandemdns.zone.compare.CanonicalRRset;
import org.tandemdns.zone.compare.CanonicalRdata;

/**
 * The report as text for a terminal: per zone and target, the changes ({@code +} create, {@code ~}
 * update with its old and new records, {@code -} delete), what cannot be pushed ({@code !}), then
 * what the apply and the verification did, and a summary naming the targets that failed.
 */
public final class SyncReportText {
  /** Changes listed per target; the JSON report lists them all. */
  static final int MAX_LISTED = 200;

  private SyncReportText() {}

  public static void render(SyncReport report, List<String> providers, PrintWriter out) {
    int[] counts = new int[TargetReport.Status.values().length];
    for (ZoneReport z : report.zones()) {
      out.printf("Zone %s from %s%s%n", z.zone(), z.source(), z.sourceRRsets() < 0 ? "" : " (" + z.sourceRRsets() + " RRsets)");
      for (TargetReport t : z.targets()) {
        counts[t.status().ordinal()]++;
        out.printf("  %s: %s%n", t.target(), t.description());
        target(t, out);
      }
      out.println();
    }
    StringBuilder summary = new StringBuilder();
    for (TargetReport.Status s : TargetReport.Status.values()) {
      if (counts[s.ordinal()] > 0) {
        summary.append(summary.length() == 0 ? "" : ", ").append(counts[s.ordinal()]).append(' ').append(word(s));
      }
    }
    out.println("Summary: " + (summary.length() == 0 ? "no targets" : summary));
    int exit = report.exitCode(providers);
    if (!report.failedTargets().isEmpty()) {
      out.println("Needs attention: " + String.join(", ", report.failedTargets()) + " (exit " + exit + ")");
    } else {
      out.println("Exit " + exit);
    }
    out.flush();
  }

  private static void target(TargetReport t, PrintWriter out) {
    if (t.error() != null) {
      out.println("    FAILED: " + t.error());
      return;
    }
    ZonePlan p = t.plan();
    p.notes().forEach(n -> out.println("    note: " + n));
    if (p.isEmpty()) {
      out.println("    in sync (" + p.existing() + " RRsets compared)");
    } else {
      out.printf(Locale.ROOT, "    %d to create, %d to update, %d to delete (%d of %d RRsets updated or deleted: %s)%n",
          p.creates(), p.updates(), p.deletes(), p.updates() + p.deletes(), p.existing(), Safety.percent(p.destructiveShare()));
      int listed = 0;
      for (RRsetChange c : p.changes()) {
        if (listed++ == MAX_LISTED) {
          out.println("    ... and " + (p.changes().size() - MAX_LISTED) + " more (--json lists them all)");
          break;
        }
        change(c, out);
      }
    }
    for (ZonePlan.Unsupported u : p.unsupported()) {
      out.println("    ! " + u.key() + ": not pushed (" + u.reason() + ")");
    }
    p.refusal().ifPresent(r -> out.println("    REFUSED: " + r));
    Applied a = t.applied();
    if (a != null) {
      String batches = plural(a.batches(), "batch");
      if (a.complete()) {
        out.printf("    applied: %s in %s, %d ms%n", plural(a.changesDone(), "change"), batches, a.elapsed().toMillis());
      } else {
        out.printf("    FAILED after %d of %s (%s applied): %s%s%n", a.batchesDone(), batches, plural(a.changesDone(), "change"),
            a.error().orElseThrow(), a.atomic() ? "; the failed batch changed nothing" : "");
      }
    }
    Verification v = t.verification();
    if (v != null) {
      String skipped = v.skipped() > 0 ? ", " + v.skipped() + " not verifiable by query" : "";
      switch (v.outcome()) {
        case SERVED -> out.printf("    verified: served by every nameserver after %d ms (%d RRsets queried%s)%n",
            v.elapsed().toMillis(), v.checked(), skipped);
        case TIMED_OUT -> {
          out.printf("    NOT SERVED within %d ms:%n", v.elapsed().toMillis());
          v.pending().stream().limit(20).forEach(x -> out.println("      " + x));
        }
        case NOT_VERIFIED -> out.println("    not verified: " + v.note());
      }
    }
  }

  private static void change(RRsetChange c, PrintWriter out) {
    if (c instanceof RRsetChange.Create create) {
      records("    + ", create.desired(), out);
    } else if (c instanceof RRsetChange.Update u) {
      out.println("    ~ " + u.key());
      if (u.current() != null) {
        records("        - ", u.current(), out);
      }
      records("        + ", u.desired(), out);
    } else if (c.current() != null) {
      records("    - ", c.current(), out);
    } else {
      out.println("    - " + c.key());
    }
  }

  private static void records(String prefix, CanonicalRRset set, PrintWriter out) {
    for (CanonicalRdata r : set.rdatas()) {
      out.println(prefix + set.key().owner() + " " + set.ttl() + " " + set.key().typeName() + " " + r.text());
    }
  }

  private static String plural(long n, String word) {
    return n + " " + (n == 1 ? word : word.endsWith("h") ? word + "es" : word + "s");
  }

  private static String word(TargetReport.Status s) {
    return switch (s) {
      case IN_SYNC -> "in sync";
      case PLANNED -> "with changes to apply";
      case REFUSED -> "refused";
      case APPLIED -> "applied";
      case FAILED -> "failed";
      case NOT_SERVED -> "not serving the changes in time";
    };
  }
}
