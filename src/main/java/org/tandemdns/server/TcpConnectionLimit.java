package org.tandemdns.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Caps concurrent TCP connections (RFC 7766 §6.2.2); a connection over the cap is closed at once. */
@ChannelHandler.Sharable
final class TcpConnectionLimit extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(TcpConnectionLimit.class);

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private volatile long lastWarning;

  TcpConnectionLimit(int max) {
    this.max = max;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (open.incrementAndGet() > max) {
      long now = System.nanoTime();
      if (now - lastWarning > 10_000_000_000L) {
        lastWarning = now;
        log.warn("TCP connection limit {} reached; refusing connections (from {} and others)", max, ctx.channel().remoteAddress());
      }
      ctx.close();
      return;
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    open.decrementAndGet();
    ctx.fireChannelInactive();
  }

  int open() {
    return open.get();
  }
}
