package org.tandemdns.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.api.ConsoleExchange;
import org.tandemdns.api.WebConsole;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The console's pages: {@code /ui/} the zones, {@code /ui/zones/ZONE} one zone (records, history,
 * propagation, check), {@code /ui/zones/ZONE/follow?serial=N} the events of one change reaching
 * each downstream, {@code /ui/alerts}, {@code /ui/login}, and the static files. A zone the token
 * may not touch is 403, as in the API.
 */
public final class Console implements WebConsole, AutoCloseable {
  private static final Map<String, String> STATIC = Map.of("console.css", "text/css; charset=utf-8", "console.js",
      "text/javascript; charset=utf-8");

  private final ConsoleServices services;
  private final QueryRateSampler rates;

  public Console(ConsoleServices services) {
    this.services = services;
    this.rates = new QueryRateSampler(services.metrics());
  }

  @Override
  public void handle(ConsoleExchange ex) throws IOException {
    List<String> p = ex.path();
    String page = p.isEmpty() ? "" : p.get(0);
    switch (page) {
      case "static" -> serveStatic(ex, p.size() == 2 ? p.get(1) : "");
      case "login" -> ex.html(200, LoginPage.render(ex.query("failed") != null));
      case "" -> ex.html(200, ZonesPage.render(services, ex.caller(), ex.csrf(), ZoneState.parse(ex.query("state")), ex.query("q"),
          (int) Math.max(0, Math.min(1_000_000, parseNumber(ex.query("page"))))));
      case "alerts" -> ex.html(200, AlertsPage.render(services, rates, ex.caller(), ex.csrf()));
      case "zones" -> zone(ex, p);
      default -> notFound(ex, "no such page");
    }
  }

  private void zone(ConsoleExchange ex, List<String> p) {
    if (p.size() < 2) {
      ex.redirect("/ui/");
      return;
    }
    Name name;
    try {
      name = Name.fromString(p.get(1).endsWith(".") ? p.get(1) : p.get(1) + ".");
    } catch (TextParseException e) {
      notFound(ex, "'" + p.get(1) + "' is not a zone name");
      return;
    }
    if (!ex.caller().covers(name)) {
      ex.html(403, Layout.page("Not allowed", ex.caller(), ex.csrf(), "<p class=\"error\" id=\"forbidden\">Token "
          + Html.esc(ex.caller().name()) + " may not see zone " + Html.esc(name) + ".</p>"));
      return;
    }
    ZoneRegistry.Entry zone = services.registry().get(name);
    if (zone == null) {
      notFound(ex, "no zone " + name + " here");
      return;
    }
    String action = p.size() > 2 ? p.get(2) : "";
    switch (action) {
      case "" -> ex.html(200, ZonePage.render(services, zone, ex.caller(), ex.csrf(), null));
      case "follow" -> ex.events(new FollowStream(services, name, parseNumber(ex.query("serial"))));
      case "check" -> {
        if (!ex.method().equals("POST")) {
          ex.redirect("/ui/zones/" + Html.segment(name.toString()));
          return;
        }
        ex.html(200, ZonePage.render(services, zone, ex.caller(), ex.csrf(), ZoneCheckRun.run(services, zone)));
      }
      default -> notFound(ex, "no such page");
    }
  }

  /** A whole number from the query, or -1 when it is missing or not one. */
  private static long parseNumber(String s) {
    try {
      return s == null ? -1 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void notFound(ConsoleExchange ex, String why) {
    ex.html(404, Layout.page("Not found", ex.caller(), ex.csrf(), "<p class=\"error\">" + Html.esc(why)
        + ". <a href=\"/ui/\">All zones</a></p>"));
  }

  private static void serveStatic(ConsoleExchange ex, String file) throws IOException {
    String type = STATIC.get(file);
    if (type == null) {
      ex.html(404, "not found");
      return;
    }
    try (InputStream in = Console.class.getResourceAsStream("/ui/" + file)) {
      if (in == null) {
        throw new IOException("the console's " + file + " is missing from the jar");
      }
      ex.file(type, in.readAllBytes());
    }
  }

  @Override
  public void close() {
    rates.close();
  }
}
