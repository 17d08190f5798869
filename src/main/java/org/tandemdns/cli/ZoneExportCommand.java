package org.tandemdns.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tandem zone export}: the zone as served, as a master file (RFC 1035 §5). */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Print the zone as served now, as a zone file (or write it to --output).")
public final class ZoneExportCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone to export.")
  String zone;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the zone file here instead of to stdout.")
  Path output;

  @Override
  int run(ApiClient client, PrintWriter out)
      throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    String name = zoneName(zone);
    String text = client.get(ApiClient.path("zones", name, "export")).text();
    if (output != null) {
      try {
        Files.writeString(output, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UsageError("--output: cannot write " + output + " (" + e.getMessage() + ")");
      }
    }
    if (api.json) {
      ObjectNode o = ApiClient.JSON.createObjectNode();
      o.put("zone", name);
      o.put("zone-file", text);
      printJson(out, o);
    } else if (output == null) {
      out.print(text);
    } else {
      out.printf("wrote zone %s to %s%n", name, output);
    }
    return 0;
  }
}
