package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tandem zone history ZONE}: the zone's audit history, newest change first, with its diff. */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = {"Show who changed a zone, when, from where, and what changed (newest first).",
        "As long as the zone's IXFR journal (see journal retention in docs/store.md)."})
public final class ZoneHistoryCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone.")
  String zone;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many changes (default 20, at most 1000).")
  int limit;

  @Option(names = "--no-diff", description = "One line per change, without the records.")
  boolean noDiff;

  @Override
  int run(ApiClient client, PrintWriter out)
      throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    String name = zoneName(zone);
    JsonNode body = client.get(ApiClient.path("zones", name, "history") + "?limit=" + limit).json();
    if (api.json) {
      printJson(out, body);
      return 0;
    }
    if (body.path("history").isEmpty()) {
      out.printf("no changes of %s in its journal yet%n", name);
      return 0;
    }
    for (JsonNode h : body.path("history")) {
      String who = h.path("who").asText();
      String from = h.path("address").asText();
      out.printf("%s  serial %d -> %d  %s%s%s  (-%d +%d)%n", h.path("at").asText(), h.path("serial-from").asLong(),
          h.path("serial-to").asLong(), h.path("via").asText(), who.isEmpty() ? "" : " " + who, from.isEmpty() ? "" : " from " + from,
          h.path("deleted").size(), h.path("added").size());
      if (!noDiff) {
        h.path("deleted").forEach(r -> out.println("    - " + r.asText()));
        h.path("added").forEach(r -> out.println("    + " + r.asText()));
      }
    }
    return 0;
  }
}
