package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tandem dnssec status ZONE}: policy, keys, rollover dates, signatures served. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the zone's DNSSEC policy, keys (with the DS for the parent) and served signatures.")
public final class DnssecStatusCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone.")
  String zone;

  @Override
  int run(ApiClient client, PrintWriter out)
      throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException {
    JsonNode s = client.get(ApiClient.path("zones", zoneName(zone), "dnssec")).json();
    if (api.json) {
      printJson(out, s);
      return 0;
    }
    out.printf("zone %s: %s%n", s.path("zone").asText(), s.path("signed-by-tandem").asBoolean()
        ? "signed by Tandem, policy " + s.path("policy").asText()
        : s.has("policy") ? "policy " + s.path("policy").asText() + ", NOT signing" : "not signed by Tandem");
    if (s.has("problem")) {
      out.printf("  problem: %s%n", s.path("problem").asText());
    }
    JsonNode p = s.path("policy-settings");
    if (!p.isMissingNode()) {
      out.printf("  %s, %s, %s%s, signatures valid %s, refreshed %s before expiry%n", p.path("algorithm").asText(),
          p.path("keys").asText(), p.path("nsec3").asBoolean() ? "NSEC3" : "NSEC",
          p.path("nsec3-opt-out").asBoolean() ? " opt-out" : "", p.path("rrsig-lifetime").asText(),
          p.path("rrsig-refresh").asText());
    }
    for (JsonNode k : s.path("keys")) {
      out.printf("  key %d %s (algorithm %d), %s, created %s%s%n", k.path("key-tag").asInt(),
          k.path("role").asText().toUpperCase(java.util.Locale.ROOT), k.path("algorithm").asInt(),
          k.path("state").asText(), k.path("created").asText(),
          k.path("rollover-due").isNull() ? "" : ", rollover due " + k.path("rollover-due").asText());
      StringBuilder times = new StringBuilder();
      for (String t : new String[] {"published", "active", "retire", "remove", "ds-seen-at-parent"}) {
        if (k.hasNonNull(t)) {
          times.append(times.length() == 0 ? "" : ", ").append(t.equals("ds-seen-at-parent") ? "DS seen" : t).append(' ')
              .append(k.path(t).asText());
        }
      }
      out.printf("    %s%n", times);
      if (k.path("ds-for-parent").asBoolean()) {
        for (JsonNode ds : k.path("ds")) {
          out.printf("    DS for the parent: %s%n", ds.asText());
        }
      }
    }
    JsonNode wait = s.path("waiting-for-ds");
    if (!wait.isMissingNode() && wait.path("key-tag").asInt() < 0) {
      out.printf("  going insecure: waits for the parent to delete the DS since %s%s%n", wait.path("since").asText(),
          wait.path("parent-agents").isEmpty()
              ? "; confirm with 'tandem dnssec ds-seen " + s.path("zone").asText() + "' once it has"
              : "; last asked " + wait.path("last-check").asText());
      for (JsonNode p2 : wait.path("problems")) {
        out.printf("    %s%n", p2.asText());
      }
    } else if (!wait.isMissingNode()) {
      out.printf("  rollover waits for the DS of key %d at the parent since %s%s%n", wait.path("key-tag").asInt(),
          wait.path("since").asText(), wait.path("parent-agents").isEmpty()
              ? "; confirm with 'tandem dnssec ds-seen " + s.path("zone").asText() + "' once the parent serves it"
              : "; last asked " + wait.path("last-check").asText());
      for (JsonNode p2 : wait.path("problems")) {
        out.printf("    %s%n", p2.asText());
      }
    }
    if (s.hasNonNull("next-key-event")) {
      out.printf("  next key event: %s%n", s.path("next-key-event").asText());
    }
    JsonNode served = s.path("served");
    if (served.path("signed").asBoolean()) {
      out.printf("  served: %d RRSIGs, %s, earliest expiry %s (%s)%n", served.path("rrsigs").asInt(),
          served.path("denial").asText().toUpperCase(java.util.Locale.ROOT), served.path("earliest-expiry").asText(),
          served.path("earliest-expiring").asText());
    } else {
      out.println("  served: unsigned");
    }
    if (s.hasNonNull("next-signing-run")) {
      out.printf("  next re-signing run: %s%n", s.path("next-signing-run").asText());
    }
    return 0;
  }
}
