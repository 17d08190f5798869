package org.tandemdns.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/** Answers DNS over UDP (RFC 1035 §4.2.1): one datagram in, at most one out, flushed per read batch. */
@ChannelHandler.Sharable
final class UdpQueryHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private final RequestDispatcher dispatcher;
  private final AnswerCache cache;

  UdpQueryHandler(RequestDispatcher dispatcher, AnswerCache cache) {
    this.dispatcher = dispatcher;
    this.cache = cache;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    ByteBuf content = packet.content();
    int at = content.readerIndex();
    int length = content.readableBytes();
    AnswerCache.Shape shape = AnswerCache.shape(content, at, length, true);
    if (shape != null) {
      ByteBuf hit = cache.lookup(content, at, shape, ctx.alloc());
      if (hit != null) {
        dispatcher.countCached(shape.qtype(), Transport.UDP, hit);
        ctx.write(new DatagramPacket(hit, packet.sender()), ctx.voidPromise());
        return;
      }
    }
    long generation = cache.generation();
    byte[] wire = new byte[length];
    content.getBytes(at, wire);
    RequestContext context = new RequestContext(Transport.UDP, packet.sender(), (InetSocketAddress) ctx.channel().localAddress());
    Reply reply = dispatcher.handle(wire, length, context);
    if (shape != null && reply instanceof Reply.Single single) {
      cache.store(content, at, shape, single.wire(), generation);
    }
    send(ctx, reply, packet.sender(), false);
  }

  private static void send(ChannelHandlerContext ctx, Reply reply, InetSocketAddress to, boolean flush) {
    if (reply instanceof Reply.Single single) {
      byte[] response = single.wire();
      DatagramPacket out = new DatagramPacket(ctx.alloc().buffer(response.length).writeBytes(response), to);
      if (flush) {
        ctx.writeAndFlush(out, ctx.voidPromise());
      } else {
        ctx.write(out, ctx.voidPromise());
      }
    } else if (reply instanceof Reply.Deferred deferred) {
      deferred.reply().thenAccept(r -> ctx.executor().execute(() -> send(ctx, r, to, true)));
    } else if (reply instanceof Reply.Stream stream) {
      stream.stream().close(); // never produced for UDP; released all the same
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A UDP socket error (e.g. ICMP unreachable reported on the socket) concerns one peer only.
  }
}
