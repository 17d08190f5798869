package org.tandemdns.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a TCP connection whose message, once begun, is not whole within the deadline (RFC 7766
 * §6.2.3: servers may close connections to protect their resources). The idle timeout alone
 * restarts on every byte, so a client trickling one byte every few seconds held its connection, and
 * enough such clients every TCP slot, for as long as they liked (slowloris).
 *
 * <p>It follows the two-byte length framing (RFC 1035 §4.2.2) of the bytes passing through, without
 * copying them:
 *
 * <pre>
 *   BETWEEN --first prefix byte--> IN_MESSAGE (deadline armed)
 *   IN_MESSAGE --last byte of the message--> BETWEEN (deadline disarmed)
 *   IN_MESSAGE --last byte, and the next message begun in the same read--> IN_MESSAGE (deadline re-armed)
 *   IN_MESSAGE --deadline--> closed
 * </pre>
 */
final class TcpMessageDeadline extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(TcpMessageDeadline.class);

  private final long timeoutNanos;
  /** 1 when one byte of a length prefix has arrived, 0 otherwise. */
  private int prefixBytes;
  private int prefixHigh;
  /** Bytes of the current message body still to come. */
  private int remaining;
  private ScheduledFuture<?> deadline;

  TcpMessageDeadline(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buf) {
      boolean completed = follow(buf);
      boolean partial = prefixBytes > 0 || remaining > 0;
      if (!partial || completed) {
        disarm();
      }
      if (partial && deadline == null) {
        deadline = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
      }
    }
    ctx.fireChannelRead(msg);
  }

  /** Advances the framing over {@code buf}'s readable bytes; true when a message ended in them. */
  private boolean follow(ByteBuf buf) {
    boolean completed = false;
    int i = buf.readerIndex();
    int end = buf.writerIndex();
    while (i < end) {
      if (remaining > 0) {
        int take = Math.min(end - i, remaining);
        remaining -= take;
        i += take;
        completed |= remaining == 0;
      } else if (prefixBytes == 0) {
        prefixHigh = buf.getUnsignedByte(i++);
        prefixBytes = 1;
      } else {
        remaining = prefixHigh << 8 | buf.getUnsignedByte(i++);
        prefixBytes = 0;
        completed |= remaining == 0;
      }
    }
    return completed;
  }

  private void expire(ChannelHandlerContext ctx) {
    deadline = null;
    log.debug("closing TCP connection from {}: a message begun {} ms ago is still not whole (tcp-message-timeout)",
        ctx.channel().remoteAddress(), TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
    ctx.close();
  }

  private void disarm() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    disarm();
    ctx.fireChannelInactive();
  }
}
