package org.tandemdns.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found while reading a configuration, gathered so that one run names them all
 * ({@code tandem check-config}); {@code tandem serve} refuses to start with any of them.
 */
final class ConfigProblems {
  private final List<String> problems = new ArrayList<>();

  void add(String problem) {
    problems.add(problem);
  }

  /** The problems, those of {@code file} in line order (a stable sort: one line's keep their order), then the others. */
  List<String> inLineOrder(java.nio.file.Path file) {
    String prefix = file + ":";
    List<String> out = new ArrayList<>(problems);
    out.sort(java.util.Comparator.comparingInt(f -> lineIn(f, prefix)));
    return List.copyOf(out);
  }

  /** Throws one exception naming every problem, one per line, in line order. */
  void throwIfAny(java.nio.file.Path file) throws ConfigException {
    if (!problems.isEmpty()) {
      throw new ConfigException(String.join("\n", inLineOrder(file)));
    }
  }

  private static int lineIn(String problem, String prefix) {
    if (!problem.startsWith(prefix)) {
      return Integer.MAX_VALUE;
    }
    int end = problem.indexOf(':', prefix.length());
    try {
      return end < 0 ? Integer.MAX_VALUE : Integer.parseInt(problem.substring(prefix.length(), end));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
