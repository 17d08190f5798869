package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tandem dnssec rollover ZONE --ksk|--zsk}: a key rollover now, ahead of the key's lifetime
 * (BIND's {@code rndc dnssec -rollover}, Knot's {@code knotc zone-key-rollover}).
 */
@Command(name = "rollover", mixinStandardHelpOptions = true,
    description = {"Start a key rollover of the zone now.",
        "--zsk rolls the zone-signing key (pre-publication); --ksk the key-signing key or CSK: the new DS goes",
        "to the parent, and the old key stays until the parent serves it. Progress: tandem dnssec status ZONE."})
public final class DnssecRolloverCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone.")
  String zone;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  static final class Which {
    @Option(names = {"--ksk", "--csk"}, description = "Roll the key-signing key (or the combined signing key).")
    boolean ksk;

    @Option(names = "--zsk", description = "Roll the zone-signing key.")
    boolean zsk;
  }

  @Override
  int run(ApiClient client, PrintWriter out) throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    String name = zoneName(zone);
    JsonNode answer = client.post(ApiClient.path("zones", name, "dnssec", "rollover") + "?key=" + (which.zsk ? "zsk" : "ksk"),
        null).json();
    if (api.json) {
      printJson(out, answer);
    } else {
      out.println("zone " + name + ": " + answer.path("rollover").asText());
    }
    return 0;
  }
}
