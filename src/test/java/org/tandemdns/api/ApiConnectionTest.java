package org.tandemdns.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One API connection: requests answered in order, closed when no whole request comes in time. */
class ApiConnectionTest {
  private final ExecutorService workers = Executors.newSingleThreadExecutor();
  private final EmbeddedChannel ch = new EmbeddedChannel(new ApiConnection(workers,
      ex -> ex.respond(200, "text/plain", ex.uri.getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(30)));

  @AfterEach
  void stop() {
    ch.finishAndReleaseAll();
    workers.shutdownNow();
  }

  private void pass(long seconds) {
    ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
  }

  private List<String> answers(int expected) throws Exception {
    List<String> out = new ArrayList<>();
    long until = System.nanoTime() + 5_000_000_000L;
    while (out.size() < expected && System.nanoTime() < until) {
      Thread.sleep(5);
      ch.runPendingTasks();
      for (FullHttpResponse r; (r = ch.readOutbound()) != null; ) {
        out.add(r.content().toString(StandardCharsets.UTF_8));
        r.release();
      }
    }
    return out;
  }

  @Test
  void aConnectionThatSendsNoWholeRequestIsClosedAtTheTimeout() {
    pass(29);
    assertThat(ch.isOpen()).isTrue();
    pass(2);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderAndTheTimeoutRestartsAfterTheLastAnswer() throws Exception {
    pass(20);
    ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/first"));
    ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/second"));
    assertThat(answers(2)).containsExactly("/first", "/second");
    pass(20);
    assertThat(ch.isOpen()).as("20 s after the last answer, 40 s after opening").isTrue();
    pass(11);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void connectionCloseIsHonoured() throws Exception {
    DefaultFullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/once");
    r.headers().set("Connection", "close");
    ch.writeInbound(r);
    assertThat(answers(1)).containsExactly("/once");
    assertThat(ch.isOpen()).isFalse();
  }
}
