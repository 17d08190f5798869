package org.tandemdns.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.tandemdns.security.ConnectionLimit;

/**
 * The API's HTTP/1.1 listener (RFC 9112) on Netty: request lines, headers and bodies are read on one
 * event-loop thread, so a client that sends its request slowly or never finishes it (slowloris)
 * holds no worker thread; only whole requests, bounded in size, reach the {@link #WORKERS} handler
 * threads. Limits: {@link #MAX_CONNECTIONS} connections, {@link #MAX_PER_CLIENT} per client; a
 * whole request within {@link #REQUEST_TIMEOUT} of the connection opening or of the previous
 * answer (else the connection is closed); at most {@link #QUEUED} requests waiting for a worker
 * (then 503); bodies up to {@link Exchange#MAX_BODY} (then 413, decided from Content-Length before
 * the body is read, and the rest of it read and dropped so the client gets the answer).
 */
final class HttpListener implements AutoCloseable {
  static final int MAX_CONNECTIONS = 256;
  static final int MAX_PER_CLIENT = 32;
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  static final int WORKERS = 4;
  static final int QUEUED = 64;
  private static final int MAX_INITIAL_LINE = 8192;
  private static final int MAX_HEADERS = 16384;

  private final EventLoopGroup loop = new NioEventLoopGroup(1, new DefaultThreadFactory("api-io", true));
  private final ExecutorService workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS,
      new LinkedBlockingQueue<>(QUEUED), new DefaultThreadFactory("api", true));
  private final Channel channel;

  /** Binds {@code address}; {@code handler} answers each whole request on a worker thread. */
  HttpListener(InetSocketAddress address, Consumer<Exchange> handler) throws java.net.BindException {
    this(address, handler, null);
  }

  /** As above, speaking HTTPS with {@code tls} (TLS in front of the same HTTP/1.1 framing), or plain HTTP when null. */
  HttpListener(InetSocketAddress address, Consumer<Exchange> handler, io.netty.handler.ssl.SslContext tls)
      throws java.net.BindException {
    ConnectionLimit limit = new ConnectionLimit("HTTP API", MAX_CONNECTIONS, "its built-in cap", MAX_PER_CLIENT,
        "its built-in cap per client");
    ServerBootstrap b = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 128)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(limit);
            if (tls != null) {
              ch.pipeline().addLast(tls.newHandler(ch.alloc()));
            }
            ch.pipeline()
                .addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 8192))
                .addLast(new BoundedAggregator())
                .addLast(new ApiConnection(workers, handler, REQUEST_TIMEOUT));
          }
        });
    io.netty.channel.ChannelFuture bound = b.bind(address).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      workers.shutdownNow();
      Throwable cause = bound.cause();
      if (cause instanceof java.net.BindException be) {
        throw be;
      }
      throw new java.net.BindException("cannot listen on " + address + ": " + cause.getMessage());
    }
    channel = bound.channel();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    workers.shutdownNow();
  }

  /** A JSON error answer as the API gives them: {@code {"status": ..., "error": ...}}. */
  static FullHttpResponse error(int status, String message, boolean close) {
    byte[] body = Json.write(Map.of("status", status, "error", message));
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        Unpooled.wrappedBuffer(body));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json").setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (close) {
      r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    return r;
  }

  /** Netty's aggregator, answering an oversized body with the API's JSON 413 instead of an empty one. */
  static final class BoundedAggregator extends HttpObjectAggregator {
    BoundedAggregator() {
      // a 413 instead of "100 Continue" closes the connection: the client may or may not send the
      // body it announced, and the next request must not be read as that body
      super(Exchange.MAX_BODY, true);
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
      Object r = super.newContinueResponse(start, maxContentLength, pipeline);
      if (r instanceof FullHttpResponse f && f.status().code() == 413) {
        f.release();
        return error(413, Exchange.tooLargeMessage(), true);
      }
      return r;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
      if (!(oversized instanceof HttpRequest)) {
        super.handleOversizedMessage(ctx, oversized);
        return;
      }
      // as Netty does: keep the connection (and drop the rest of the body) unless it cannot go on
      boolean close = oversized instanceof FullHttpMessage
          || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
      var written = ctx.writeAndFlush(error(413, Exchange.tooLargeMessage(), close));
      written.addListener(close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
    }
  }
}
