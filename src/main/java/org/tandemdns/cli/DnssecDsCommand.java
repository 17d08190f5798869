package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tandem dnssec ds ZONE}: the DS records to give the parent (RFC 4509, SHA-256), one per line. */
@Command(name = "ds", mixinStandardHelpOptions = true,
    description = "Print the DS records of the zone's key-signing keys, to give to the parent zone's registrar.")
public final class DnssecDsCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone.")
  String zone;

  @Override
  int run(ApiClient client, PrintWriter out)
      throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    String name = zoneName(zone);
    JsonNode s = client.get(ApiClient.path("zones", name, "dnssec")).json();
    if (!s.path("signed-by-tandem").asBoolean()) {
      spec.commandLine().getErr().println("tandem dnssec ds: zone " + name + " is not signed by Tandem"
          + (s.has("problem") ? " (" + s.path("problem").asText() + ")" : "; give it a dnssec policy in the config"));
      return EXIT_API_ERROR;
    }
    for (JsonNode ds : s.path("ds-for-parent")) {
      out.println(ds.asText());
    }
    return 0;
  }
}
