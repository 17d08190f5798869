package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tandem reload [ZONE]}: re-reads zone files now (what SIGHUP does), through the API. */
@Command(name = "reload", mixinStandardHelpOptions = true,
    description = {"Re-read zone files now: every zone read from a file, or only ZONE.",
        "With --config, first re-read the configuration file and apply it (zones added, removed, changed;",
        "keys), as SIGHUP does; like rndc reconfig + reload or knotc reload.",
        "A file that does not load leaves the served zone as it was; its error is printed",
        "and the exit code is 1.",
        "Exit codes: 0 success, 1 a zone failed to load or the API refused, 3 bad command line,",
        "4 the API cannot be reached."})
public final class ReloadCommand extends ApiCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "ZONE", description = "Only this zone (default: every zone read from a file).")
  String zone;

  @picocli.CommandLine.Option(names = "--config", description = "Re-read the configuration file first and apply what changed.")
  boolean config;

  @picocli.CommandLine.Option(names = "--purge", description = "With --config: delete the data of zones taken out of the file now"
      + " (else it is kept for 7 days in case they come back).")
  boolean purge;

  @Override
  int run(ApiClient client, PrintWriter out)
      throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    if (purge && !config) {
      throw new UsageError("--purge goes with --config");
    }
    if (config && zone != null) {
      throw new UsageError("--config re-reads every zone; give no ZONE with it");
    }
    JsonNode body = zone == null
        ? client.post(config ? "/reload?config=true" + (purge ? "&purge=true" : "") : "/reload", null).json()
        : client.post(ApiClient.path("zones", zoneName(zone), "reload"), null).json();
    if (api.json) {
      printJson(out, body);
    }
    JsonNode reconfigured = body.path("config"); // missing without --config: no problems, no loads
    if (config && !api.json) {
      out.println("configuration: " + reconfigured.path("summary").asText());
      reconfigured.path("problems").forEach(p -> out.println("  problem: " + p.asText()));
    }
    JsonNode results = zone == null ? body.path("results") : ApiClient.JSON.createArrayNode().add(body);
    TextTable t = new TextTable("ZONE", "RESULT", "SERIAL", "MESSAGE");
    boolean failed = !reconfigured.path("problems").isEmpty();
    for (JsonNode r : results) {
      boolean ok = r.path("ok").asBoolean();
      failed |= !ok;
      t.row(r.path("zone").asText(), !ok ? "FAILED" : r.path("changed").asBoolean() ? "changed" : "unchanged",
          ZoneStatusText.text(r.get("serial")), ZoneStatusText.text(r.get("message")));
    }
    for (JsonNode r : reconfigured.path("loads")) {
      failed |= !r.path("ok").asBoolean();
    }
    if (!api.json) {
      if (t.isEmpty()) {
        out.println("no zones are read from files; nothing to reload");
      } else {
        t.print(out);
      }
    }
    return failed ? EXIT_API_ERROR : 0;
  }
}
