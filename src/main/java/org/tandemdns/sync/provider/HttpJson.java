package org.tandemdns.sync.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A small JSON-over-HTTP client on the JDK's HttpClient: every request bounded by a timeout, an
 * error status turned into a {@link ProviderException} carrying the server's own message (its
 * JSON {@code error} field, or the body's first line).
 */
final class HttpJson {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 500;

  private final HttpClient http;
  private final Duration timeout;
  private final Map<String, String> headers;

  HttpJson(Duration timeout, Map<String, String> headers) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    this.timeout = timeout;
    this.headers = Map.copyOf(headers);
  }

  /** A response with a 2xx status: its status and parsed body (null when empty). */
  record Reply(int status, JsonNode body) {}

  /** Thrown for a non-2xx status; {@link #status()} tells which. */
  static final class HttpError extends ProviderException {
    private final int status;

    HttpError(int status, String message) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  Reply get(URI uri) throws ProviderException {
    return send(HttpRequest.newBuilder(uri).GET(), uri, "GET");
  }

  Reply send(String method, URI uri, Object body) throws ProviderException {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a request body", e);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.ofByteArray(json))
        .header("Content-Type", "application/json");
    return send(b, uri, method);
  }

  private Reply send(HttpRequest.Builder builder, URI uri, String method) throws ProviderException {
    headers.forEach(builder::header);
    builder.header("Accept", "application/json").timeout(timeout);
    HttpResponse<byte[]> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new ProviderException(method + " " + uri + ": no answer within " + timeout.toMillis() + " ms");
    } catch (ConnectException e) {
      throw new ProviderException(method + " " + uri + ": cannot connect (" + message(e) + ")");
    } catch (IOException e) {
      throw new ProviderException(method + " " + uri + ": " + message(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(method + " " + uri + ": interrupted");
    }
    String text = new String(response.body(), StandardCharsets.UTF_8);
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new HttpError(status, "HTTP " + status + ": " + serverMessage(text));
    }
    if (text.isBlank()) {
      return new Reply(status, null);
    }
    try {
      return new Reply(status, JSON.readTree(text));
    } catch (JsonProcessingException e) {
      throw new ProviderException(method + " " + uri + ": the answer is not JSON: " + clip(text));
    }
  }

  /** The {@code error} of a JSON error body, else the body itself, shortened. */
  static String serverMessage(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.hasNonNull("error")) {
        return clip(n.get("error").asText());
      }
    } catch (JsonProcessingException e) {
      // not JSON: the text is the message
    }
    return body.isBlank() ? "(no message)" : clip(body.strip());
  }

  private static String clip(String s) {
    String one = s.replace('\n', ' ');
    return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE) + "...";
  }

  private static String message(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
