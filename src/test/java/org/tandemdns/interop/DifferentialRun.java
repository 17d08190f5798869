package org.tandemdns.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Tallies one differential run: questions compared, deliberate differences, mismatches with both answers. */
final class DifferentialRun {

  private final String candidate;
  private final List<DeliberateDifference> deliberateDifferences;
  private final List<String> mismatches = new ArrayList<>();
  private final Map<String, Integer> knotRcodes = new TreeMap<>();
  private int compared;
  private int deliberate;
  private int tcp;

  DifferentialRun(String candidate, List<DeliberateDifference> deliberateDifferences) {
    this.candidate = candidate;
    this.deliberateDifferences = List.copyOf(deliberateDifferences);
  }

  /** The deliberate difference that covers {@code q}, if any. */
  Optional<DeliberateDifference> deliberateFor(DifferentialQuestion q) {
    return deliberateDifferences.stream().filter(d -> d.applies().test(q)).findFirst();
  }

  void matched(DifferentialQuestion q, String knotRcode, boolean viaDeliberateDifference) {
    count(q, knotRcode);
    if (viaDeliberateDifference) {
      deliberate++;
    }
  }

  void mismatch(DifferentialQuestion q, String knotRcode, List<String> differences, String knot, String other) {
    count(q, knotRcode);
    StringBuilder s = new StringBuilder();
    s.append("#").append(q.index()).append(' ').append(q).append('\n');
    differences.forEach(d -> s.append("  - ").append(d).append('\n'));
    s.append("  --- knot ---\n").append(indent(knot));
    s.append("  --- ").append(candidate).append(" ---\n").append(indent(other));
    mismatches.add(s.toString());
  }

  private void count(DifferentialQuestion q, String knotRcode) {
    compared++;
    knotRcodes.merge(knotRcode, 1, Integer::sum);
    if (q.options().tcp()) {
      tcp++;
    }
  }

  List<String> mismatches() {
    return mismatches;
  }

  String summary(int zones, int questions) {
    StringBuilder table = new StringBuilder();
    for (DeliberateDifference d : deliberateDifferences) {
      table.append("\n  deliberate: ").append(d.pattern()).append("\n    because ").append(d.reason());
    }
    return String.format(
        "Differential knot vs %s: %d zones, %d questions, %d exchanges compared (%d over TCP), "
            + "%d matched through a deliberate difference, %d mismatches; knot's RCODEs %s",
        candidate, zones, questions, compared, tcp, deliberate, mismatches.size(), knotRcodes)
        + table;
  }

  private static String indent(String text) {
    return ("    " + text.strip().replace("\n", "\n    ")) + "\n";
  }
}
