package org.tandemdns.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.config.ApiToken;

/** One API request being answered: its method, path segments, query, bounded body and caller's role. */
final class Exchange {
  static final int MAX_BODY = 16 << 20;

  final HttpExchange http;
  final String method;
  final List<String> path;
  final Map<String, String> query;
  ApiToken.Role role;
  String caller;

  Exchange(HttpExchange http) {
    this.http = http;
    this.method = http.getRequestMethod();
    this.path = segments(http.getRequestURI().getRawPath());
    this.query = queryOf(http.getRequestURI().getRawQuery());
  }

  /** The body, refused past {@link #MAX_BODY}. */
  byte[] body() throws IOException, ApiException {
    try (InputStream in = http.getRequestBody()) {
      byte[] b = in.readNBytes(MAX_BODY + 1);
      if (b.length > MAX_BODY) {
        throw new ApiException(413, "the request body is larger than " + (MAX_BODY >> 20) + " MiB");
      }
      return b;
    }
  }

  void respondJson(int status, Object value) throws IOException {
    respond(status, "application/json", Json.write(value));
  }

  void respond(int status, String contentType, byte[] body) throws IOException {
    http.getResponseHeaders().set("Content-Type", contentType);
    if (status == 204) {
      http.sendResponseHeaders(204, -1);
    } else {
      http.sendResponseHeaders(status, body.length);
      http.getResponseBody().write(body);
    }
    http.close();
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

  private static Map<String, String> queryOf(String raw) {
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
