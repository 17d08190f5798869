package org.tandemdns.monitor;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.tandemdns.monitor.check.CheckReport;
import org.tandemdns.monitor.check.Health;
import org.tandemdns.monitor.check.NameserverReport;

/**
 * The conditions one check found, with what cannot be known this time (a server that did not
 * answer has an unknown lag and drift, which therefore neither appear nor recover).
 *
 * @param zone the zone
 * @param present the conditions found, each with a message
 * @param unknown conditions whose state this check could not see
 * @param serials SOA serial per nameserver address, where known
 * @param nsSet the zone's NS RRset, if read
 */
record Observation(
    String zone, Map<Condition, String> present, Predicate<Condition> unknown, Map<String, Long> serials, Optional<List<String>> nsSet) {

  /** What {@code report} shows. */
  static Observation of(CheckReport report) {
    String zone = report.zone();
    Map<Condition, String> present = new LinkedHashMap<>();
    Map<String, Long> serials = new HashMap<>();
    java.util.Set<Condition> unknown = new java.util.HashSet<>();
    for (NameserverReport s : report.nameservers()) {
      String ns = s.label();
      if (s.health() != Health.OK) {
        String kind = s.health() == Health.LAME ? "lame" : "unreachable";
        present.put(new Condition(zone, kind, ns), s.problem());
      }
      if (s.serial() != null) {
        serials.put(ns, s.serial());
      }
      if (s.lag() == null) {
        unknown.add(new Condition(zone, "lag", ns));
      } else if (s.lag() != 0) {
        present.put(new Condition(zone, "lag", ns),
            s.lag() > 0 ? "serial " + s.serial() + " is " + s.lag() + " behind " + report.newestSerial()
                : "serial " + s.serial() + " is " + (-s.lag()) + " ahead of " + report.newestSerial());
      }
      if (s.content().equals("none")) {
        unknown.add(new Condition(zone, "drift", ns));
      } else if (s.contentDiffers()) {
        present.put(new Condition(zone, "drift", ns),
            rrsets(s.drifted(), "differ", "differs") + " from the reference"
                + (s.ttlDifferences() > 0 ? ", " + rrsets(s.ttlDifferences(), "have", "has") + " another TTL" : ""));
      }
    }
    if (report.reference().noMajority()) {
      present.put(new Condition(zone, "no-majority", null), "no majority: " + report.reference().problem());
    }
    if (report.delegation() != null && !report.delegation().consistent()) {
      present.put(new Condition(zone, "delegation", null), report.delegation().problem() != null
          ? report.delegation().problem() : "delegation at " + report.delegation().parent() + " differs from the zone");
    }
    Optional<List<String>> ns = report.nsSet().isEmpty() ? Optional.empty() : Optional.of(report.nsSet());
    return new Observation(zone, present, unknown::contains, serials, ns);
  }

  private static String rrsets(int n, String plural, String singular) {
    return n == 1 ? "1 RRset " + singular : n + " RRsets " + plural;
  }

  /** A check that could not run at all: everything else is unknown. */
  static Observation failed(String zone, String why) {
    return new Observation(zone, Map.of(new Condition(zone, "check-failed", null), why), c -> true, Map.of(), Optional.empty());
  }
}
