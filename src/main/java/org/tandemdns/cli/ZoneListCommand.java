package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code tandem zone list}: every zone of the server, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the server's zones: type, where their data comes from, serial.")
public final class ZoneListCommand extends ApiCommand {

  @Override
  int run(ApiClient client, PrintWriter out) throws ApiClient.Failure, ApiClient.Unreachable, InterruptedException {
    JsonNode zones = client.get("/zones").json();
    if (api.json) {
      printJson(out, zones);
    } else {
      render(zones, out);
    }
    return 0;
  }

  static void render(JsonNode body, PrintWriter out) {
    TextTable t = new TextTable("ZONE", "TYPE", "DATA FROM", "SERIAL", "RECORDS", "STATE");
    for (JsonNode z : body.path("zones")) {
      t.row(z.path("name").asText(), z.path("type").asText(), ZoneStatusText.kind(z), ZoneStatusText.text(z.get("serial")),
          z.path("records").asLong(), ZoneStatusText.state(z));
    }
    if (t.isEmpty()) {
      out.println("no zones yet; create one with: tandem zone add ZONE --ns NS-NAME");
    } else {
      t.print(out);
    }
  }
}
