package org.tandemdns.api;

/**
 * The console's browser-side defences: a Content-Security-Policy that allows only this server's
 * own scripts, styles and connections (no inline script, no framing); a session cookie that
 * scripts cannot read ({@code HttpOnly}), that other sites' requests do not carry ({@code
 * SameSite=Strict}), and that is {@code Secure} over TLS; and a same-origin check on every change.
 */
final class ConsoleSecurity {
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
      + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private ConsoleSecurity() {}

  static void headers(Exchange ex) {
    ex.setResponseHeader("Content-Security-Policy", CSP);
    ex.setResponseHeader("X-Content-Type-Options", "nosniff");
    ex.setResponseHeader("X-Frame-Options", "DENY");
    ex.setResponseHeader("Referrer-Policy", "no-referrer");
  }

  static String sessionCookie(String id, boolean tls) {
    return ConsoleSessions.COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "")
        + "; Max-Age=" + ConsoleSessions.IDLE.toSeconds();
  }

  static String clearedCookie(boolean tls) {
    return ConsoleSessions.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "") + "; Max-Age=0";
  }

  /**
   * Refuses (403) a change whose {@code Origin} (or, without one, {@code Referer}) names another
   * site than the {@code Host} it was sent to; browsers send one of them with every form and fetch.
   */
  static void requireSameOrigin(Exchange ex) throws ApiException {
    String origin = ex.header("Origin");
    if (origin == null || origin.equals("null")) {
      origin = ex.header("Referer");
    }
    String host = ex.header("Host");
    if (origin == null || host == null) {
      return; // not a browser (curl, scripts): the CSRF token still applies
    }
    String authority = origin.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
    int slash = authority.indexOf('/');
    authority = slash < 0 ? authority : authority.substring(0, slash);
    if (!authority.equalsIgnoreCase(host)) {
      throw new ApiException(403, "this change comes from a page of " + authority + ", not of this server (" + host + ")");
    }
  }
}
