package org.tandemdns.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Half-sent HTTP requests (issue 13, item 3): four unauthenticated connections that sent
 * {@code GET /metrics HTTP/1.1} and nothing more froze the API and /metrics (the JDK server read
 * headers on its four worker threads, with no deadline). Now headers are read on an event loop and
 * only whole requests take a worker; one client gets at most {@link HttpListener#MAX_PER_CLIENT}
 * connections. The slow client is 127.0.0.2, the API's callers 127.0.0.1.
 */
class ApiSlowClientsIT {
  @TempDir Path tmp;
  ApiFixture tandem;
  final List<Socket> slow = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    tandem = ApiFixture.start(tmp);
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : slow) {
      s.close();
    }
    tandem.close();
  }

  @Test
  void halfSentRequestsNeitherFreezeTheApiNorMetrics() throws Exception {
    int opened = HttpListener.MAX_PER_CLIENT + 8;
    for (int i = 0; i < opened; i++) {
      Socket s = new Socket();
      s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
      s.connect(tandem.apiAddress(), 2000);
      s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      slow.add(s);
    }
    Thread.sleep(300);
    long refused = slow.stream().filter(ApiSlowClientsIT::closedByServer).count();
    assertThat(refused).as("connections over the per-client cap, closed at once").isEqualTo(opened - HttpListener.MAX_PER_CLIENT);

    for (int i = 0; i < 3; i++) {
      assertThat(tandem.admin().get("/api/v1/zones").status()).isEqualTo(200);
      assertThat(tandem.anonymous().get("/metrics").status()).isEqualTo(200);
    }

    // a slow client that finally finishes its request is answered
    Socket last = slow.get(0);
    last.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII));
    last.getOutputStream().flush();
    last.setSoTimeout(5000);
    String status = new String(last.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
    assertThat(status).isEqualTo("HTTP/1.1 200");
  }

  /** True when the server closed (or reset) the connection: a read sees the end within 200 ms. */
  private static boolean closedByServer(Socket s) {
    try {
      s.setSoTimeout(200);
      InputStream in = s.getInputStream();
      return in.read() == -1;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
