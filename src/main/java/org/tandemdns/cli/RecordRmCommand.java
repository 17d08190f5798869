package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tandem record rm}: deletes one RRset ({@code DELETE .../rrsets/{name}/{type}}). */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete the RRset NAME TYPE of ZONE. Prints the zone's new serial.",
    footer = {"", "Example:", "  tandem record rm example.org www A"})
public final class RecordRmCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone.")
  String zone;

  @Parameters(index = "1", paramLabel = "NAME", description = "Owner name: relative to the zone, @, or absolute.")
  String name;

  @Parameters(index = "2", paramLabel = "TYPE", description = "Record type.")
  String type;

  @Option(names = "--expected-serial", paramLabel = "SERIAL",
      description = "Only change the zone if it is still at this serial (else exit 1, HTTP 409).")
  Long expectedSerial;

  @Override
  int run(ApiClient client, PrintWriter out)
      throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    String z = zoneName(zone);
    String query = expectedSerial == null ? "" : "?expected-serial=" + expectedSerial;
    JsonNode result = client.delete(ApiClient.path("zones", z, "rrsets", name, type) + query).json();
    if (api.json) {
      printJson(out, result);
    } else {
      out.printf("%s %s: %s, zone %s now at serial %s%n", name, type,
          result.path("changed").asBoolean() ? "deleted" : "unchanged (there was no such RRset)", z,
          ZoneStatusText.text(result.get("serial")));
    }
    return 0;
  }
}
