package org.tandemdns.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few API calls the demo makes, over real HTTP, as any client would. */
public final class ApiCalls {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  public ApiCalls(InetSocketAddress api, String token) {
    this.base = "http://" + api.getAddress().getHostAddress() + ":" + api.getPort() + "/api/v1";
    this.token = token;
  }

  public String base() {
    return base;
  }

  public JsonNode call(String method, String path, Object body) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode node = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
      if (r.statusCode() >= 300) {
        throw new IOException(method + " " + path + ": HTTP " + r.statusCode() + ": " + node.path("error").asText(r.body()));
      }
      return node;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
