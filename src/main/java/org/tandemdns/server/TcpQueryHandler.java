package org.tandemdns.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers DNS over TCP (RFC 1035 §4.2.2, RFC 7766): frames arrive already split by their two-byte
 * length; several may be pipelined and are answered in order; a zone transfer is streamed message by
 * message as the client reads. A frame too short to be a message closes the connection; a
 * connection where nothing moves either way for the idle timeout is closed; reading pauses while the
 * client is not reading its answers (back-pressure).
 */
final class TcpQueryHandler extends SimpleChannelInboundHandler<ByteBuf> {
  private static final Logger log = LoggerFactory.getLogger(TcpQueryHandler.class);

  private final RequestDispatcher dispatcher;
  private final AnswerCache cache;
  private final Transport transport;

  TcpQueryHandler(RequestDispatcher dispatcher, AnswerCache cache) {
    this(dispatcher, cache, Transport.TCP);
  }

  /** @param transport TCP, or TLS behind a {@link TlsSessionHandler} */
  TcpQueryHandler(RequestDispatcher dispatcher, AnswerCache cache, Transport transport) {
    this.dispatcher = dispatcher;
    this.cache = cache;
    this.transport = transport;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
    int at = frame.readerIndex();
    int length = frame.readableBytes();
    AnswerCache.Shape shape = AnswerCache.shape(frame, at, length, false);
    if (shape != null) {
      ByteBuf hit = cache.lookup(frame, at, shape, ctx.alloc());
      if (hit != null) {
        dispatcher.countCached(shape.qtype(), transport, hit);
        ByteBuf out = ctx.alloc().buffer(hit.readableBytes() + 2);
        out.writeShort(hit.readableBytes()).writeBytes(hit);
        hit.release();
        ctx.write(out, ctx.voidPromise());
        return;
      }
    }
    long generation = cache.generation();
    byte[] wire = new byte[length];
    frame.getBytes(at, wire);
    RequestContext context = new RequestContext(transport, (InetSocketAddress) ctx.channel().remoteAddress(),
        (InetSocketAddress) ctx.channel().localAddress(), ctx.channel().attr(TlsSessionHandler.SESSION).get());
    Reply reply = dispatcher.handle(wire, length, context);
    if (shape != null && reply instanceof Reply.Single single) {
      cache.store(frame, at, shape, single.wire(), generation);
    }
    send(ctx, reply, length);
  }

  /** Writes a reply; a deferred one is written (and flushed) on the channel's thread once decided. */
  private void send(ChannelHandlerContext ctx, Reply reply, int length) {
    if (reply instanceof Reply.Deferred deferred) {
      deferred.reply().thenAccept(r -> ctx.executor().execute(() -> {
        send(ctx, r, length);
        ctx.flush();
      }));
      return;
    }
    if (reply instanceof Reply.Single single) {
      byte[] response = single.wire();
      ByteBuf out = ctx.alloc().buffer(response.length + 2);
      out.writeShort(response.length).writeBytes(response);
      ctx.write(out, ctx.voidPromise());
    } else if (reply instanceof Reply.Stream stream) {
      ChunkedReply chunked = new ChunkedReply(stream.stream());
      ctx.write(chunked).addListener(f -> chunked.finish(f.isSuccess()));
    } else {
      log.debug("closing TCP connection from {}: unusable {}-byte frame", ctx.channel().remoteAddress(), length);
      ctx.close();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(event);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("closing {} connection from {}: {}", transport, ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
