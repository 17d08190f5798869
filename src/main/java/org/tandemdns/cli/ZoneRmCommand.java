package org.tandemdns.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tandem zone rm}: deletes a zone created through the API, its data and its journal. */
@Command(name = "rm", mixinStandardHelpOptions = true,
    description = {"Delete a zone created through the API.",
        "It is no longer served; its data and IXFR journal are removed.",
        "Zones from the config file are removed from the config instead."})
public final class ZoneRmCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone to delete.")
  String zone;

  @Override
  int run(ApiClient client, PrintWriter out)
      throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    String name = zoneName(zone);
    client.delete(ApiClient.path("zones", name));
    if (api.json) {
      ObjectNode o = ApiClient.JSON.createObjectNode();
      o.put("zone", name);
      o.put("deleted", true);
      printJson(out, o);
    } else {
      out.printf("deleted zone %s%n", name);
    }
    return 0;
  }
}
