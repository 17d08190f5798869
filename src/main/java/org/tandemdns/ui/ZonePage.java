package org.tandemdns.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.api.ApiCaller;
import org.tandemdns.config.ApiToken.Role;
import org.tandemdns.config.ZoneType;
import org.tandemdns.dnssec.ZoneSigner;
import org.tandemdns.monitor.check.CheckReport;
import org.tandemdns.monitor.check.NameserverReport;
import org.tandemdns.notify.NotifyStatus;
import org.tandemdns.propagation.ZonePropagation;
import org.tandemdns.store.HistoryEntry;
import org.tandemdns.store.StoreException;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * {@code /ui/zones/ZONE}: the zone's RRsets with add, edit and delete (through the API, with the
 * serial the page was drawn at, so a change made meanwhile is refused with a clear message);
 * "where is my change" for the last save; propagation to each secondary with a chart of the last
 * changes; the monitor's nameservers; NOTIFY state; the history with diffs; a check on demand.
 */
final class ZonePage {
  static final int MAX_RRSETS = 500;
  static final int HISTORY = 20;

  private ZonePage() {}

  static String render(ConsoleServices s, ZoneRegistry.Entry e, ApiCaller caller, String csrf, String checkReport) {
    Name origin = e.config().name();
    String name = origin.toString();
    ZoneSnapshot snap = e.served().snapshot();
    boolean editable = e.config().type() != ZoneType.SECONDARY && e.config().managed() && !e.config().producesCatalog()
        && caller.may(Role.RECORDS_EDITOR, origin) && snap != null;
    StringBuilder b = new StringBuilder();
    b.append("<section class=\"zone\" id=\"zone\" data-zone=\"").append(Html.esc(name)).append("\" data-serial=\"")
        .append(snap == null ? "" : snap.serial()).append("\"><h1>").append(Html.esc(name)).append("</h1><p class=\"facts\">")
        .append(Html.esc(ZonesPage.kind(e))).append(" · serial <span id=\"serial\">").append(snap == null ? "none yet" : snap.serial())
        .append("</span> · ").append(snap == null ? 0 : snap.recordCount()).append(" records")
        .append(snap != null && snap.signed() ? " · <span class=\"badge info\" id=\"signed\">signed</span>" : "")
        .append(e.served().expired() ? " · <span class=\"badge bad\">expired</span>" : "").append("</p></section>");
    b.append("<section id=\"follow\" class=\"follow\" hidden><h2>Where is my change</h2><p class=\"message\"></p>")
        .append("<table><thead><tr><th>Secondary or nameserver</th><th>Has serial</th><th>After</th></tr></thead><tbody></tbody></table></section>");
    b.append(records(snap, origin, editable));
    if (editable) {
      b.append(editForm());
    } else if (snap != null && !caller.may(Role.RECORDS_EDITOR, origin)) {
      b.append("<p class=\"hint\" id=\"read-only\">This token may read this zone, not change it.</p>");
    } else if (snap != null) {
      b.append("<p class=\"hint\" id=\"not-editable\">").append(Html.esc(e.config().type() == ZoneType.SECONDARY
          ? "A secondary: change it at its primary." : "Read from " + e.config().file() + ": edit the file and reload it."))
          .append("</p>");
    }
    ZonePropagation p = s.propagation().status(origin);
    b.append(propagation(p));
    Optional<CheckReport> report = s.monitor().flatMap(m -> m.latest(name));
    report.ifPresent(r -> b.append(monitored(r)));
    b.append(notify(s.notifier() == null ? List.of() : s.notifier().status(origin)));
    b.append(history(s, origin));
    b.append("<section id=\"check\"><h2>Check</h2><form method=\"post\" action=\"/ui/zones/").append(Html.esc(Html.segment(name)))
        .append("/check\"><input type=\"hidden\" name=\"csrf\" value=\"").append(Html.esc(csrf))
        .append("\"><button type=\"submit\" id=\"run-check\">Check every nameserver now</button></form>");
    if (checkReport != null) {
      b.append("<pre id=\"check-report\">").append(Html.esc(checkReport)).append("</pre>");
    }
    b.append("</section><section id=\"dnssec\"><h2>DNSSEC</h2><p>")
        .append(snap != null && snap.signed() ? "Served signed. Keys, signatures and rollovers: <a href=\"/api/v1/zones/"
            + Html.esc(Html.segment(name)) + "/dnssec\">DNSSEC status</a> (<code>tandem dnssec status " + Html.esc(name) + "</code>)."
            : "Not signed.")
        .append("</p></section>");
    return Layout.page(name, caller, csrf, b.toString());
  }

  private static String records(ZoneSnapshot snap, Name origin, boolean editable) {
    StringBuilder b = new StringBuilder("<section id=\"records\"><h2>Records</h2>");
    if (snap == null) {
      return b.append("<p class=\"empty\">No data yet.</p></section>").toString();
    }
    b.append("<table id=\"rrsets\"><thead><tr><th>Name</th><th>Type</th><th>TTL</th><th>Data</th><th></th></tr></thead><tbody>");
    int shown = 0;
    for (Node n : snap.nodes()) {
      for (int i = 0; i < n.rrsetCount() && shown < MAX_RRSETS; i++) {
        Record[] set = n.rrsetAt(i);
        int type = set[0].getType();
        if (type == Type.RRSIG) {
          continue;
        }
        shown++;
        String owner = set[0].getName().equals(origin) ? "@" : set[0].getName().relativize(origin).toString();
        List<String> data = new ArrayList<>();
        for (Record r : set) {
          data.add(r.rdataToString());
        }
        b.append("<tr data-name=\"").append(Html.esc(owner)).append("\" data-type=\"").append(Html.esc(Type.string(type)))
            .append("\" data-ttl=\"").append(set[0].getTTL()).append("\"><td>").append(Html.esc(owner)).append("</td><td>")
            .append(Html.esc(Type.string(type))).append("</td><td>").append(set[0].getTTL()).append("</td><td><ul class=\"rdata\">");
        for (String d : data) {
          b.append("<li>").append(Html.esc(d)).append("</li>");
        }
        b.append("</ul></td><td>");
        if (editable && type != Type.SOA && !ZoneSigner.managed(type)) {
          b.append("<button type=\"button\" class=\"edit\">Edit</button><button type=\"button\" class=\"delete\">Delete</button>");
        }
        b.append("</td></tr>");
      }
    }
    b.append("</tbody></table>");
    if (shown >= MAX_RRSETS) {
      b.append("<p class=\"hint\">The first ").append(MAX_RRSETS).append(" RRsets; the rest through <code>tandem record list</code>.</p>");
    }
    return b.append("</section>").toString();
  }

  private static String editForm() {
    return "<section id=\"edit\"><h2>Add or change an RRset</h2><form id=\"rrset-form\" class=\"api-form\" data-kind=\"rrset\">"
        + "<label>Name <input name=\"name\" id=\"rr-name\" required placeholder=\"www or @\"></label>"
        + "<label>Type <input name=\"type\" id=\"rr-type\" required placeholder=\"A\" size=\"8\"></label>"
        + "<label>TTL <input name=\"ttl\" id=\"rr-ttl\" type=\"number\" min=\"0\" value=\"3600\" size=\"8\"></label>"
        + "<label>Data, one record per line <textarea name=\"records\" id=\"rr-data\" rows=\"3\" required placeholder=\"192.0.2.1\"></textarea></label>"
        + "<button type=\"submit\" id=\"save\">Save</button><output class=\"message\" id=\"save-message\"></output></form></section>";
  }

  private static String propagation(ZonePropagation p) {
    StringBuilder b = new StringBuilder("<section id=\"propagation\"><h2>Secondaries</h2>");
    if (p.downstreams().isEmpty()) {
      return b.append("<p class=\"empty\">No downstream secondary known yet (NOTIFY targets, or servers that transferred the zone).</p></section>")
          .toString();
    }
    b.append("<table id=\"downstreams\"><thead><tr><th>Secondary</th><th>Serial</th><th>Behind</th><th>Learnt</th><th>How</th></tr></thead><tbody>");
    for (ZonePropagation.Downstream d : p.downstreams()) {
      b.append("<tr class=\"").append(d.serial() < 0 ? "unknown" : d.lag() == 0 ? "ok" : "behind").append("\"><td>")
          .append(Html.esc(d.downstream())).append("</td><td>").append(d.serial() < 0 ? "?" : String.valueOf(d.serial()))
          .append("</td><td>").append(d.lag() < 0 ? "?" : String.valueOf(d.lag())).append("</td><td>")
          .append(Html.esc(d.learned() == null ? "" : d.learned().toString())).append("</td><td>").append(Html.esc(d.how()))
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    List<ZonePropagation.Change> changes = new ArrayList<>(p.changes());
    java.util.Collections.reverse(changes);
    if (!changes.isEmpty()) {
      List<String> labels = changes.stream().map(c -> String.valueOf(c.serial())).toList();
      List<SvgChart.Series> series = new ArrayList<>();
      for (ZonePropagation.Downstream d : p.downstreams()) {
        List<Double> ms = changes.stream().map(c -> c.reachedMillis().containsKey(d.downstream())
            ? (Double) (double) c.reachedMillis().get(d.downstream()) : null).toList();
        series.add(new SvgChart.Series(d.downstream(), ms));
      }
      b.append(SvgChart.lines("propagation-chart", "Time from commit to each secondary, last changes (by serial)", "ms", labels, series));
    }
    return b.append("</section>").toString();
  }

  private static String monitored(CheckReport r) {
    StringBuilder b = new StringBuilder("<section id=\"monitored\"><h2>Monitored nameservers</h2><p>Last check ")
        .append(Html.esc(r.checkedAt())).append(": ").append(Html.esc(r.verdict())).append("</p>")
        .append("<table><thead><tr><th>Nameserver</th><th>Address</th><th>Health</th><th>Serial</th><th>Behind</th><th>Content</th></tr></thead><tbody>");
    for (NameserverReport n : r.nameservers()) {
      b.append("<tr><td>").append(Html.esc(n.name())).append("</td><td>").append(Html.esc(n.address())).append("</td><td>")
          .append(Html.esc(n.health())).append(n.problem() == null ? "" : ": " + Html.esc(n.problem())).append("</td><td>")
          .append(n.serial() == null ? "?" : n.serial()).append("</td><td>").append(n.lag() == null ? "?" : n.lag()).append("</td><td>")
          .append(Html.esc(n.content())).append(n.drifted() > 0 ? " (" + n.drifted() + " RRsets differ)" : "").append("</td></tr>");
    }
    return b.append("</tbody></table></section>").toString();
  }

  private static String notify(List<NotifyStatus> targets) {
    StringBuilder b = new StringBuilder("<section id=\"notify\"><h2>NOTIFY</h2>");
    if (targets.isEmpty()) {
      return b.append("<p class=\"empty\">No NOTIFY sent yet.</p></section>").toString();
    }
    b.append("<table><thead><tr><th>Target</th><th>Serial</th><th>State</th><th>Since</th><th>Attempts</th><th>Last error</th></tr></thead><tbody>");
    for (NotifyStatus t : targets) {
      b.append("<tr><td>").append(Html.esc(t.target())).append(t.key() == null ? "" : " key " + Html.esc(t.key())).append("</td><td>")
          .append(t.serial()).append("</td><td>").append(Html.esc(t.state())).append("</td><td>").append(Html.esc(t.since()))
          .append("</td><td>").append(t.attempts()).append("</td><td>").append(Html.esc(t.lastError())).append("</td></tr>");
    }
    return b.append("</tbody></table></section>").toString();
  }

  private static String history(ConsoleServices s, Name origin) {
    StringBuilder b = new StringBuilder("<section id=\"history\"><h2>History</h2>");
    List<HistoryEntry> entries;
    try {
      entries = s.registry().history(origin, HISTORY, 0);
    } catch (StoreException e) {
      return b.append("<p class=\"error\">The history cannot be read: ").append(Html.esc(e.getMessage())).append("</p></section>").toString();
    }
    if (entries.isEmpty()) {
      return b.append("<p class=\"empty\">No change since the zone's first version.</p></section>").toString();
    }
    b.append("<ol class=\"history\">");
    for (HistoryEntry h : entries) {
      b.append("<li data-serial=\"").append(h.diff().toSerial()).append("\"><p><time>").append(Html.esc(h.at().toString()))
          .append("</time> serial ").append(h.diff().fromSerial()).append(" → ").append(h.diff().toSerial()).append(" by <b>")
          .append(Html.esc(h.actor().via())).append(h.actor().who().isEmpty() ? "" : " " + Html.esc(h.actor().who())).append("</b>")
          .append(h.actor().address().isEmpty() ? "" : " from " + Html.esc(h.actor().address())).append("</p><pre class=\"diff\">");
      for (Record r : h.diff().deleted()) {
        b.append("<del>- ").append(Html.esc(r.toString())).append("</del>\n");
      }
      for (Record r : h.diff().added()) {
        b.append("<ins>+ ").append(Html.esc(r.toString())).append("</ins>\n");
      }
      b.append("</pre></li>");
    }
    return b.append("</ol></section>").toString();
  }
}
