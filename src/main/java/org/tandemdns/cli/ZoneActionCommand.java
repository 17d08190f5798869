package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Parameters;

/**
 * A one-word action on one zone through {@code POST /api/v1/zones/{zone}/{action}}: refresh,
 * retransfer, notify (BIND's {@code rndc refresh|retransfer|notify}, Knot's {@code zone-refresh},
 * {@code zone-retransfer}, {@code zone-notify}).
 */
abstract class ZoneActionCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone.")
  String zone;

  /** The API's action, the last segment of the path. */
  abstract String action();

  /** What to print once the server took the request. */
  abstract String done(String zone, JsonNode answer);

  @Override
  int run(ApiClient client, PrintWriter out) throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    String name = zoneName(zone);
    JsonNode answer = client.post(ApiClient.path("zones", name, action()), null).json();
    if (api.json) {
      printJson(out, answer);
    } else {
      out.println(done(name, answer));
    }
    return 0;
  }
}
