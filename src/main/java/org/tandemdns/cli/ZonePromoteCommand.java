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
 * {@code tandem zone promote ZONE}: a secondary becomes the zone's primary ({@code POST
 * /api/v1/zones/{zone}/promote}), for when the (hidden) primary is lost; docs/operations.md has the
 * runbook.
 */
@Command(name = "promote", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Make a secondary zone the zone's primary, when its primary is lost.",
        "It keeps its data and journal: the secondaries it feeds continue by IXFR, its serial goes on",
        "upward, and it takes changes through the API (and UPDATE with --allow-update) from now on.",
        "The new role survives restarts; write it into the config file to make it permanent."},
    footer = {"", "Example:", "  tandem zone promote example.com --allow-update '10.0.0.0/8 key ops-key'"})
public final class ZonePromoteCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The secondary zone to promote.")
  String zone;

  @Option(names = "--allow-update", paramLabel = "PREFIX [key NAME]",
      description = "Who may change the zone with RFC 2136 UPDATE from now on (repeatable). Default: nobody (the API only).")
  List<String> allowUpdate = new ArrayList<>();

  @Override
  int run(ApiClient client, PrintWriter out) throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    String name = zoneName(zone);
    ObjectNode body = ApiClient.JSON.createObjectNode();
    ArrayNode a = body.putArray("allow-update");
    allowUpdate.forEach(a::add);
    JsonNode answer = client.post(ApiClient.path("zones", name, "promote"), body).json();
    if (api.json) {
      printJson(out, answer);
    } else {
      out.printf("zone %s is a primary now, at serial %s; change it with `tandem record set` or the API%n", name,
          ZoneStatusText.text(answer.get("serial")));
      out.printf("point its other secondaries at this server, and write `type: primary` into the config file to make it permanent%n");
    }
    return 0;
  }
}
