package org.tandemdns.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An HTTP proxy on loopback in front of a test server (moto) that answers some requests itself
 * the way the real service would fail them: a fault function sees each request ("METHOD path" and
 * the body) and returns a canned response, or null to pass the request through unchanged. It
 * records every request, so a test can count the retries a client made.
 */
public final class FaultyHttpProxy implements AutoCloseable {
  /** A response the proxy gives instead of the upstream's. */
  public record Fault(int status, String contentType, String body) {
    /**
     * Route 53's error document (REST-XML, as {@code https://route53.amazonaws.com/doc/2013-04-01/}
     * returns it) with HTTP 400, for {@code Throttling}, {@code PriorRequestNotComplete} and the like.
     */
    public static Fault route53Error(String code, String message) {
      return new Fault(400, "text/xml", "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
          + "<Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
          + "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>");
    }

    /**
     * Route 53's refusal of a change batch: HTTP 400, code {@code InvalidChangeBatch}, the reasons
     * as one bracketed list in the message (what AWS's SDKs report, e.g. "[Tried to create resource
     * record set [name='x.', type='A'] but it already exists]").
     */
    public static Fault route53InvalidChangeBatch(String message) {
      return route53Error("InvalidChangeBatch", "[" + message + "]");
    }
  }

  /** One request seen: "METHOD path?query" and its body. */
  public record Request(String line, String body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final URI upstream;
  private final Function<Request, Fault> faults;
  private final java.util.function.BiFunction<Request, String, String> rewrite;
  private final List<Request> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger faulted = new AtomicInteger();

  private FaultyHttpProxy(URI upstream, Function<Request, Fault> faults, java.util.function.BiFunction<Request, String, String> rewrite) {
    this.upstream = upstream;
    this.faults = faults;
    this.rewrite = rewrite;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a proxy to {@code upstream} that injects what {@code faults} returns. */
  public static FaultyHttpProxy start(URI upstream, Function<Request, Fault> faults) {
    return new FaultyHttpProxy(upstream, faults, (r, body) -> body);
  }

  /**
   * Starts a proxy that also rewrites the upstream's answers: {@code rewrite} gets each request and
   * the upstream's body, and returns the body to give the client (a state the service can be in
   * that the imitation never reaches, such as a change still {@code PENDING}).
   */
  public static FaultyHttpProxy start(URI upstream, Function<Request, Fault> faults,
      java.util.function.BiFunction<Request, String, String> rewrite) {
    return new FaultyHttpProxy(upstream, faults, rewrite);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every request so far. */
  public List<Request> requests() {
    return List.copyOf(seen);
  }

  /** How many requests got a fault instead of the upstream's answer. */
  public int faulted() {
    return faulted.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String query = ex.getRequestURI().getRawQuery();
      String path = ex.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
      Request r = new Request(ex.getRequestMethod() + " " + path, new String(body, StandardCharsets.UTF_8));
      seen.add(r);
      Fault f = faults.apply(r);
      if (f != null) {
        faulted.incrementAndGet();
        byte[] out = f.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", f.contentType());
        ex.sendResponseHeaders(f.status(), out.length);
        ex.getResponseBody().write(out);
        return;
      }
      forward(ex, r, path, body);
    }
  }

  private void forward(HttpExchange ex, Request r, String path, byte[] body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) upstream.resolve(path).toURL().openConnection();
    c.setRequestMethod(ex.getRequestMethod());
    c.setConnectTimeout(5000);
    c.setReadTimeout(60_000);
    for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
      String name = h.getKey();
      if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Connection")) {
        continue;
      }
      for (String v : h.getValue()) {
        c.addRequestProperty(name, v);
      }
    }
    if (body.length > 0) {
      c.setDoOutput(true);
      try (OutputStream o = c.getOutputStream()) {
        o.write(body);
      }
    }
    int status = c.getResponseCode();
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    byte[] upstreamBody = in == null ? new byte[0] : in.readAllBytes();
    byte[] out = rewrite.apply(r, new String(upstreamBody, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    String type = c.getContentType();
    if (type != null) {
      ex.getResponseHeaders().set("Content-Type", type);
    }
    ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      ex.getResponseBody().write(out);
    }
    c.disconnect();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
