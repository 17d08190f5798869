package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code tandem token list}: every token the server accepts, without secrets. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the API tokens: name, role, zones, where declared.")
public final class TokenListCommand extends ApiCommand {

  @Override
  int run(ApiClient client, PrintWriter out) throws ApiClient.Failure, ApiClient.Unreachable, InterruptedException {
    JsonNode body = client.get("/tokens").json();
    if (api.json) {
      printJson(out, body);
      return 0;
    }
    TextTable t = new TextTable("NAME", "ROLE", "ZONES", "SOURCE", "CREATED");
    for (JsonNode k : body.path("tokens")) {
      t.row(k.path("name").asText(), k.path("role").asText(), k.path("zones").isEmpty() ? "*" : zones(k), k.path("source").asText(),
          k.has("created") ? k.path("created").asText() + " by " + k.path("created-by").asText() : "-");
    }
    t.print(out);
    return 0;
  }

  static String zones(JsonNode token) {
    List<String> z = new ArrayList<>();
    token.path("zones").forEach(n -> z.add(n.asText()));
    return String.join(",", z);
  }
}
