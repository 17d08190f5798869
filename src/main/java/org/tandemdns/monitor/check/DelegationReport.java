package org.tandemdns.monitor.check;

import java.util.List;

/**
 * The parent's delegation compared with the zone's own NS RRset and addresses (RFC 1034 §4.2.2:
 * the NS RRset at the cut in the parent should match the zone's apex NS RRset, and glue the
 * nameservers' addresses).
 *
 * @param parent address of the parent server asked
 * @param parentNs NS names in the delegation
 * @param zoneNs NS names at the zone's apex
 * @param onlyAtParent names in the delegation only
 * @param onlyInZone names at the apex only
 * @param glueMismatches glue records that differ from the zone's own address records
 * @param problem why the delegation could not be read, or null
 */
public record DelegationReport(
    String parent,
    List<String> parentNs,
    List<String> zoneNs,
    List<String> onlyAtParent,
    List<String> onlyInZone,
    List<String> glueMismatches,
    String problem) {

  public DelegationReport {
    parentNs = List.copyOf(parentNs);
    zoneNs = List.copyOf(zoneNs);
    onlyAtParent = List.copyOf(onlyAtParent);
    onlyInZone = List.copyOf(onlyInZone);
    glueMismatches = List.copyOf(glueMismatches);
  }

  /** True if delegation and zone agree. */
  public boolean consistent() {
    return problem == null && onlyAtParent.isEmpty() && onlyInZone.isEmpty() && glueMismatches.isEmpty();
  }
}
