package org.tandemdns.api;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP connection to the API: whole requests are answered one at a time, in order (pipelined
 * ones wait, RFC 9112 §9.3.2), each on a worker thread; the connection is closed when no whole
 * request arrives within the timeout of its opening or of its last answer.
 *
 * <pre>
 *   WAITING (deadline armed) --whole request--> BUSY (deadline off, request on a worker)
 *   BUSY --answer written, another request queued--> BUSY
 *   BUSY --answer written, none queued--> WAITING
 *   BUSY --answer written, "Connection: close"--> closed
 *   WAITING --deadline--> closed
 * </pre>
 */
final class ApiConnection extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(ApiConnection.class);
  /** Pipelined requests held per connection before reading from it pauses. */
  private static final int MAX_PIPELINED = 8;

  private final ExecutorService workers;
  private final Consumer<Exchange> handler;
  private final long timeoutNanos;
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private boolean busy;
  private ScheduledFuture<?> deadline;

  ApiConnection(ExecutorService workers, Consumer<Exchange> handler, Duration timeout) {
    super(false); // requests are released once answered
    this.workers = workers;
    this.handler = handler;
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    arm(ctx);
    ctx.fireChannelActive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    disarm();
    waiting.add(request);
    if (waiting.size() >= MAX_PIPELINED) {
      ctx.channel().config().setAutoRead(false);
    }
    if (!busy) {
      next(ctx);
    }
  }

  private void next(ChannelHandlerContext ctx) {
    FullHttpRequest request = waiting.poll();
    if (request == null) {
      busy = false;
      ctx.channel().config().setAutoRead(true);
      arm(ctx);
      return;
    }
    busy = true;
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!request.decoderResult().isSuccess()) {
      request.release();
      write(ctx, HttpListener.error(400, "malformed HTTP request: " + request.decoderResult().cause().getMessage(), true), false);
      return;
    }
    try {
      workers.execute(() -> {
        FullHttpResponse response;
        try {
          response = answer(request, ctx.channel().remoteAddress());
        } finally {
          request.release();
        }
        ctx.executor().execute(() -> write(ctx, response, keepAlive));
      });
    } catch (RejectedExecutionException e) {
      request.release();
      log.warn("HTTP API busy: {} requests wait for a worker; answering 503 to {}", HttpListener.QUEUED, ctx.channel().remoteAddress());
      write(ctx, HttpListener.error(503, "the API is busy; try again shortly", false), keepAlive);
    }
  }

  private FullHttpResponse answer(FullHttpRequest request, java.net.SocketAddress remote) {
    Exchange ex;
    try {
      ex = new Exchange(request, remote instanceof java.net.InetSocketAddress i && i.getAddress() != null
          ? i.getAddress().getHostAddress() : "");
    } catch (ApiException e) {
      return HttpListener.error(e.status(), e.getMessage(), false);
    }
    handler.accept(ex);
    FullHttpResponse r = ex.response();
    return r != null ? r : HttpListener.error(500, "internal error: no answer (see the server log)", false);
  }

  private void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
    if (!ctx.channel().isActive()) {
      response.release();
      waiting.forEach(FullHttpRequest::release);
      waiting.clear();
      return;
    }
    boolean close = !keepAlive || HttpHeaderValues.CLOSE.contentEqualsIgnoreCase(response.headers().get(HttpHeaderNames.CONNECTION));
    if (close) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    next(ctx);
  }

  private void arm(ChannelHandlerContext ctx) {
    if (deadline == null) {
      deadline = ctx.executor().schedule(() -> {
        deadline = null;
        log.debug("closing HTTP API connection from {}: no whole request within {} s", ctx.channel().remoteAddress(),
            TimeUnit.NANOSECONDS.toSeconds(timeoutNanos));
        ctx.close();
      }, timeoutNanos, TimeUnit.NANOSECONDS);
    }
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
    waiting.forEach(FullHttpRequest::release);
    waiting.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("HTTP API connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
