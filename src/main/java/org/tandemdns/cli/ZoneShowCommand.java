package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tandem zone show}: a zone's status, and which secondaries have its latest change. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = {"Show a zone's status, and which secondaries have its latest change.",
        "Serial, refresh state (secondaries), NOTIFY targets, and, for every downstream secondary,",
        "the serial it holds and how long it took to get the latest change."})
public final class ZoneShowCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone to show.")
  String zone;

  @Override
  int run(ApiClient client, PrintWriter out)
      throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    JsonNode status = client.get(ApiClient.path("zones", zoneName(zone))).json();
    if (api.json) {
      printJson(out, status);
    } else {
      ZoneStatusText.render(status, out);
    }
    return 0;
  }
}
