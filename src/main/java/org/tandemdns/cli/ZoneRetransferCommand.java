package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code tandem zone retransfer ZONE}: a secondary transfers the whole zone again (AXFR), whatever the serials. */
@Command(name = "retransfer", mixinStandardHelpOptions = true,
    description = {"Make a secondary zone transfer the whole zone again now (AXFR).",
        "Even at the same serial, and stored whole; like rndc retransfer or knotc zone-retransfer."})
public final class ZoneRetransferCommand extends ZoneActionCommand {
  @Override
  String action() {
    return "retransfer";
  }

  @Override
  String done(String zone, JsonNode answer) {
    return "full transfer (AXFR) of " + zone + " started; see `tandem zone show " + zone + "`";
  }
}
