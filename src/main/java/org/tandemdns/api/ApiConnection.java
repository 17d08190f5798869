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
        Exchange ex;
        try {
          ex = answer(request, ctx.channel().remoteAddress());
        } catch (ApiException e) {
          FullHttpResponse bad = HttpListener.error(e.status(), e.getMessage(), false);
          ctx.executor().execute(() -> write(ctx, bad, keepAlive));
          return;
        } finally {
          request.release();
        }
        if (ex.eventStream() != null) {
          ctx.executor().execute(() -> stream(ctx, ex, keepAlive));
          return;
        }
        FullHttpResponse r = ex.response() != null ? ex.response()
            : HttpListener.error(500, "internal error: no answer (see the server log)", false);
        ctx.executor().execute(() -> write(ctx, r, keepAlive));
      });
    } catch (RejectedExecutionException e) {
      request.release();
      log.warn("HTTP API busy: {} requests wait for a worker; answering 503 to {}", HttpListener.QUEUED, ctx.channel().remoteAddress());
      write(ctx, HttpListener.error(503, "the API is busy; try again shortly", false), keepAlive);
    }
  }

  /** The request, answered by the handler. @throws ApiException 400 when its target is not a URI */
  private Exchange answer(FullHttpRequest request, java.net.SocketAddress remote) throws ApiException {
    Exchange ex = new Exchange(request, remote instanceof java.net.InetSocketAddress i && i.getAddress() != null
        ? i.getAddress().getHostAddress() : "");
    handler.accept(ex);
    return ex;
  }

  /**
   * Answers with a server-sent event stream: the headers, then each poll's events as one chunk,
   * until the source is done, the client leaves or {@link EventStream#MAX_SECONDS} pass; the
   * connection stays BUSY meanwhile (pipelined requests wait).
   */
  private void stream(ChannelHandlerContext ctx, Exchange ex, boolean keepAlive) {
    if (!ctx.channel().isActive()) {
      return;
    }
    io.netty.handler.codec.http.HttpResponse head = new io.netty.handler.codec.http.DefaultHttpResponse(
        io.netty.handler.codec.http.HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpResponseStatus.OK);
    head.headers().set(ex.responseHeaders());
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store").set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    ctx.writeAndFlush(head).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    EventStream source = ex.eventStream();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(EventStream.MAX_SECONDS);
    ScheduledFuture<?>[] tick = new ScheduledFuture<?>[1];
    tick[0] = ctx.executor().scheduleAtFixedRate(() -> {
      if (!ctx.channel().isActive()) {
        tick[0].cancel(false);
        return;
      }
      boolean over;
      try {
        StringBuilder out = new StringBuilder();
        source.poll().forEach(out::append);
        over = source.done() || System.nanoTime() > end;
        if (out.length() > 0) {
          ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultHttpContent(
              io.netty.buffer.Unpooled.copiedBuffer(out, java.nio.charset.StandardCharsets.UTF_8)));
        }
      } catch (RuntimeException e) {
        log.warn("event stream {} failed", ex.uri, e);
        over = true;
      }
      if (over) {
        tick[0].cancel(false);
        var last = ctx.writeAndFlush(io.netty.handler.codec.http.LastHttpContent.EMPTY_LAST_CONTENT);
        if (keepAlive) {
          next(ctx);
        } else {
          last.addListener(ChannelFutureListener.CLOSE);
        }
      }
    }, 0, EventStream.PERIOD_MILLIS, TimeUnit.MILLISECONDS);
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
