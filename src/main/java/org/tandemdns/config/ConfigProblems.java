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

  void add(ConfigException e) {
    problems.add(e.getMessage());
  }

  boolean any() {
    return !problems.isEmpty();
  }

  List<String> list() {
    return List.copyOf(problems);
  }

  /** Throws one exception naming every problem, one per line. */
  void throwIfAny() throws ConfigException {
    if (!problems.isEmpty()) {
      throw new ConfigException(String.join("\n", problems));
    }
  }
}
