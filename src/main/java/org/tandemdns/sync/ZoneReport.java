package org.tandemdns.sync;

import java.util.List;
import org.xbill.DNS.Name;

/**
 * One zone's sync: its source and every target.
 *
 * @param zone the zone
 * @param source where its content was read
 * @param sourceRRsets RRsets read from the source (-1 when it could not be read)
 * @param targets each target's report, in the order the zone lists them
 */
public record ZoneReport(Name zone, String source, int sourceRRsets, List<TargetReport> targets) {
  public ZoneReport {
    targets = List.copyOf(targets);
  }
}
