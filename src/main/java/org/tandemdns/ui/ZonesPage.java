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
 * green when it has the latest; filtered by state; a form to create a zone for zone admins.
 */
final class ZonesPage {
  private ZonesPage() {}

  static String render(ConsoleServices s, ApiCaller caller, String csrf, ZoneState filter) {
    Instant now = s.clock().instant();
    StringBuilder b = new StringBuilder();
    b.append("<h1>Zones</h1><nav class=\"filters\" id=\"filters\">")
        .append(filterLink(null, filter, "all"));
    for (ZoneState z : ZoneState.values()) {
      b.append(filterLink(z, filter, z.label()));
    }
    b.append("</nav>");
    if (caller.role().includes(Role.ZONE_ADMIN)) {
      b.append(createForm(caller));
    }
    List<ZoneRegistry.Entry> zones = s.registry().all().stream().filter(e -> caller.covers(e.config().name()))
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
        boolean ok = n.serial() != null && (n.lag() == null || n.lag() == 0) && !ZoneState.drifted(n);
        String cls = n.serial() == null ? "unknown" : ok ? "ok" : "behind";
        b.append("<span class=\"chip monitored ").append(cls).append("\" title=\"monitored nameserver ").append(Html.esc(n.name()))
            .append(" (").append(Html.esc(n.address())).append("): ").append(Html.esc(n.health())).append(", content ")
            .append(Html.esc(n.content())).append("\">").append(Html.esc(n.name())).append(' ')
            .append(n.serial() == null ? "?" : String.valueOf(n.serial())).append(ZoneState.drifted(n) ? " drift" : "").append("</span>");
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

  private static String filterLink(ZoneState z, ZoneState current, String label) {
    boolean on = z == current;
    return "<a href=\"/ui/" + (z == null ? "" : "?state=" + z.label()) + "\"" + (on ? " class=\"on\"" : "") + ">" + Html.esc(label) + "</a>";
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
