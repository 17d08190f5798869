package org.tandemdns.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.events.SecondaryStatus;
import org.tandemdns.monitor.check.CheckReport;
import org.tandemdns.monitor.check.NameserverReport;
import org.tandemdns.propagation.ZonePropagation;
import org.tandemdns.zone.ZoneSnapshot;

/** The states the zones page filters by, each read from data Tandem already keeps. */
enum ZoneState {
  /** A downstream secondary or a monitored nameserver is behind the served serial. */
  LAGGING,
  /** A monitored nameserver serves different content, or no majority agrees (the monitor's last check). */
  DRIFTING,
  /** A secondary that cannot refresh will expire within a day, or has expired. */
  EXPIRING,
  /** Served with DNSSEC signatures. */
  SIGNED;

  static final Duration EXPIRY_HORIZON = Duration.ofDays(1);

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static ZoneState parse(String s) {
    for (ZoneState z : values()) {
      if (z.label().equals(s)) {
        return z;
      }
    }
    return null;
  }

  static Set<ZoneState> of(ZoneRegistry.Entry e, ZonePropagation p, Optional<CheckReport> report, Instant now) {
    Set<ZoneState> out = EnumSet.noneOf(ZoneState.class);
    if (p.downstreams().stream().anyMatch(d -> d.lag() > 0)
        || report.map(r -> r.nameservers().stream().anyMatch(n -> n.lag() != null && n.lag() > 0)).orElse(false)) {
      out.add(LAGGING);
    }
    if (report.map(r -> r.reference().noMajority() || r.nameservers().stream().anyMatch(NameserverReport::contentDiffers))
        .orElse(false)) {
      out.add(DRIFTING);
    }
    if (e.secondary() != null) {
      SecondaryStatus s = e.secondary().status();
      if (s.expired() || (s.failures() > 0 && s.expireAt() != null && s.expireAt().isBefore(now.plus(EXPIRY_HORIZON)))) {
        out.add(EXPIRING);
      }
    }
    ZoneSnapshot snap = e.served().snapshot();
    if (snap != null && snap.signed()) {
      out.add(SIGNED);
    }
    return out;
  }
}
