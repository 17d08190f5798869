package org.tandemdns.monitor.check;

import java.util.List;

/**
 * The result of one check of one zone; what {@code tandem check --json} prints.
 *
 * @param zone the zone
 * @param checkedAt when the check started (ISO-8601, UTC)
 * @param elapsedMillis how long it took
 * @param reference the copy compared against
 * @param newestSerial the serial lag is measured from: the reference's, or the newest seen
 * @param nsSet the NS names at the zone's apex, as found
 * @param nameservers one entry per nameserver address
 * @param delegation the parent comparison, or null when no parent was given
 * @param exitCode 0 consistent, 1 drift or lag, 2 unreachable or lame servers
 * @param verdict the exit code in words
 */
public record CheckReport(
    String zone,
    String checkedAt,
    long elapsedMillis,
    ReferenceReport reference,
    Long newestSerial,
    List<String> nsSet,
    List<NameserverReport> nameservers,
    DelegationReport delegation,
    int exitCode,
    String verdict) {

  /** Exit code: everything consistent. */
  public static final int CONSISTENT = 0;
  /** Exit code: drift or lag. */
  public static final int DRIFT_OR_LAG = 1;
  /** Exit code: unreachable or lame servers. */
  public static final int UNREACHABLE_OR_LAME = 2;

  public CheckReport {
    nsSet = List.copyOf(nsSet);
    nameservers = List.copyOf(nameservers);
  }

  /** The exit code for these findings. */
  static int exitCodeFor(List<NameserverReport> servers, ReferenceReport reference, DelegationReport delegation) {
    boolean broken = servers.stream().anyMatch(s -> s.health() != Health.OK)
        || ("server".equals(reference.source()) && reference.problem() != null)
        || (delegation != null && delegation.problem() != null);
    if (broken) {
      return UNREACHABLE_OR_LAME;
    }
    boolean drift = servers.stream().anyMatch(s -> s.drifted() > 0 || s.ttlDifferences() > 0 || (s.lag() != null && s.lag() != 0))
        || reference.noMajority()
        || (delegation != null && !delegation.consistent());
    return drift ? DRIFT_OR_LAG : CONSISTENT;
  }

  static String verdictFor(int exitCode) {
    return switch (exitCode) {
      case CONSISTENT -> "consistent";
      case DRIFT_OR_LAG -> "drift or lag";
      default -> "unreachable or lame servers";
    };
  }
}
