package org.tandemdns.ui;

/** {@code /ui/login}: a form for an API token (the one {@code tandem serve} wrote, or one of {@code tandem token add}). */
final class LoginPage {
  private LoginPage() {}

  static String render(boolean failed) {
    String body = "<section class=\"login\"><h1>Tandem</h1>"
        + (failed ? "<p class=\"error\" id=\"login-error\">That token is not known here. Check it, or make one with "
            + "<code>tandem token add</code>.</p>" : "")
        + "<form method=\"post\" action=\"/ui/login\"><label for=\"token\">API token</label>"
        + "<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" required autofocus>"
        + "<button type=\"submit\" id=\"login\">Log in</button></form>"
        + "<p class=\"hint\">On a new server the admin token is in <code>tandem-data/api.token</code>; "
        + "<code>tandem token add NAME --role read-only</code> makes more.</p></section>";
    return Layout.page("Log in", null, null, body);
  }
}
