package org.tandemdns.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.api.ApiCaller;
import org.tandemdns.monitor.Alert;

/**
 * {@code /ui/alerts}: the monitor's alerts, newest first (a token limited to zones sees theirs), a
 * timeline of each condition's bad spells over the alerts' span, and the query rate of the last hour.
 */
final class AlertsPage {
  private AlertsPage() {}

  static String render(ConsoleServices s, QueryRateSampler rates, ApiCaller caller, String csrf) {
    StringBuilder b = new StringBuilder("<h1>Alerts</h1>");
    List<Alert> alerts = s.monitor().map(m -> m.history().stream().filter(a -> caller.covers(a.zone())).toList()).orElse(null);
    if (alerts == null) {
      b.append("<p class=\"empty\" id=\"no-monitor\">The monitor is off: add zones under <code>monitor.zones</code> in the config.</p>");
    } else if (alerts.isEmpty()) {
      b.append("<p class=\"empty\" id=\"no-alerts\">No alerts: every monitored nameserver agrees.</p>");
    } else {
      b.append(timeline(alerts, s.clock().instant()));
      b.append("<table id=\"alerts\"><thead><tr><th>When</th><th>Zone</th><th>Condition</th><th>State</th><th>Nameserver</th>")
          .append("<th>What happened</th></tr></thead><tbody>");
      for (int i = alerts.size() - 1; i >= 0; i--) {
        Alert a = alerts.get(i);
        b.append("<tr class=\"").append(a.state().equals("recovered") ? "ok" : "bad").append("\"><td>").append(Html.esc(a.at()))
            .append("</td><td><a href=\"/ui/zones/").append(Html.esc(Html.segment(a.zone()))).append("\">").append(Html.esc(a.zone()))
            .append("</a></td><td class=\"condition\">").append(Html.esc(a.condition())).append("</td><td>").append(Html.esc(a.state()))
            .append("</td><td>").append(Html.esc(a.nameserver())).append("</td><td>").append(Html.esc(a.message())).append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    List<QueryRateSampler.Sample> samples = rates.samples();
    if (samples.size() >= 2) {
      List<String> labels = samples.stream().map(x -> x.at().toString().substring(11, 19)).toList();
      List<Double> values = samples.stream().map(QueryRateSampler.Sample::perSecond).toList();
      b.append(SvgChart.lines("query-rate", "Queries per second, last hour", "q/s", labels, List.of(new SvgChart.Series("queries", values))));
    } else {
      b.append("<p class=\"hint\" id=\"query-rate-pending\">The query-rate chart appears after ").append(2 * QueryRateSampler.PERIOD_SECONDS)
          .append(" s of samples.</p>");
    }
    return Layout.page("Alerts", caller, csrf, b.toString());
  }

  /** One row per condition (zone, kind, nameserver): red from each alert until it recovered. */
  private static String timeline(List<Alert> alerts, Instant now) {
    Map<String, List<long[]>> spells = new LinkedHashMap<>();
    Map<String, Long> open = new LinkedHashMap<>();
    long from = Instant.parse(alerts.get(0).at()).getEpochSecond();
    for (Alert a : alerts) {
      String key = a.zone() + " " + a.condition() + (a.nameserver() == null ? "" : " " + a.nameserver());
      long at = Instant.parse(a.at()).getEpochSecond();
      spells.computeIfAbsent(key, k -> new ArrayList<>());
      if (a.state().equals("recovered")) {
        Long start = open.remove(key);
        if (start != null) {
          spells.get(key).add(new long[] {start, at});
        }
      } else if (!a.state().equals("changed")) {
        open.putIfAbsent(key, at);
      }
    }
    long to = Math.max(now.getEpochSecond(), from + 60);
    open.forEach((k, start) -> spells.get(k).add(new long[] {start, to}));
    return SvgChart.timeline("monitor-timeline", "Monitor state over time (red: a condition is present)", from, to,
        new ArrayList<>(spells.keySet()), new ArrayList<>(spells.values()));
  }
}
