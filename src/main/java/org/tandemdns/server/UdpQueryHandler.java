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

  UdpQueryHandler(RequestDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    ByteBuf content = packet.content();
    int length = content.readableBytes();
    byte[] wire = new byte[length];
    content.getBytes(content.readerIndex(), wire);
    RequestContext context = new RequestContext(Transport.UDP, packet.sender(), (InetSocketAddress) ctx.channel().localAddress());
    send(ctx, dispatcher.handle(wire, length, context), packet.sender(), false);
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
