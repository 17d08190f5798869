package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders a zone's status ({@code GET /api/v1/zones/{zone}}) for people: what the zone is and
 * serves, its refresh state (secondaries), NOTIFY targets, and which downstream secondaries have
 * the latest change and how long each took ("where is my change?").
 */
final class ZoneStatusText {
  private ZoneStatusText() {}

  static void render(JsonNode z, PrintWriter out) {
    out.printf("zone %s: %s%n", z.path("name").asText(), description(z));
    out.printf("  serial %s, %d records, %s%n", text(z.get("serial")), z.path("records").asLong(), state(z));
    if (z.hasNonNull("file")) {
      out.printf("  file %s%n", z.get("file").asText());
    }
    dnssec(z.path("dnssec"), out);
    if (z.hasNonNull("expires-at")) {
      out.printf("  expires at %s%n", time(z.get("expires-at")));
    }
    if (z.has("refresh")) {
      refresh(z.get("refresh"), out);
    }
    notifyTargets(z.path("notify"), out);
    downstreams(z, out);
    changes(z.path("propagation").path("changes"), out);
    settings(z.path("settings"), out);
    out.flush();
  }

  /** One line: signed or not, with what and until when; then one line per problem. */
  private static void dnssec(JsonNode d, PrintWriter out) {
    if (d.isMissingNode() || d.isNull()) {
      return;
    }
    if (!d.path("signed").asBoolean() && d.path("rrsigs").asLong() == 0) {
      out.println("  DNSSEC: not signed");
      return;
    }
    StringBuilder s = new StringBuilder(d.path("signed").asBoolean() ? "signed" : "RRSIGs without a DNSKEY");
    s.append(", ").append(d.path("denial").asText().toUpperCase(java.util.Locale.ROOT));
    JsonNode n = d.path("nsec3");
    if (!n.isMissingNode()) {
      s.append(" (iterations ").append(n.path("iterations").asInt()).append(", salt ").append(n.path("salt").asText())
          .append(n.path("opt-out").asBoolean() ? ", opt-out" : "").append(')');
    }
    for (JsonNode k : d.path("dnskeys")) {
      s.append(", ").append(k.path("role").asText().toUpperCase(java.util.Locale.ROOT)).append(' ')
          .append(k.path("key-tag").asInt()).append(" alg ").append(k.path("algorithm").asInt());
    }
    out.printf("  DNSSEC: %s%n", s);
    if (d.hasNonNull("earliest-expiry")) {
      out.printf("  earliest RRSIG expiry %s (%s), %d RRSIGs%n", time(d.get("earliest-expiry")),
          d.path("earliest-expiring").asText(), d.path("rrsigs").asLong());
    }
    for (JsonNode p : d.path("problems")) {
      out.printf("  DNSSEC problem: %s%n", p.asText());
    }
  }

  private static String description(JsonNode z) {
    String origin = "api".equals(z.path("source").asText()) ? "created through the API" : "from the config file";
    return switch (z.path("kind").asText()) {
      case "file" -> "primary, read from a zone file (" + origin + "); change the file and run 'tandem reload'";
      case "managed" -> "primary, managed through the API (" + origin + ")";
      case "secondary" -> "secondary, transferred from its primaries (" + origin + ")";
      default -> z.path("type").asText();
    };
  }

  private static void refresh(JsonNode r, PrintWriter out) {
    out.println();
    out.println("Refresh from the primaries:");
    TextTable t = new TextTable("", "").indent("  ");
    t.row("last attempt", time(r.get("last-attempt")));
    t.row("last success", time(r.get("last-success")));
    t.row("last result", text(r.get("last-result")));
    t.row("next refresh", r.path("refreshing").asBoolean() ? "running now" : time(r.get("next-refresh")));
    t.row("expires at", time(r.get("expire-at")));
    printWithoutHeader(t, out);
    TextTable p = new TextTable("PRIMARY", "LAST GOOD", "FAILING UNTIL").indent("  ");
    for (JsonNode pm : r.path("primaries")) {
      p.row(pm.path("primary").asText(), pm.path("last-good").asBoolean() ? "yes" : "no", time(pm.get("failing-until")));
    }
    p.print(out);
  }

  private static void notifyTargets(JsonNode notify, PrintWriter out) {
    if (notify.isEmpty()) {
      return;
    }
    out.println();
    out.println("NOTIFY targets:");
    TextTable t = new TextTable("TARGET", "KEY", "SERIAL", "STATE", "SINCE", "ATTEMPTS", "LAST ERROR").indent("  ");
    for (JsonNode n : notify) {
      t.row(n.path("target").asText(), text(n.get("key")), text(n.get("serial")), text(n.get("state")), time(n.get("since")),
          text(n.get("attempts")), text(n.get("last-error")));
    }
    t.print(out);
  }

  /** The downstream secondaries, and for each whether it has the latest change and after how long. */
  private static void downstreams(JsonNode z, PrintWriter out) {
    JsonNode ds = z.path("propagation").path("downstreams");
    JsonNode latest = latestChange(z);
    out.println();
    if (ds.isEmpty()) {
      out.println("Downstream secondaries: none known yet (NOTIFY targets, and servers that transfer the zone, show up here)");
      return;
    }
    String serial = text(z.get("serial"));
    if (latest != null) {
      out.printf("Downstream secondaries: who has serial %s, the latest change (committed %s)?%n", serial,
          time(latest.get("committed")));
    } else {
      out.printf("Downstream secondaries: who has serial %s?%n", serial);
    }
    TextTable t = new TextTable("SECONDARY", "SERIAL", "LAG", "HAS LATEST", "REACHED AFTER", "LEARNED FROM", "AT").indent("  ");
    List<String> waiting = new ArrayList<>();
    int have = 0;
    for (JsonNode d : ds) {
      String name = d.path("downstream").asText();
      boolean has = d.hasNonNull("lag") && d.get("lag").asLong() == 0;
      JsonNode reached = latest == null ? null : latest.path("reached-ms").get(name);
      String hasText = has ? "yes" : d.hasNonNull("lag") ? "NO" : "unknown";
      t.row(name, text(d.get("serial")), text(d.get("lag")), hasText,
          reached == null ? null : millis(reached.asLong()), how(d.get("how")), time(d.get("learned")));
      if (has) {
        have++;
      } else {
        waiting.add(name);
      }
    }
    t.print(out);
    out.printf("  => serial %s is on %d of %d secondaries%s%n", serial, have, ds.size(),
        waiting.isEmpty() ? "" : "; not yet on " + String.join(", ", waiting));
  }

  private static void changes(JsonNode changes, PrintWriter out) {
    if (changes.isEmpty()) {
      return;
    }
    out.println();
    out.println("Recent changes (newest first), and when each secondary had it:");
    TextTable t = new TextTable("SERIAL", "COMMITTED", "REACHED").indent("  ");
    for (JsonNode c : changes) {
      List<String> reached = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = c.path("reached-ms").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        reached.add(e.getKey() + " after " + millis(e.getValue().asLong()));
      }
      reached.sort(null);
      t.row(text(c.get("serial")), time(c.get("committed")), reached.isEmpty() ? "no secondary yet" : String.join(", ", reached));
    }
    t.print(out);
  }

  private static void settings(JsonNode s, PrintWriter out) {
    if (s.isMissingNode() || s.isEmpty()) {
      return;
    }
    out.println();
    out.println("Settings:");
    TextTable t = new TextTable("", "").indent("  ");
    for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("name") || e.getKey().equals("type")) {
        continue;
      }
      t.row(e.getKey(), settingText(e.getValue()));
    }
    printWithoutHeader(t, out);
  }

  private static String settingText(JsonNode v) {
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(i -> items.add(i.asText()));
      return items.isEmpty() ? "(none)" : String.join(", ", items);
    }
    if (v.isObject()) {
      List<String> items = new ArrayList<>();
      v.fields().forEachRemaining(e -> items.add(e.getKey() + "=" + e.getValue().asText()));
      items.sort(null);
      return String.join(", ", items);
    }
    return v.asText();
  }

  /** The change whose serial the zone serves now, else the newest one listed; null when none is listed. */
  private static JsonNode latestChange(JsonNode z) {
    JsonNode changes = z.path("propagation").path("changes");
    for (JsonNode c : changes) {
      if (z.hasNonNull("serial") && c.path("serial").asLong() == z.get("serial").asLong()) {
        return c;
      }
    }
    return changes.isEmpty() ? null : changes.get(0);
  }

  private static void printWithoutHeader(TextTable t, PrintWriter out) {
    java.io.StringWriter buffer = new java.io.StringWriter();
    t.print(new PrintWriter(buffer));
    String text = buffer.toString();
    out.print(text.substring(text.indexOf('\n') + 1));
  }

  static String kind(JsonNode z) {
    return switch (z.path("kind").asText()) {
      case "managed" -> "api";
      case "secondary" -> "primaries";
      default -> z.path("kind").asText();
    };
  }

  static String state(JsonNode z) {
    if (z.path("expired").asBoolean()) {
      return "EXPIRED (answers SERVFAIL)";
    }
    return z.hasNonNull("serial") ? "served" : "no data yet";
  }

  private static String how(JsonNode how) {
    if (how == null || how.isNull()) {
      return null;
    }
    return switch (how.asText()) {
      case "soa" -> "its SOA answer";
      case "ixfr-request" -> "its IXFR request";
      case "transfer" -> "a transfer to it";
      default -> how.asText();
    };
  }

  static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  /** An instant to the second, e.g. {@code 2026-11-21T13:04:51Z}. */
  static String time(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    try {
      return Instant.parse(n.asText()).truncatedTo(ChronoUnit.SECONDS).toString();
    } catch (DateTimeParseException e) {
      return n.asText();
    }
  }

  /** Milliseconds for people: {@code 85 ms}, {@code 1.3 s}, {@code 2 min 5 s}. */
  static String millis(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = ms / 1000;
    return s / 60 + " min " + s % 60 + " s";
  }
}
