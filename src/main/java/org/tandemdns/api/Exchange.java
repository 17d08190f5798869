package org.tandemdns.api;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One API request being answered: its method, path segments, query, body (already whole and bounded
 * by the listener) and caller's role; and the one response it gets.
 */
final class Exchange {
  static final int MAX_BODY = 16 << 20;

  final String method;
  final String uri;
  final List<String> path;
  final Map<String, String> query;
  /** The client's IP address, for the audit history. */
  final String remoteAddress;
  /** Who sent the request, once authenticated. */
  ApiCaller caller;
  /** Whether it came from the web console (its session cookie). */
  boolean console;
  private final HttpHeaders requestHeaders;
  private final byte[] body;
  private final HttpHeaders responseHeaders = new DefaultHttpHeaders();
  private FullHttpResponse response;

  /** @throws ApiException 400 when the request target is not a valid URI path */
  Exchange(FullHttpRequest request, String remoteAddress) throws ApiException {
    this.remoteAddress = remoteAddress;
    this.method = request.method().name();
    this.uri = request.uri();
    this.requestHeaders = request.headers();
    this.body = ByteBufUtil.getBytes(request.content());
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (java.net.URISyntaxException e) {
      throw ApiException.badRequest("the request target '" + uri + "' is not a valid URI: " + e.getReason());
    }
    try {
      this.path = segments(parsed.getRawPath() == null ? "" : parsed.getRawPath());
      this.query = queryOf(parsed.getRawQuery());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("the request target '" + uri + "' has a bad %-escape: " + e.getMessage());
    }
  }

  /** The fields of an {@code application/x-www-form-urlencoded} body; none when it is too large or badly escaped. */
  Map<String, String> form() {
    try {
      return queryOf(new String(body(), StandardCharsets.UTF_8));
    } catch (ApiException | IllegalArgumentException e) {
      return Map.of();
    }
  }

  /** 303 See Other to {@code location} (a path on this server). */
  void redirect(String location) {
    setResponseHeader("Location", location);
    respond(303, "text/plain; charset=utf-8", new byte[0]);
  }

  /** Who makes a change through this request, for the audit history. */
  org.tandemdns.store.Actor actor() {
    return new org.tandemdns.store.Actor(console ? "console" : "api", caller == null ? "" : caller.name(), remoteAddress);
  }

  /** A request header, or null. */
  String header(String name) {
    return requestHeaders.get(name);
  }

  void setResponseHeader(String name, String value) {
    responseHeaders.set(name, value);
  }

  /** The body, refused past {@link #MAX_BODY} (the listener already refuses larger ones with 413). */
  byte[] body() throws ApiException {
    if (body.length > MAX_BODY) {
      throw new ApiException(413, tooLargeMessage());
    }
    return body;
  }

  static String tooLargeMessage() {
    return "the request body is larger than " + (MAX_BODY >> 20) + " MiB";
  }

  void respondJson(int status, Object value) {
    respond(status, "application/json", Json.write(value));
  }

  void respond(int status, String contentType, byte[] content) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        status == 204 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(content));
    r.headers().set(responseHeaders);
    if (status != 204) {
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
      r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.length);
    }
    if (response != null) {
      response.release();
    }
    response = r;
  }

  private EventStream eventStream;

  /** Answers with a server-sent event stream instead of a whole response. */
  void respondEvents(EventStream source) {
    if (response != null) {
      response.release();
      response = null;
    }
    this.eventStream = source;
  }

  EventStream eventStream() {
    return eventStream;
  }

  HttpHeaders responseHeaders() {
    return responseHeaders;
  }

  /** The response set by {@link #respond}, or null when none was. */
  FullHttpResponse response() {
    return response;
  }

  String queryParam(String name) {
    return query.get(name);
  }

  private static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** The fields of a query string or an {@code application/x-www-form-urlencoded} body. */
  static Map<String, String> queryOf(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }
}
