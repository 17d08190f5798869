package org.tandemdns;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tandemdns.dnssec.SignatureWatch;
import org.tandemdns.dnssec.SignedZoneReport;
import org.tandemdns.propagation.PropagationTracker;
import org.tandemdns.propagation.ZonePropagation;
import org.tandemdns.store.StoreException;
import org.tandemdns.store.StoredZoneInfo;
import org.tandemdns.store.ZoneStore;
import org.tandemdns.zone.ZoneSnapshot;

/**
 * Per-zone gauges, read fresh at each scrape: serial, seconds to expire (secondaries), refresh
 * failures, journal entries and bytes, and each downstream secondary's serial lag (RFC 1982
 * steps). Zones and downstreams that come and go are added and dropped with them.
 */
final class ZoneMetrics {
  private final ZoneRegistry registry;
  private final ZoneStore store;
  private final PropagationTracker propagation;
  private final Clock clock;
  private final MultiGauge serial;
  private final MultiGauge expire;
  private final MultiGauge failures;
  private final MultiGauge journalEntries;
  private final MultiGauge journalBytes;
  private final MultiGauge lag;
  private final MultiGauge rrsigExpiry;
  private final MultiGauge dnssecProblems;
  private final MultiGauge keyStates;
  private final MultiGauge nextKeyEvent;
  private final MultiGauge dsWait;
  private final MultiGauge signingBlocked;
  private final SignatureWatch signatures;

  ZoneMetrics(MeterRegistry meters, ZoneRegistry registry, ZoneStore store, PropagationTracker propagation,
      SignatureWatch signatures, Clock clock) {
    this.registry = registry;
    this.signatures = signatures;
    this.store = store;
    this.propagation = propagation;
    this.clock = clock;
    serial = MultiGauge.builder("tandem_zone_serial").description("SOA serial served").register(meters);
    expire = MultiGauge.builder("tandem_zone_expire_seconds").description("seconds until a secondary zone expires").register(meters);
    failures = MultiGauge.builder("tandem_zone_refresh_failures").description("failed refreshes of a secondary zone").register(meters);
    journalEntries = MultiGauge.builder("tandem_zone_journal_entries").description("IXFR journal entries kept").register(meters);
    journalBytes = MultiGauge.builder("tandem_zone_journal_bytes").description("IXFR journal size").baseUnit("bytes").register(meters);
    lag = MultiGauge.builder("tandem_downstream_serial_lag").description("serial steps a downstream secondary is behind")
        .register(meters);
    rrsigExpiry = MultiGauge.builder("tandem_zone_rrsig_expiry_seconds")
        .description("seconds until the earliest RRSIG of a signed zone expires (negative: expired)").register(meters);
    dnssecProblems = MultiGauge.builder("tandem_zone_dnssec_problems")
        .description("kinds of DNSSEC problem in the served version (broken chain, unsigned RRsets, ...)").register(meters);
    keyStates = MultiGauge.builder("tandem_dnssec_key_state")
        .description("1 for each key of a zone Tandem signs, labelled with its tag, role and state").register(meters);
    nextKeyEvent = MultiGauge.builder("tandem_dnssec_next_key_event_seconds")
        .description("seconds until a key of the zone is next published, activated, retired or removed").register(meters);
    dsWait = MultiGauge.builder("tandem_dnssec_ds_wait_seconds")
        .description("seconds a KSK/CSK rollover has waited for its DS at the parent (alert when large)").register(meters);
    signingBlocked = MultiGauge.builder("tandem_dnssec_signing_blocked")
        .description("1 when a zone with a dnssec policy cannot be signed (its keys are unreadable): the stored signed"
            + " version is served unchanged until fixed; alert on it").register(meters);
  }

  /** Reads every zone's state into the gauges (call before each scrape). */
  synchronized void refresh() {
    List<MultiGauge.Row<?>> serials = new ArrayList<>();
    List<MultiGauge.Row<?>> expires = new ArrayList<>();
    List<MultiGauge.Row<?>> fails = new ArrayList<>();
    List<MultiGauge.Row<?>> entries = new ArrayList<>();
    List<MultiGauge.Row<?>> bytes = new ArrayList<>();
    List<MultiGauge.Row<?>> lags = new ArrayList<>();
    List<MultiGauge.Row<?>> expiries = new ArrayList<>();
    List<MultiGauge.Row<?>> problems = new ArrayList<>();
    List<MultiGauge.Row<?>> keys = new ArrayList<>();
    List<MultiGauge.Row<?>> keyEvents = new ArrayList<>();
    List<MultiGauge.Row<?>> waits = new ArrayList<>();
    List<MultiGauge.Row<?>> blocked = new ArrayList<>();
    java.time.Instant now = clock.instant();
    for (ZoneRegistry.Entry e : registry.all()) {
      Tags zone = Tags.of("zone", e.config().name().toString());
      ZoneSnapshot s = e.served().snapshot();
      if (s != null) {
        serials.add(MultiGauge.Row.of(zone, s.serial()));
      }
      if (e.served().expiresAt() != null) {
        expires.add(MultiGauge.Row.of(zone, Math.max(0, Duration.between(clock.instant(), e.served().expiresAt()).getSeconds())));
      }
      if (e.secondary() != null) {
        fails.add(MultiGauge.Row.of(zone, e.secondary().status().failures()));
      }
      info(e).ifPresent(i -> {
        entries.add(MultiGauge.Row.of(zone, i.journalEntries()));
        bytes.add(MultiGauge.Row.of(zone, i.journalBytes()));
      });
      Long toExpiry = signatures.secondsToExpiry(e.config().name());
      if (toExpiry != null) {
        expiries.add(MultiGauge.Row.of(zone, toExpiry));
      }
      SignedZoneReport report = signatures.report(e.config().name());
      if (report != null && (report.signed() || report.signatures() > 0)) {
        problems.add(MultiGauge.Row.of(zone, report.problems().size()));
      }
      if (e.config().dnssec() != null) {
        blocked.add(MultiGauge.Row.of(zone, registry.signerProblem(e.config().name()) == null ? 0 : 1));
      }
      org.tandemdns.dnssec.ZoneSigner signer = registry.signer(e.config().name());
      if (signer != null) {
        java.time.Instant keyNow = signer.keyTime(now);
        for (org.tandemdns.dnssec.SigningKey k : signer.keys().all()) {
          org.tandemdns.dnssec.KeyState state = k.state(keyNow);
          if (state != org.tandemdns.dnssec.KeyState.REMOVED) {
            keys.add(MultiGauge.Row.of(zone.and("key_tag", String.valueOf(k.tag()), "role", k.role().name().toLowerCase(
                java.util.Locale.ROOT), "state", state.text()), 1));
          }
        }
        java.time.Instant next = signer.keys().nextEvent(keyNow);
        if (next != null) {
          keyEvents.add(MultiGauge.Row.of(zone, Duration.between(keyNow, next).getSeconds()));
        }
        org.tandemdns.events.SigningSchedule.DsWait w = registry.dsWait(e.config().name());
        waits.add(MultiGauge.Row.of(zone, w == null ? 0 : Math.max(0, Duration.between(w.since(), now).getSeconds())));
      }
      for (ZonePropagation.Downstream d : propagation.status(e.config().name()).downstreams()) {
        if (d.lag() >= 0) {
          lags.add(MultiGauge.Row.of(zone.and("downstream", d.downstream()), d.lag()));
        }
      }
    }
    serial.register(serials, true);
    expire.register(expires, true);
    rrsigExpiry.register(expiries, true);
    dnssecProblems.register(problems, true);
    keyStates.register(keys, true);
    nextKeyEvent.register(keyEvents, true);
    dsWait.register(waits, true);
    signingBlocked.register(blocked, true);
    failures.register(fails, true);
    journalEntries.register(entries, true);
    journalBytes.register(bytes, true);
    lag.register(lags, true);
  }

  private Optional<StoredZoneInfo> info(ZoneRegistry.Entry e) {
    try {
      return store.info(e.config().name());
    } catch (StoreException ex) {
      return Optional.empty();
    }
  }
}
