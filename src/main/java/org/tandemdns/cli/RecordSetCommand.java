package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tandem record set}: replaces one RRset ({@code PUT .../rrsets/{name}/{type}}). */
@Command(name = "set", mixinStandardHelpOptions = true,
    description = {"Set an RRset: NAME TYPE of ZONE becomes exactly the records given.",
        "One RDATA argument per record, in zone-file syntax (quote RDATA with spaces).",
        "Prints the zone's new serial."},
    footer = {"", "Examples:",
        "  tandem record set example.org www A 192.0.2.1 192.0.2.2 --ttl 300",
        "  tandem record set example.org @ MX '10 mail.example.org.'",
        "  tandem record set example.org @ TXT '\"v=spf1 -all\"'",
        "An RDATA that starts with '-' goes after '--', e.g. ... TXT -- '-foo'."})
public final class RecordSetCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone.")
  String zone;

  @Parameters(index = "1", paramLabel = "NAME", description = "Owner name: relative to the zone (www), @ for the apex, or absolute (www.example.org.).")
  String name;

  @Parameters(index = "2", paramLabel = "TYPE", description = "Record type, e.g. A, AAAA, MX, TXT, CNAME.")
  String type;

  @Parameters(index = "3..*", arity = "1..*", paramLabel = "RDATA", description = "The records' data, one argument per record.")
  List<String> rdata;

  @Option(names = "--ttl", paramLabel = "SECONDS", description = "TTL of the RRset (default: 3600).")
  Long ttl;

  @Option(names = "--expected-serial", paramLabel = "SERIAL",
      description = "Only change the zone if it is still at this serial (else exit 1, HTTP 409).")
  Long expectedSerial;

  @Override
  int run(ApiClient client, PrintWriter out)
      throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    String z = zoneName(zone);
    JsonNode result = client.put(ApiClient.path("zones", z, "rrsets", name, type), body()).json();
    if (api.json) {
      printJson(out, result);
    } else {
      out.printf("%s %s %s: %s, zone %s now at serial %s%n", name, type, rdata.size() == 1 ? "record" : rdata.size() + " records",
          result.path("changed").asBoolean() ? "set" : "unchanged (already so)", z, ZoneStatusText.text(result.get("serial")));
    }
    return 0;
  }

  ObjectNode body() {
    ObjectNode b = ApiClient.JSON.createObjectNode();
    if (ttl != null) {
      b.put("ttl", ttl);
    }
    rdata.forEach(b.putArray("records")::add);
    if (expectedSerial != null) {
      b.put("expected-serial", expectedSerial);
    }
    return b;
  }
}
