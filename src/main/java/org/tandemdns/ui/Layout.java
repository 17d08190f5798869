package org.tandemdns.ui;

import org.tandemdns.api.ApiCaller;

/** The frame of every console page: head (the console's own CSS and script), navigation, who is logged in. */
final class Layout {
  private Layout() {}

  static String page(String title, ApiCaller caller, String csrf, String body) {
    StringBuilder h = new StringBuilder(4096 + body.length());
    h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(Html.esc(title)).append(" · Tandem</title>")
        .append("<link rel=\"stylesheet\" href=\"/ui/static/console.css\">")
        .append("<script type=\"module\" src=\"/ui/static/console.js\"></script>");
    if (csrf != null) {
      h.append("<meta name=\"csrf\" content=\"").append(Html.esc(csrf)).append("\">");
    }
    h.append("</head><body>");
    if (caller != null) {
      h.append("<header><nav><a class=\"brand\" href=\"/ui/\">Tandem</a><a href=\"/ui/\">Zones</a><a href=\"/ui/alerts\">Alerts</a>")
          .append("<span class=\"who\" id=\"who\">").append(Html.esc(caller.name())).append(" · ")
          .append(Html.esc(caller.role().configName()))
          .append(caller.zones().isEmpty() ? "" : " · " + Html.esc(String.join(", ", caller.zones().stream().map(Object::toString).toList())))
          .append("</span><form method=\"post\" action=\"/ui/logout\"><input type=\"hidden\" name=\"csrf\" value=\"")
          .append(Html.esc(csrf)).append("\"><button type=\"submit\" id=\"logout\">Log out</button></form></nav></header>");
    }
    h.append("<main>").append(body).append("</main></body></html>\n");
    return h.toString();
  }
}
