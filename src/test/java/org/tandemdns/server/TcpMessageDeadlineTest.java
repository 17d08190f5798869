package org.tandemdns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-message deadline of DNS over TCP: trickled bytes do not keep a message alive. */
class TcpMessageDeadlineTest {
  private final EmbeddedChannel ch = new EmbeddedChannel(new TcpMessageDeadline(Duration.ofSeconds(2)));

  private void send(int... bytes) {
    ByteBuf b = Unpooled.buffer();
    for (int x : bytes) {
      b.writeByte(x);
    }
    ch.writeInbound(b);
    ByteBuf passed = ch.readInbound();
    assertThat(passed.readableBytes()).as("bytes pass through unchanged").isEqualTo(bytes.length);
    passed.release();
  }

  private void pass(long millis) {
    ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
  }

  @Test
  void aMessageTrickledByteByByteIsCutOffAtTheDeadline() {
    send(0x00);
    for (int i = 0; i < 3; i++) {
      pass(500);
      send(0x20);
    }
    assertThat(ch.isOpen()).isTrue();
    pass(600);
    assertThat(ch.isOpen()).as("2 s after the message began, although a byte came every 0.5 s").isFalse();
  }

  @Test
  void wholeMessagesWithLongPausesBetweenThemAreFine() {
    send(0x00, 0x02, 0xAA, 0xBB);
    pass(5_000);
    send(0x00, 0x01);
    pass(1_000);
    send(0xCC);
    pass(5_000);
    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void theDeadlineRestartsForAMessageBegunInTheSameReadAsTheEndOfTheLast() {
    send(0x00, 0x03, 0x01);
    pass(1_500);
    send(0x02, 0x03, 0x00); // the first message ends, the next one's prefix begins
    pass(1_500);
    assertThat(ch.isOpen()).as("the second message began 1.5 s ago").isTrue();
    pass(600);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void aLongMessageArrivingInPiecesWithinTheDeadlineIsFine() {
    send(0x01, 0x00); // 256 bytes to come
    for (int i = 0; i < 4; i++) {
      pass(300);
      send(new int[64]);
    }
    pass(10_000);
    assertThat(ch.isOpen()).isTrue();
  }
}
