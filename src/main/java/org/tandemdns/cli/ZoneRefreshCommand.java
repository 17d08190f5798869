package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code tandem zone refresh ZONE}: a secondary asks its primaries for the SOA now, and transfers if it is behind. */
@Command(name = "refresh", mixinStandardHelpOptions = true,
    description = {"Make a secondary zone check its primaries now.",
        "SOA query, then IXFR or AXFR if behind, instead of waiting for REFRESH or RETRY;",
        "like rndc refresh or knotc zone-refresh.",
        "'tandem zone show ZONE' tells how it went."})
public final class ZoneRefreshCommand extends ZoneActionCommand {
  @Override
  String action() {
    return "refresh";
  }

  @Override
  String done(String zone, JsonNode answer) {
    return "refresh of " + zone + " started; see `tandem zone show " + zone + "`";
  }
}
