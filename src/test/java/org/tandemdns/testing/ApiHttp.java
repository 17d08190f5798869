package org.tandemdns.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A test client of Tandem's HTTP API over real HTTP: every call returns the status and body as
 * they came, so tests can assert on errors as well as successes.
 *
 * <pre>{@code
 * ApiHttp api = ApiHttp.at(server.apiAddress()).token(admin);
 * ApiHttp.Reply r = api.put("/api/v1/zones/example.org/rrsets/www/A", "{\"records\": [\"192.0.2.1\"]}");
 * assertThat(r.status()).isEqualTo(200);
 * long serial = r.json().get("serial").asLong();
 * }</pre>
 */
public final class ApiHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String token;

  private ApiHttp(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /** The API at {@code address} (as {@code TandemServer.apiAddress()} gives it), without a token. */
  public static ApiHttp at(InetSocketAddress address) {
    return new ApiHttp(URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort()), null);
  }

  public static ApiHttp at(String baseUrl) {
    return new ApiHttp(URI.create(baseUrl), null);
  }

  /** The same API, sending {@code Authorization: Bearer token} (null: no header). */
  public ApiHttp token(String bearer) {
    return new ApiHttp(base, bearer);
  }

  public URI base() {
    return base;
  }

  /**
   * Waits until the API answers (its OpenAPI document); a server started as a process serves DNS
   * a moment before its API listens. Returns this API.
   */
  public ApiHttp awaitUp(Duration timeout) {
    Wait.until(timeout, () -> {
      try {
        return get("/api/v1/openapi.json").status() == 200;
      } catch (UncheckedIOException e) {
        return false;
      }
    }, () -> "the API at " + base + " does not answer");
    return this;
  }

  /** A response: status, content type and body. */
  public record Reply(int status, String contentType, String body) {
    /** The body parsed as JSON; fails the test if it is not JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
      }
    }

    /** The error message of an error response ({@code {"status": n, "error": "..."}}). */
    public String error() {
      JsonNode n = json();
      if (!n.hasNonNull("error") || n.path("status").asInt() != status) {
        throw new AssertionError("not an error body with status " + status + ": " + body);
      }
      return n.get("error").asText();
    }

    @Override
    public String toString() {
      return "HTTP " + status + " " + body;
    }
  }

  public Reply get(String path) {
    return send("GET", path, (byte[]) null);
  }

  public Reply post(String path, String json) {
    return send("POST", path, json);
  }

  public Reply put(String path, String json) {
    return send("PUT", path, json);
  }

  public Reply delete(String path) {
    return send("DELETE", path, (byte[]) null);
  }

  /** Sends {@code method path} with {@code body} (JSON text, or null for none). */
  public Reply send(String method, String path, String body) {
    return send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  public Reply send(String method, String path, byte[] body) {
    return send(method, path, body, false);
  }

  /**
   * As {@link #send(String, String, byte[])}, with {@code Expect: 100-continue} when {@code
   * expectContinue} (as curl sends for bodies over 1 MiB): the client waits for the server's
   * interim answer before sending the body. That request is sent by curl itself: Java 17's
   * HttpClient waits forever when a server answers the expectation with a final status (413)
   * instead of "100 Continue" (RFC 9110 §10.1.1 allows both; JDK-8286171).
   */
  public Reply send(String method, String path, byte[] body, boolean expectContinue) {
    if (expectContinue) {
      return curl(method, path, body);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).expectContinue(expectContinue);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private Reply curl(String method, String path, byte[] body) {
    try {
      java.nio.file.Path in = java.nio.file.Files.createTempFile("api-body", ".json");
      java.nio.file.Path out = java.nio.file.Files.createTempFile("api-answer", ".json");
      try {
        java.nio.file.Files.write(in, body == null ? new byte[0] : body);
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("curl", "-sS", "-X", method,
            "-H", "Expect: 100-continue", "-H", "Content-Type: application/json", "--data-binary", "@" + in,
            "-o", out.toString(), "-w", "%{http_code} %{content_type}", "--max-time", String.valueOf(TIMEOUT.toSeconds())));
        if (token != null) {
          cmd.addAll(java.util.List.of("-H", "Authorization: Bearer " + token));
        }
        cmd.add(base.resolve(path).toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String written = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
          throw new IllegalStateException("curl " + method + " " + path + " failed: " + written);
        }
        String[] w = written.split(" ", 2);
        return new Reply(Integer.parseInt(w[0]), w.length > 1 ? w[1] : "", java.nio.file.Files.readString(out));
      } finally {
        java.nio.file.Files.deleteIfExists(in);
        java.nio.file.Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("curl " + method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** {@code value} as a JSON string literal. */
  public static String quote(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
