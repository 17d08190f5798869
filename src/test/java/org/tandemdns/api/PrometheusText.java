package org.tandemdns.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A small parser of the Prometheus text exposition format (version 0.0.4): {@code # HELP} and
 * {@code # TYPE} lines, and samples {@code name{label="value",...} value}, with label values
 * escaped as \\, \" and \n. Strict: a line it cannot read fails the test.
 */
final class PrometheusText {
  /** One sample. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;
  private final Map<String, String> types;

  private PrometheusText(List<Sample> samples, Map<String, String> types) {
    this.samples = samples;
    this.types = types;
  }

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        String[] f = line.substring(7).trim().split(" ");
        if (f.length != 2) {
          throw new AssertionError("line " + n + ": bad TYPE line: " + line);
        }
        types.put(f[0], f[1]);
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      samples.add(sample(line, n));
    }
    return new PrometheusText(samples, types);
  }

  private static Sample sample(String line, int n) {
    int i = 0;
    while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_' || line.charAt(i) == ':')) {
      i++;
    }
    if (i == 0) {
      throw new AssertionError("line " + n + ": no metric name: " + line);
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String key = line.substring(i, eq);
        if (line.charAt(eq + 1) != '"') {
          throw new AssertionError("line " + n + ": label value not quoted: " + line);
        }
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char e = line.charAt(++j);
            value.append(e == 'n' ? '\n' : e);
          } else {
            value.append(c);
          }
        }
        labels.put(key, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    String[] rest = line.substring(i).trim().split(" ");
    double value = switch (rest[0]) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(rest[0]);
    };
    return new Sample(name, Map.copyOf(labels), value);
  }

  List<Sample> samples() {
    return samples;
  }

  /** The declared type of a metric family ({@code counter}, {@code gauge}, {@code histogram}...), if any. */
  Optional<String> type(String family) {
    return Optional.ofNullable(types.get(family));
  }

  /** The sample {@code name} whose labels include all of {@code labels}; fails unless exactly one matches. */
  double value(String name, String... labels) {
    List<Sample> found = matching(name, labels);
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " samples of " + name + " " + List.of(labels) + ": " + found);
    }
    return found.get(0).value();
  }

  /** The value as {@link #value}, or 0 when no sample matches (a counter not yet created). */
  double valueOrZero(String name, String... labels) {
    List<Sample> found = matching(name, labels);
    return found.isEmpty() ? 0 : value(name, labels);
  }

  /** The sum of every sample {@code name} whose labels include {@code labels}. */
  double sum(String name, String... labels) {
    return matching(name, labels).stream().mapToDouble(Sample::value).sum();
  }

  List<Sample> matching(String name, String... labels) {
    Predicate<Sample> p = s -> s.name().equals(name);
    for (int k = 0; k + 1 < labels.length; k += 2) {
      String key = labels[k];
      String value = labels[k + 1];
      p = p.and(s -> value.equals(s.labels().get(key)));
    }
    return samples.stream().filter(p).toList();
  }
}
