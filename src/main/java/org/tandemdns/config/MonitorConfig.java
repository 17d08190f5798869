package org.tandemdns.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * The {@code monitor:} section: zones whose nameservers are checked every interval, and where
 * alerts go. Every key is optional except {@code zones}.
 *
 * @param interval time between two checks of a zone (default 60s)
 * @param grace how long drift, lag or an unreachable server may last before a second, "persisting"
 *     alert (default 5m)
 * @param timeout wait per DNS query try (default 2s)
 * @param tries UDP tries per query (default 2)
 * @param axfrTimeout limit per zone transfer (default 60s)
 * @param maxAxfrRecords records accepted per transfer (default 200000)
 * @param historySize alerts kept in memory for the API and CLI (default 500)
 * @param historyFile file the alerts are appended to as JSON lines; relative to the data
 *     directory (default {@code monitor-alerts.jsonl}); {@code none} disables it
 * @param alertOnSerialChange alert on every SOA serial change seen at any nameserver (default false)
 * @param alertOnNsChange alert when a zone's NS RRset changes (default false)
 * @param webhooks where alerts are POSTed
 * @param zones the zones to watch
 */
public record MonitorConfig(
    Duration interval,
    Duration grace,
    Duration timeout,
    Integer tries,
    Duration axfrTimeout,
    Long maxAxfrRecords,
    Integer historySize,
    Path historyFile,
    Boolean alertOnSerialChange,
    Boolean alertOnNsChange,
    List<WebhookConfig> webhooks,
    List<MonitoredZoneConfig> zones) {

  public MonitorConfig {
    interval = interval == null ? Duration.ofSeconds(60) : interval;
    grace = grace == null ? Duration.ofMinutes(5) : grace;
    timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
    tries = tries == null ? 2 : tries;
    axfrTimeout = axfrTimeout == null ? Duration.ofSeconds(60) : axfrTimeout;
    maxAxfrRecords = maxAxfrRecords == null ? 200_000L : maxAxfrRecords;
    historySize = historySize == null ? 500 : historySize;
    historyFile = historyFile == null ? Path.of("monitor-alerts.jsonl") : historyFile;
    alertOnSerialChange = alertOnSerialChange != null && alertOnSerialChange;
    alertOnNsChange = alertOnNsChange != null && alertOnNsChange;
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    zones = zones == null ? List.of() : List.copyOf(zones);
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("interval must be at least 1s");
    }
    if (grace.isNegative() || timeout.isZero() || timeout.isNegative() || axfrTimeout.isZero() || axfrTimeout.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative, timeout and axfr-timeout must be positive");
    }
    if (tries < 1 || tries > 10) {
      throw new IllegalArgumentException("tries must be from 1 to 10");
    }
    if (maxAxfrRecords < 2 || historySize < 1 || historySize > 100_000) {
      throw new IllegalArgumentException("max-axfr-records must be at least 2, history-size from 1 to 100000");
    }
    Set<Name> seen = new HashSet<>();
    for (MonitoredZoneConfig z : zones) {
      if (!seen.add(z.name())) {
        throw new IllegalArgumentException("monitor: zone " + z.name() + " is listed twice");
      }
    }
  }

  /** True unless {@code history-file: none}. */
  public boolean keepsHistoryFile() {
    return !historyFile.toString().equals("none");
  }

  /** This config with the zones' relative file paths made absolute against {@code configDir}. */
  public MonitorConfig resolvedAgainst(Path configDir) {
    return new MonitorConfig(interval, grace, timeout, tries, axfrTimeout, maxAxfrRecords, historySize, historyFile,
        alertOnSerialChange, alertOnNsChange, webhooks, zones.stream().map(z -> z.resolvedAgainst(configDir)).toList());
  }

  /** The history file, a relative one resolved against {@code dataDir}. */
  public Path historyFileIn(Path dataDir) {
    return historyFile.isAbsolute() ? historyFile : dataDir.resolve(historyFile);
  }
}
