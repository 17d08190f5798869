package org.tandemdns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows of DESIGN.md, read from the sources (imports and qualified names, comments left out):
 * no cycle among the capability packages; the lowest ones ({@code zone}, {@code query},
 * {@code store}) depend on nothing above them; {@code change} never reaches the network or the
 * API; {@code sync} and {@code monitor} never reach into {@code server}; nothing below the API
 * knows the console or the CLI; only the CLI knows the assembly ({@code TandemServer}). The root
 * package holds the assembly and the zone registry the API and console read, so it is left out of
 * the cycle check.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/org/tandemdns");
  private static final Pattern REFERENCE = Pattern.compile("\\borg\\.tandemdns\\.([a-z][a-z0-9]*)\\b");
  private static final Pattern ASSEMBLY = Pattern.compile("\\bTandemServer\\b");
  private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
  private static final Map<String, Set<String>> DEPENDS = new TreeMap<>();
  private static final Map<String, Set<String>> ASSEMBLY_USERS = new TreeMap<>();

  @BeforeAll
  static void read() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path rel = MAIN.relativize(f.getParent());
        String pkg = rel.toString().isEmpty() ? "" : rel.getName(0).toString();
        String code = COMMENTS.matcher(Files.readString(f)).replaceAll("");
        Set<String> deps = DEPENDS.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            deps.add(m.group(1));
          }
        }
        if (!pkg.isEmpty() && ASSEMBLY.matcher(code).find()) {
          ASSEMBLY_USERS.computeIfAbsent(pkg, k -> new TreeSet<>()).add(f.getFileName().toString());
        }
      }
    }
  }

  @Test
  void theCapabilityPackagesHaveNoCycle() {
    List<List<String>> cycles = new ArrayList<>();
    for (String start : DEPENDS.keySet()) {
      if (start.isEmpty()) {
        continue;
      }
      List<String> path = cycleFrom(start);
      if (path != null && cycles.stream().noneMatch(c -> Set.copyOf(c).equals(Set.copyOf(path)))) {
        cycles.add(path);
      }
    }
    assertThat(cycles).as("package cycles (each a path back to its start)").isEmpty();
  }

  @Test
  void theLowestPackagesDependOnNothingAboveThem() {
    assertThat(DEPENDS.get("zone")).as("zone").isSubsetOf(Set.of());
    assertThat(DEPENDS.get("query")).as("query").isSubsetOf(Set.of("zone"));
    assertThat(DEPENDS.get("store")).as("store").isSubsetOf(Set.of("zone"));
    assertThat(DEPENDS.get("catalog")).as("catalog").isSubsetOf(Set.of("zone"));
  }

  @Test
  void theArrowsOfTheDesignHold() {
    assertThat(DEPENDS.get("change")).as("change: validate, persist, swap, announce; no network, no API")
        .doesNotContain("server", "xfr", "notify", "events", "dnsclient", "api", "ui", "cli", "sync", "monitor");
    assertThat(DEPENDS.get("sync")).as("sync talks DNS or HTTP as a client").doesNotContain("server", "api", "ui", "cli");
    assertThat(DEPENDS.get("monitor")).as("monitor talks DNS as a client").doesNotContain("server", "api", "ui", "cli", "change");
    assertThat(DEPENDS.get("api")).as("api").doesNotContain("ui", "cli");
    assertThat(DEPENDS.get("ui")).as("ui").doesNotContain("cli", "server");
    for (String low : List.of("zone", "query", "store", "change", "xfr", "notify", "server", "events", "security", "config")) {
      assertThat(DEPENDS.get(low)).as(low).doesNotContain("api", "ui", "cli");
    }
  }

  @Test
  void onlyTheCliKnowsTheAssembly() {
    assertThat(ASSEMBLY_USERS.keySet()).as("packages naming TandemServer: %s", ASSEMBLY_USERS).isSubsetOf(Set.of("cli"));
  }

  /** A shortest path from {@code start} back to itself through the named packages, or null. */
  private static List<String> cycleFrom(String start) {
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    for (String d : DEPENDS.getOrDefault(start, Set.of())) {
      if (!d.isEmpty() && DEPENDS.containsKey(d) && parent.putIfAbsent(d, start) == null) {
        queue.add(d);
      }
    }
    while (!queue.isEmpty()) {
      String at = queue.poll();
      if (at.equals(start)) {
        List<String> path = new ArrayList<>(List.of(start));
        for (String p = parent.get(start); !p.equals(start); p = parent.get(p)) {
          path.add(0, p);
        }
        path.add(0, start);
        return path;
      }
      for (String d : DEPENDS.getOrDefault(at, Set.of())) {
        if (!d.isEmpty() && DEPENDS.containsKey(d) && !parent.containsKey(d)) {
          parent.put(d, at);
          queue.add(d);
        }
      }
    }
    return null;
  }
}
