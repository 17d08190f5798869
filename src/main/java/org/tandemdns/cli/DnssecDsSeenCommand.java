package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tandem dnssec ds-seen ZONE}: the parent serves the new DS of a KSK or CSK rollover, for
 * zones without parent-agents to ask (BIND's {@code rndc dnssec -checkds published}, Knot's {@code
 * knotc zone-ksk-submitted}).
 */
@Command(name = "ds-seen", mixinStandardHelpOptions = true,
    description = {"Confirm that the parent zone now serves the DS of the new KSK or CSK.",
        "Check first with 'dig DS ZONE @parent-server'; the old key is removed once the old DS has left",
        "resolvers' caches."})
public final class DnssecDsSeenCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone.")
  String zone;

  @Override
  int run(ApiClient client, PrintWriter out) throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    String name = zoneName(zone);
    JsonNode answer = client.post(ApiClient.path("zones", name, "dnssec", "ds-seen"), null).json();
    if (api.json) {
      printJson(out, answer);
    } else {
      out.println("zone " + name + ": " + answer.path("ds-seen").asText());
    }
    return 0;
  }
}
