package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tandem zone add}: creates a zone through the API ({@code POST /api/v1/zones}): a primary
 * from a list of nameservers (SOA and NS made for it) or a zone file, or a secondary of primaries.
 */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Create a zone on the server (kept in its store: it survives restarts).",
      "A primary: --ns (a new zone with an SOA and those NS records) or --file (upload a zone file).",
      "A secondary: --secondary-of, once per primary."
    },
    footer = {
      "",
      "Examples:",
      "  tandem zone add example.org --ns ns1.example.org. --ns ns2.example.net. --allow-update 127.0.0.1",
      "  tandem zone add example.com --file example.com.zone --notify '192.0.2.10 key xfr-key' \\",
      "      --allow-transfer '192.0.2.10 key xfr-key'",
      "  tandem zone add example.net --secondary-of '203.0.113.53 key xfr-key' --secondary-of 203.0.113.54"
    })
public final class ZoneAddCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone's name, e.g. example.org.")
  String zone;

  @Option(names = "--ns", paramLabel = "NAME", description = "A nameserver of the new primary zone (repeatable); the first is the SOA MNAME. "
      + "Relative names are inside the zone; end with a dot for others.")
  List<String> nameservers = new ArrayList<>();

  @Option(names = "--file", paramLabel = "ZONEFILE", description = "Upload this zone file as the new primary zone's content.")
  Path file;

  @Option(names = "--secondary-of", paramLabel = "ADDR[:PORT] [key NAME]",
      description = "Make a secondary zone of this primary (repeatable, tried in order); quote it when it names a key.")
  List<String> primaries = new ArrayList<>();

  @Option(names = "--allow-transfer", paramLabel = "PREFIX [key NAME]",
      description = "Who may AXFR/IXFR the zone (repeatable): PREFIX [key NAME], key NAME, any. Default: nobody.")
  List<String> allowTransfer = new ArrayList<>();

  @Option(names = "--allow-update", paramLabel = "PREFIX [key NAME]",
      description = "Who may change a primary with RFC 2136 UPDATE (repeatable): PREFIX [key NAME], key NAME. Default: nobody.")
  List<String> allowUpdate = new ArrayList<>();

  @Option(names = "--notify", paramLabel = "ADDR[:PORT] [key NAME]", description = "Also NOTIFY this secondary of every change (repeatable).")
  List<String> notify = new ArrayList<>();

  @Option(names = "--notify-ns", negatable = true, paramLabel = "BOOLEAN",
      description = "NOTIFY the addresses of the zone's NS set too (default: yes; --no-notify-ns for only the --notify targets).")
  Boolean notifyNs;

  @Option(names = "--serial-policy", paramLabel = "POLICY",
      description = "How a primary's serial moves on each change: increment (the default for changes), unixtime, dateserial, keep.")
  String serialPolicy;

  @Override
  int run(ApiClient client, PrintWriter out)
      throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    JsonNode created = client.post("/zones", body()).json();
    if (api.json) {
      printJson(out, created);
      return 0;
    }
    String name = created.path("name").asText();
    if ("secondary".equals(created.path("type").asText())) {
      out.printf("created secondary zone %s; the first transfer from %s has started%n", name, String.join(", ", primaries));
    } else {
      out.printf("created zone %s: serial %s, %d records%n", name, ZoneStatusText.text(created.get("serial")),
          created.path("records").asLong());
    }
    out.printf("see it with: tandem zone show %s%n", name);
    return 0;
  }

  /** The request body: the zone's settings in the config file's shape, and its first content. */
  ObjectNode body() throws UsageError {
    ObjectNode b = ApiClient.JSON.createObjectNode();
    b.put("name", zoneName(zone));
    int contents = (nameservers.isEmpty() ? 0 : 1) + (file == null ? 0 : 1);
    if (!primaries.isEmpty()) {
      if (contents > 0) {
        throw new UsageError("a secondary gets its content from its primaries: drop --ns/--file, or drop --secondary-of");
      }
      b.put("type", "secondary");
      list(b, "primaries", primaries);
    } else if (contents != 1) {
      throw new UsageError(contents == 0
          ? "give the zone's content: --ns NAME (a new zone with SOA and NS), --file ZONEFILE, or --secondary-of ADDR"
          : "give either --ns or --file, not both");
    } else if (file != null) {
      b.put("zone-file", readZoneFile());
    } else {
      list(b, "nameservers", nameservers);
    }
    list(b, "allow-transfer", allowTransfer);
    list(b, "allow-update", allowUpdate);
    list(b, "notify", notify);
    if (notifyNs != null) {
      b.put("notify-ns", notifyNs);
    }
    if (serialPolicy != null) {
      b.put("serial-policy", serialPolicy);
    }
    return b;
  }

  private String readZoneFile() throws UsageError {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageError("--file: cannot read " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
  }

  private static void list(ObjectNode b, String key, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode a = b.putArray(key);
      values.forEach(a::add);
    }
  }
}
