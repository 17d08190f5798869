package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tandem zone demote ZONE --primary ADDR}: a primary managed through the API becomes a
 * secondary again ({@code POST /api/v1/zones/{zone}/demote}), once its new primary serves its data.
 */
@Command(name = "demote", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Make a primary zone (one managed through the API, or promoted) a secondary of --primary.",
        "The new primary must serve the zone at this server's serial or a newer one, or the changes made",
        "here are not there (refused unless --force). The new role survives restarts."},
    footer = {"", "Example:", "  tandem zone demote example.com --primary '192.0.2.1 key xfr-key'"})
public final class ZoneDemoteCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The primary zone to demote.")
  String zone;

  @Option(names = "--primary", required = true, paramLabel = "ADDR[:PORT] [key NAME]",
      description = "The zone's primary from now on (repeatable, tried in order); quote it when it names a key.")
  List<String> primaries = new ArrayList<>();

  @Option(names = "--force", description = "Demote even when the new primary cannot be reached or serves an older serial.")
  boolean force;

  @Override
  int run(ApiClient client, PrintWriter out) throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    String name = zoneName(zone);
    ObjectNode body = ApiClient.JSON.createObjectNode();
    ArrayNode a = body.putArray("primaries");
    primaries.forEach(a::add);
    body.put("force", force);
    JsonNode answer = client.post(ApiClient.path("zones", name, "demote"), body).json();
    if (api.json) {
      printJson(out, answer);
    } else {
      out.printf("zone %s is a secondary of %s now; see `tandem zone show %s`%n", name, String.join(", ", primaries), name);
    }
    return 0;
  }
}
