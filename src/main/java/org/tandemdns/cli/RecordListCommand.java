package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tandem record list}: a zone's RRsets, optionally only one name and/or type. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List a zone's records, one per line, as the server serves them.",
    footer = {"", "Example:", "  tandem record list example.org --name www --type A"})
public final class RecordListCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone.")
  String zone;

  @Option(names = "--name", paramLabel = "NAME", description = "Only this owner name (relative to the zone, @, or absolute).")
  String name;

  @Option(names = "--type", paramLabel = "TYPE", description = "Only this type, e.g. A, MX, TXT.")
  String type;

  @Override
  int run(ApiClient client, PrintWriter out)
      throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    String path = ApiClient.path("zones", zoneName(zone), "rrsets") + ApiClient.query(ApiClient.params("name", name, "type", type));
    JsonNode body = client.get(path).json();
    if (api.json) {
      printJson(out, body);
    } else {
      render(body, out);
    }
    return 0;
  }

  static void render(JsonNode body, PrintWriter out) {
    TextTable t = new TextTable("NAME", "TTL", "TYPE", "DATA");
    for (JsonNode set : body.path("rrsets")) {
      for (JsonNode rdata : set.path("records")) {
        t.row(set.path("name").asText(), set.path("ttl").asLong(), set.path("type").asText(), rdata.asText());
      }
    }
    out.printf("zone %s, serial %s%n", body.path("zone").asText(), ZoneStatusText.text(body.get("serial")));
    if (t.isEmpty()) {
      out.println("no matching records");
    } else {
      t.print(out);
    }
  }
}
