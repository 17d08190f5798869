package org.tandemdns.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The {@code tandem} commands' client of the HTTP API ({@code /api/v1}, bearer token), on the JDK's
 * HttpClient. A 2xx answer is returned; any other status becomes {@link Failure} carrying the API's
 * error message; a server that cannot be reached becomes {@link Unreachable}.
 */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  /** An answer with a 2xx status. */
  record Response(int status, String contentType, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; an empty body (204) is an empty object. */
    JsonNode json() throws Failure {
      return body.length == 0 ? JSON.createObjectNode() : parse(status, body);
    }
  }

  /** The API answered with an error status; {@link #getMessage()} is its message, saying what to fix. */
  static final class Failure extends Exception {
    private final int status;
    private final String body;

    Failure(int status, String message, String body) {
      super(message);
      this.status = status;
      this.body = body;
    }

    int status() {
      return status;
    }

    /** The response body as sent (the API's error JSON), or empty. */
    String body() {
      return body;
    }
  }

  /** No HTTP answer at all: nothing listening, a timeout, a broken connection. */
  static final class Unreachable extends Exception {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final HttpClient http;
  private final URI server;
  private final String token;

  /**
   * @param server the API's base URL, e.g. {@code http://127.0.0.1:8053}
   * @param token the bearer token, or null to send none
   */
  ApiClient(URI server, String token) {
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    this.server = server;
    this.token = token;
  }

  URI server() {
    return server;
  }

  boolean hasToken() {
    return token != null;
  }

  Response get(String path) throws Failure, Unreachable, InterruptedException {
    return send("GET", path, null);
  }

  Response post(String path, JsonNode body) throws Failure, Unreachable, InterruptedException {
    return send("POST", path, body);
  }

  Response put(String path, JsonNode body) throws Failure, Unreachable, InterruptedException {
    return send("PUT", path, body);
  }

  Response delete(String path) throws Failure, Unreachable, InterruptedException {
    return send("DELETE", path, null);
  }

  /** Sends {@code method path} ({@code path} below {@code /api/v1}, already encoded) with an optional JSON body. */
  Response send(String method, String path, JsonNode body) throws Failure, Unreachable, InterruptedException {
    URI uri = URI.create(base() + "/api/v1" + path);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json, text/dns");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    HttpResponse<byte[]> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      String why = why(e);
      throw new Unreachable("cannot reach the Tandem API at " + server + " (" + why + "); is 'tandem serve' running there? "
          + "Point to it with --server URL or TANDEM_SERVER", e);
    }
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (r.statusCode() / 100 != 2) {
      String text = new String(r.body(), StandardCharsets.UTF_8);
      throw new Failure(r.statusCode(), errorMessage(r.statusCode(), text), text);
    }
    return new Response(r.statusCode(), type, r.body());
  }

  private static String why(IOException e) {
    if (e instanceof java.net.http.HttpConnectTimeoutException) {
      return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "no answer within " + REQUEST_TIMEOUT.toMinutes() + " min";
    }
    if (e instanceof java.net.ConnectException && (e.getMessage() == null || e.getMessage().isBlank())) {
      return "connection refused";
    }
    return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
  }

  private String base() {
    String s = server.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** The message of an error answer: its "error" (or, for a failed reload, "message"), with a hint for 401. */
  String errorMessage(int status, String body) {
    String message = null;
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.hasNonNull("error")) {
        message = n.get("error").asText();
      } else if (n != null && n.hasNonNull("message")) {
        message = (n.hasNonNull("zone") ? n.get("zone").asText() + ": " : "") + n.get("message").asText();
      }
    } catch (IOException e) {
      // not JSON: use the text
    }
    if (message == null) {
      String t = body.strip();
      message = t.isEmpty() ? "HTTP " + status : t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
    if (status == 401) {
      message += token == null
          ? " (no token given: use --token-file FILE or TANDEM_TOKEN; 'tandem serve' writes one to <data-dir>/api.token)"
          : " (check the token given with --token-file or TANDEM_TOKEN)";
    }
    return message + " [HTTP " + status + "]";
  }

  private static JsonNode parse(int status, byte[] body) throws Failure {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new Failure(status, "the API answered something that is not JSON: " + e.getMessage(), "");
    }
  }

  /** {@code /seg1/seg2...}, each segment encoded so that the API decodes it back unchanged. */
  static String path(String... segments) {
    StringBuilder sb = new StringBuilder();
    for (String s : segments) {
      sb.append('/').append(URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  /** {@code ?k=v&...} for the non-null values, or empty. */
  static String query(Map<String, String> params) {
    StringJoiner j = new StringJoiner("&", "?", "");
    j.setEmptyValue("");
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getValue() != null) {
        j.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      }
    }
    return j.toString();
  }

  static Map<String, String> params(String k1, String v1, String k2, String v2) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
