package org.tandemdns.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tandem token rm NAME}: revokes a token made through the API; it is refused from then on. */
@Command(name = "rm", mixinStandardHelpOptions = true,
    description = {"Revoke an API token made with 'tandem token add'; requests with it get 401 at once.",
        "Tokens declared in the config file are removed from the config instead."})
public final class TokenRmCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The token's name.")
  String name;

  @Override
  int run(ApiClient client, PrintWriter out) throws ApiClient.Failure, ApiClient.Unreachable, InterruptedException {
    var removed = client.delete(ApiClient.path("tokens", name)).json();
    if (api.json) {
      printJson(out, removed);
    } else {
      out.printf("revoked token %s%n", name);
    }
    return 0;
  }
}
