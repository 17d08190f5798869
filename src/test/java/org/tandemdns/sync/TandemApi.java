package org.tandemdns.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A test client of a Tandem's HTTP API: bearer token, JSON in and out, 10-second timeout. */
final class TandemApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String token;

  TandemApi(int port, String token) {
    this.base = URI.create("http://127.0.0.1:" + port + "/");
    this.token = token;
  }

  URI base() {
    return base;
  }

  /** The response: status and body. */
  record Reply(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    Reply requireOk() {
      if (status / 100 != 2) {
        throw new AssertionError("HTTP " + status + ": " + body);
      }
      return this;
    }
  }

  /**
   * Waits until the API answers: Tandem serves DNS before its API listens, so a process that
   * serves its zones may not take API requests yet.
   */
  TandemApi awaitUp(Duration timeout) {
    org.tandemdns.testing.Wait.until(timeout, () -> {
      try {
        return get("api/v1/zones").status() == 200;
      } catch (UncheckedIOException e) {
        return false;
      }
    }, () -> "the API at " + base + " does not answer");
    return this;
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  Reply post(String path, Object body) {
    try {
      return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Reply send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = http.send(b.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("API request to " + base + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
