package org.tandemdns.api;

import java.io.IOException;

/**
 * The web console, served under {@code /ui} on the API's listener. The API does the sessions
 * (cookie, CSRF token, the token looked up again on each request) and the security headers; the
 * console renders pages and answers its own reads. Its changes go through the JSON API.
 */
public interface WebConsole {
  /**
   * Answers {@code ex}: the login page and static files without a session ({@link
   * ConsoleExchange#caller()} null), everything else with one.
   */
  void handle(ConsoleExchange ex) throws IOException;
}
