package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code tandem zone notify ZONE}: sends NOTIFY for the served serial to the zone's secondaries now. */
@Command(name = "notify", mixinStandardHelpOptions = true,
    description = {"Send NOTIFY (RFC 1996) for the zone's current serial now.",
        "To its notify targets and NS; like rndc notify or knotc zone-notify."})
public final class ZoneNotifyCommand extends ZoneActionCommand {
  @Override
  String action() {
    return "notify";
  }

  @Override
  String done(String zone, JsonNode answer) {
    return "NOTIFY for " + zone + " serial " + answer.path("serial").asText() + " sent";
  }
}
