package org.tandemdns.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.tandemdns.monitor.check.CheckReport;
import org.tandemdns.monitor.check.Health;
import org.tandemdns.monitor.check.NameserverReport;

/**
 * Prometheus metrics of the monitor, per zone and nameserver address (tags {@code zone},
 * {@code nameserver}, {@code address}):
 *
 * <ul>
 *   <li>{@code tandem_monitor_serial}: SOA serial served (NaN when unknown);
 *   <li>{@code tandem_monitor_lag}: serial increments behind the reference (NaN when unknown);
 *   <li>{@code tandem_monitor_drifted_rrsets}: RRsets differing from the reference;
 *   <li>{@code tandem_monitor_reachable}: 1 if it answered over UDP and TCP, else 0;
 *   <li>{@code tandem_monitor_authoritative}: 1 if it answered authoritatively, else 0;
 * </ul>
 *
 * and per zone {@code tandem_monitor_checks_total} (tag {@code result}) and
 * {@code tandem_monitor_last_check_seconds} (Unix time of the last completed check).
 */
final class MonitorMetrics {

  private static final long UNKNOWN = Long.MIN_VALUE;

  private final MeterRegistry registry;
  private final Map<Tags, Map<String, AtomicLong>> servers = new HashMap<>();
  private final Map<Tags, List<Gauge>> gauges = new HashMap<>();
  private final Map<String, AtomicLong> lastCheck = new HashMap<>();

  MonitorMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records one completed check. */
  synchronized void record(CheckReport r, Instant at) {
    Set<Tags> seen = new HashSet<>();
    for (NameserverReport s : r.nameservers()) {
      Tags tags = Tags.of("zone", r.zone(), "nameserver", s.name(), "address", s.address());
      seen.add(tags);
      Map<String, AtomicLong> v = servers.computeIfAbsent(tags, this::register);
      v.get("serial").set(s.serial() == null ? UNKNOWN : s.serial());
      v.get("lag").set(s.lag() == null ? UNKNOWN : s.lag());
      v.get("drifted.rrsets").set(s.content().equals("none") ? UNKNOWN : s.drifted());
      v.get("reachable").set(s.reachable().equals("udp+tcp") ? 1 : 0);
      v.get("authoritative").set(s.serial() != null && s.health() != Health.LAME ? 1 : 0);
    }
    servers.keySet().stream()
        .filter(t -> r.zone().equals(t.stream().filter(x -> x.getKey().equals("zone")).findFirst().orElseThrow().getValue()))
        .filter(t -> !seen.contains(t))
        .toList()
        .forEach(this::unregister);
    Counter.builder("tandem.monitor.checks").tags("zone", r.zone(), "result", r.verdict()).register(registry).increment();
    lastCheck.computeIfAbsent(r.zone(), z -> {
      AtomicLong t = new AtomicLong();
      Gauge.builder("tandem.monitor.last.check", t, AtomicLong::doubleValue).tags("zone", z).baseUnit("seconds").register(registry);
      return t;
    }).set(at.getEpochSecond());
  }

  /** Records a check that could not run. */
  synchronized void failed(String zone) {
    Counter.builder("tandem.monitor.checks").tags("zone", zone, "result", "check failed").register(registry).increment();
  }

  private Map<String, AtomicLong> register(Tags tags) {
    Map<String, AtomicLong> values = new HashMap<>();
    List<Gauge> list = new java.util.ArrayList<>();
    for (String name : List.of("serial", "lag", "drifted.rrsets", "reachable", "authoritative")) {
      AtomicLong value = new AtomicLong(UNKNOWN);
      values.put(name, value);
      list.add(Gauge.builder("tandem.monitor." + name, value, v -> v.get() == UNKNOWN ? Double.NaN : v.get())
          .tags(tags).strongReference(true).register(registry));
    }
    gauges.put(tags, list);
    return values;
  }

  private void unregister(Tags tags) {
    servers.remove(tags);
    gauges.remove(tags).forEach(registry::remove);
  }
}
