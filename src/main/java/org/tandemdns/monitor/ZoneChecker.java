package org.tandemdns.monitor;

import org.tandemdns.config.MonitoredZoneConfig;
import org.tandemdns.monitor.check.CheckReport;

/** Checks one monitored zone; the seam where tests put a scripted checker. */
@FunctionalInterface
public interface ZoneChecker {

  /**
   * Checks {@code zone}.
   *
   * @throws CheckFailedException if the check could not run (nameservers not found, reference
   *     file unreadable)
   */
  CheckReport check(MonitoredZoneConfig zone) throws CheckFailedException;
}
