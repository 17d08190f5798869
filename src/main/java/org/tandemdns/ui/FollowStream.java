package org.tandemdns.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tandemdns.api.EventStream;
import org.tandemdns.monitor.check.CheckReport;
import org.tandemdns.monitor.check.NameserverReport;
import org.tandemdns.propagation.ZonePropagation;
import org.tandemdns.zone.SerialNumber;
import org.xbill.DNS.Name;

/**
 * "Where is my change": the events of one serial reaching each downstream secondary (seen by
 * Tandem as its IXFR request, transfer or SOA answer) and each nameserver the monitor checks.
 *
 * <pre>
 *   start --poll--> "targets" {serial, secondaries, nameservers}
 *   each poll: for every one newly holding the serial (or newer) --> "reached" {who, kind, serial, millis}
 *   all reached, or none to wait for --> "done" {serial, reached, of} --> end
 *   (the listener ends the stream after EventStream.MAX_SECONDS in any case)
 * </pre>
 */
final class FollowStream implements EventStream {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConsoleServices services;
  private final Name zone;
  private final long serial;
  private final Set<String> reached = new HashSet<>();
  private boolean started;
  private boolean done;

  FollowStream(ConsoleServices services, Name zone, long serial) {
    this.services = services;
    this.zone = zone;
    this.serial = serial;
  }

  @Override
  public List<String> poll() {
    List<String> events = new ArrayList<>();
    if (done) {
      return events;
    }
    ZonePropagation p = services.propagation().status(zone);
    Optional<CheckReport> report = services.monitor().flatMap(m -> m.latest(zone.toString()));
    List<String> secondaries = p.downstreams().stream().map(ZonePropagation.Downstream::downstream).toList();
    List<String> nameservers = report.map(r -> r.nameservers().stream().map(FollowStream::label).toList()).orElse(List.of());
    if (!started) {
      started = true;
      events.add(EventStream.event("targets", json(Map.of("serial", serial, "secondaries", secondaries, "nameservers", nameservers))));
    }
    if (serial < 0) {
      return finish(events, secondaries.size() + nameservers.size());
    }
    ZonePropagation.Change change = p.changes().stream().filter(c -> c.serial() == serial).findFirst().orElse(null);
    for (ZonePropagation.Downstream d : p.downstreams()) {
      boolean has = d.serial() >= 0 && !SerialNumber.isNewer(serial, d.serial());
      if (has && reached.add(d.downstream())) {
        Long ms = change == null ? null : change.reachedMillis().get(d.downstream());
        events.add(reachedEvent(d.downstream(), "secondary", d.serial(), ms));
      }
    }
    if (report.isPresent()) {
      for (NameserverReport n : report.get().nameservers()) {
        boolean has = n.serial() != null && !SerialNumber.isNewer(serial, n.serial());
        if (has && reached.add(label(n))) {
          Long ms = null;
          if (change != null) {
            ms = Math.max(0, Duration.between(change.committed(), Instant.parse(report.get().checkedAt())).toMillis());
          }
          events.add(reachedEvent(label(n), "nameserver", n.serial(), ms));
        }
      }
    }
    int all = secondaries.size() + nameservers.size();
    if (reached.size() >= all) {
      return finish(events, all);
    }
    return events;
  }

  private List<String> finish(List<String> events, int all) {
    done = true;
    events.add(EventStream.event("done", json(Map.of("serial", serial, "reached", reached.size(), "of", all))));
    return events;
  }

  private static String reachedEvent(String who, String kind, long serial, Long millis) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("who", who);
    m.put("kind", kind);
    m.put("serial", serial);
    m.put("millis", millis);
    return EventStream.event("reached", json(m));
  }

  private static String label(NameserverReport n) {
    return n.name() + " (" + n.address() + ")";
  }

  @Override
  public boolean done() {
    return done;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
