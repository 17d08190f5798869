package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tandem token add NAME --role R [--zone Z]...}: makes a token and prints its secret, once. */
@Command(name = "add", mixinStandardHelpOptions = true,
    description = {"Make an API token and print it (only now: the server keeps its hash).",
        "Example: tandem token add intern --role records-editor --zone mgmt.example.net"})
public final class TokenAddCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "Its name, shown in logs and the audit history.")
  String name;

  @Option(names = "--role", paramLabel = "ROLE", defaultValue = "read-only",
      description = "read-only (default), records-editor, zone-admin or admin.")
  String role;

  @Option(names = "--zone", paramLabel = "ZONE", description = "A zone it may touch (repeat; *.NAME for every zone below NAME)."
      + " Default: every zone.")
  List<String> zones = new ArrayList<>();

  @Override
  int run(ApiClient client, PrintWriter out) throws ApiClient.Failure, ApiClient.Unreachable, InterruptedException {
    ObjectNode body = ApiClient.JSON.createObjectNode();
    body.put("name", name);
    body.put("role", role);
    zones.forEach(body.putArray("zones")::add);
    JsonNode made = client.post("/tokens", body).json();
    if (api.json) {
      printJson(out, made);
    } else {
      out.printf("token %s (%s%s):%n%s%n", made.path("name").asText(), made.path("role").asText(),
          made.path("zones").isEmpty() ? ", every zone" : ", zones " + TokenListCommand.zones(made), made.path("token").asText());
      out.println("Keep it now: it is not shown again. Send it as 'Authorization: Bearer <token>', or --token / TANDEM_TOKEN.");
    }
    return 0;
  }
}
