package org.tandemdns.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One request to the web console and its answer, as {@link WebConsole} sees them. */
public final class ConsoleExchange {
  private final Exchange ex;
  private final ApiCaller caller;
  private final String csrf;

  ConsoleExchange(Exchange ex, ApiCaller caller, String csrf) {
    this.ex = ex;
    this.caller = caller;
    this.csrf = csrf;
  }

  public String method() {
    return ex.method;
  }

  /** The path's segments after {@code ui}, decoded. */
  public List<String> path() {
    return ex.path.subList(1, ex.path.size());
  }

  /** A query parameter, or null. */
  public String query(String name) {
    return ex.queryParam(name);
  }

  /** The fields of an {@code application/x-www-form-urlencoded} body. */
  public Map<String, String> form() {
    return ex.form();
  }

  /** Who is logged in, or null on the login page and for static files. */
  public ApiCaller caller() {
    return caller;
  }

  /** The session's CSRF token, for the page to hand to its scripts (null without a session). */
  public String csrf() {
    return csrf;
  }

  public void html(int status, String html) {
    ex.setResponseHeader("Cache-Control", "no-store");
    ex.respond(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  public void json(int status, Object value) {
    ex.setResponseHeader("Cache-Control", "no-store");
    ex.respondJson(status, value);
  }

  /** A static file: cacheable for an hour. */
  public void file(String contentType, byte[] content) {
    ex.setResponseHeader("Cache-Control", "max-age=3600");
    ex.respond(200, contentType, content);
  }

  /** 303 See Other to {@code location} (a path on this server). */
  public void redirect(String location) {
    ex.redirect(location);
  }

  public void events(EventStream source) {
    ex.respondEvents(source);
  }
}
