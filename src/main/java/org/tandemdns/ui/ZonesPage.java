package org.tandemdns.ui;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.api.ApiCaller;
import org.tandemdns.config.ApiToken.Role;
import org.tandemdns.config.ZoneType;
import org.tandemdns.monitor.check.CheckReport;
import org.tandemdns.monitor.check.NameserverReport;
import org.tandemdns.propagation.ZonePropagation;
import org.tandemdns.zone.ZoneSnapshot;

/**
 * {@code /ui/}: every zone the token may see, with type, serial, state and a propagation strip:
 * each downstream secondary (serial, lag) and each nameserver the monitor checks (serial, content),
 * green when it has the latest; filtered by state and by a part of the name, {@link #PAGE} at a time;
 * a form to create a zone for zone admins.
 */
final class ZonesPage {
  /** Zones per page: a server with 100,000 zones still answers with a page a browser draws at once. */
  static final int PAGE = 200;

  private ZonesPage() {}

  /**
   * @param search a part of the zone names to show, or null for all
   * @param page which {@link #PAGE} of the matching zones (from 0)
   */
  static String render(ConsoleServices s, ApiCaller caller, String csrf, ZoneState filter, String search, int page) {
    Instant now = s.clock().instant();
    String q = search == null ? "" : search.trim().toLowerCase(java.util.Locale.ROOT);
    StringBuilder b = new StringBuilder();
    b.append("<h1>Zones</h1><nav class=\"filters\" id=\"filters\">")
        .append(filterLink(null, filter, "all", q));
    for (ZoneState z : ZoneState.values()) {
      b.append(filterLink(z, filter, z.label(), q));
    }
    b.append("<form method=\"get\" action=\"/ui/\" class=\"search\">")
        .append(filter == null ? "" : "<input type=\"hidden\" name=\"state\" value=\"" + filter.label() + "\">")
        .append("<input type=\"search\" name=\"q\" id=\"search\" placeholder=\"zone name contains…\" value=\"").append(Html.esc(q))
        .append("\"><button type=\"submit\">Find</button></form></nav>");
    if (caller.role().includes(Role.ZONE_ADMIN)) {
      b.append(createForm(caller));
    }
    List<ZoneRegistry.Entry> zones = s.registry().all().stream().filter(e -> caller.covers(e.config().name()))
        .filter(e -> q.isEmpty() || e.config().name().toString().toLowerCase(java.util.Locale.ROOT).contains(q))
        .sorted(Comparator.comparing(e -> e.config().name())).toList();
    b.append("<table id=\"zones\"><thead><tr><th>Zone</th><th>Type</th><th>Serial</th><th>State</th>")
        .append("<th>Propagation: secondaries and monitored nameservers</th></tr></thead><tbody>");
    int shown = 0;
    for (ZoneRegistry.Entry e : zones) {
      ZonePropagation p = s.propagation().status(e.config().name());
      Optional<CheckReport> report = s.monitor().flatMap(m -> m.latest(e.config().name().toString()));
      Set<ZoneState> states = ZoneState.of(e, p, report, now);
      if (filter != null && !states.contains(filter)) {
        continue;
      }
      shown++;
      if (shown <= page * PAGE || shown > (page + 1) * PAGE) {
        continue;
      }
      ZoneSnapshot snap = e.served().snapshot();
      String name = e.config().name().toString();
      b.append("<tr data-zone=\"").append(Html.esc(name)).append("\"><td><a href=\"/ui/zones/").append(Html.esc(Html.segment(name)))
          .append("\">").append(Html.esc(name)).append("</a></td><td>").append(Html.esc(kind(e))).append("</td><td class=\"serial\">")
          .append(snap == null ? "—" : snap.serial()).append("</td><td>");
      if (e.served().expired()) {
        b.append("<span class=\"badge bad\">expired</span>");
      }
      for (ZoneState z : states) {
        b.append("<span class=\"badge ").append(z == ZoneState.SIGNED ? "info" : "bad").append("\">").append(z.label()).append("</span>");
      }
      b.append("</td><td class=\"strip\">").append(strip(p, report)).append("</td></tr>");
    }
    b.append("</tbody></table>");
    if (shown > PAGE) {
      int pages = (shown + PAGE - 1) / PAGE;
      b.append("<p class=\"pages\" id=\"pages\">zones ").append(Math.min(shown, page * PAGE + 1)).append("–")
          .append(Math.min(shown, (page + 1) * PAGE)).append(" of ").append(shown);
      String keep = (filter == null ? "" : "&state=" + filter.label()) + (q.isEmpty() ? "" : "&q=" + Html.esc(Html.segment(q)));
      if (page > 0) {
        b.append(" · <a href=\"/ui/?page=").append(page - 1).append(keep).append("\" id=\"previous\">‹ previous</a>");
      }
      if (page + 1 < pages) {
        b.append(" · <a href=\"/ui/?page=").append(page + 1).append(keep).append("\" id=\"next\">next ›</a>");
      }
      b.append("</p>");
    }
    if (shown == 0) {
      b.append("<p class=\"empty\" id=\"no-zones\">").append(filter == null ? "No zones yet." : "No zone is " + filter.label() + ".")
          .append("</p>");
    }
    return Layout.page("Zones", caller, csrf, b.toString());
  }

  /** One chip per downstream and per monitored nameserver: who, its serial, whether it has the latest. */
  static String strip(ZonePropagation p, Optional<CheckReport> report) {
    StringBuilder b = new StringBuilder();
    for (ZonePropagation.Downstream d : p.downstreams()) {
      String cls = d.serial() < 0 ? "unknown" : d.lag() == 0 ? "ok" : "behind";
      b.append("<span class=\"chip ").append(cls).append("\" title=\"secondary ").append(Html.esc(d.downstream()))
          .append(d.serial() < 0 ? ": not seen yet" : ": serial " + d.serial() + ", " + d.lag() + " behind, learnt by " + d.how())
          .append("\">").append(Html.esc(d.downstream())).append(' ').append(d.serial() < 0 ? "?" : String.valueOf(d.serial()))
          .append("</span>");
    }
    report.ifPresent(r -> {
      for (NameserverReport n : r.nameservers()) {
        boolean ok = n.serial() != null && (n.lag() == null || n.lag() == 0) && !n.contentDiffers();
        String cls = n.serial() == null ? "unknown" : ok ? "ok" : "behind";
        b.append("<span class=\"chip monitored ").append(cls).append("\" title=\"monitored nameserver ").append(Html.esc(n.name()))
            .append(" (").append(Html.esc(n.address())).append("): ").append(Html.esc(n.health())).append(", content ")
            .append(Html.esc(n.content())).append("\">").append(Html.esc(n.name())).append(' ')
            .append(n.serial() == null ? "?" : String.valueOf(n.serial())).append(n.contentDiffers() ? " drift" : "").append("</span>");
      }
    });
    if (b.length() == 0) {
      b.append("<span class=\"none\">no secondaries known</span>");
    }
    return b.toString();
  }

  static String kind(ZoneRegistry.Entry e) {
    return e.config().consumesCatalog() ? "catalog consumer" : e.config().type() == ZoneType.SECONDARY ? "secondary"
        : e.config().producesCatalog() ? "catalog" : e.config().managed() ? "primary (managed)" : "primary (file)";
  }

  private static String filterLink(ZoneState z, ZoneState current, String label, String q) {
    boolean on = z == current;
    String query = (z == null ? "" : "state=" + z.label()) + (q.isEmpty() ? "" : (z == null ? "" : "&") + "q=" + Html.segment(q));
    return "<a href=\"/ui/" + (query.isEmpty() ? "" : "?" + Html.esc(query)) + "\"" + (on ? " class=\"on\"" : "") + ">"
        + Html.esc(label) + "</a>";
  }

  private static String createForm(ApiCaller caller) {
    return "<details class=\"create\"><summary id=\"new-zone\">New zone</summary>"
        + "<form id=\"create-zone\" class=\"api-form\" data-kind=\"create-zone\">"
        + "<label>Name <input name=\"name\" id=\"zone-name\" required placeholder=\"example.com\"></label>"
        + "<label>Nameservers <input name=\"nameservers\" id=\"zone-ns\" required placeholder=\"ns1.example.net. ns2.example.org.\"></label>"
        + "<label>Secondaries (NOTIFY and transfers) <input name=\"secondaries\" id=\"zone-secondaries\" placeholder=\"192.0.2.53 [2001:db8::53]:5300\"></label>"
        + (caller.zones().isEmpty() ? "" : "<p class=\"hint\">This token may create zones matching "
            + Html.esc(String.join(", ", caller.zones().stream().map(Object::toString).toList())) + ".</p>")
        + "<button type=\"submit\" id=\"create\">Create</button><output class=\"message\"></output></form></details>";
  }
}
