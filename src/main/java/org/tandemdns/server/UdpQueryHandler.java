package org.tandemdns.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Answers DNS over UDP (RFC 1035 §4.2.1): one datagram in, at most one out, flushed per read batch;
 * with response rate limiting on, each answer first passes {@link ResponseRateLimit}.
 */
@ChannelHandler.Sharable
final class UdpQueryHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("rate-limit");

  private final RequestDispatcher dispatcher;
  private final AnswerCache cache;
  private final ResponseRateLimit limit;
  private final org.tandemdns.security.RateLimitedLog limitedLog = new org.tandemdns.security.RateLimitedLog(log);

  /** @param limit null when response rate limiting is off */
  UdpQueryHandler(RequestDispatcher dispatcher, AnswerCache cache, ResponseRateLimit limit) {
    this.dispatcher = dispatcher;
    this.cache = cache;
    this.limit = limit;
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
        ResponseRateLimit.Action action = limit == null ? ResponseRateLimit.Action.SEND : admit(packet, null);
        if (action != ResponseRateLimit.Action.SEND) {
          byte[] answer = new byte[hit.readableBytes()];
          hit.getBytes(hit.readerIndex(), answer);
          hit.release();
          sendLimited(ctx, action, answer, content, at, length, packet.sender());
          return;
        }
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
    if (limit != null && reply instanceof Reply.Single single) {
      ResponseRateLimit.Action action = admit(packet, wire);
      if (action != ResponseRateLimit.Action.SEND) {
        sendLimited(ctx, action, single.wire(), content, at, length, packet.sender());
        return;
      }
    }
    send(ctx, reply, packet.sender(), false);
  }

  /**
   * The rate limiter's verdict for an answer to {@code packet}'s sender: exempt networks and clients
   * with a valid server cookie (their address is proven, RFC 7873 §5.4) always get SEND; in
   * log-only mode a limit is logged and the answer sent.
   */
  private ResponseRateLimit.Action admit(DatagramPacket packet, byte[] wire) {
    java.net.InetAddress client = packet.sender().getAddress();
    ResponseRateLimit.Action action = limit.admit(client);
    if (action == ResponseRateLimit.Action.SEND || limit.exempt(client)) {
      return ResponseRateLimit.Action.SEND;
    }
    byte[] query = wire;
    if (query == null) {
      query = new byte[packet.content().readableBytes()];
      packet.content().getBytes(packet.content().readerIndex(), query);
    }
    if (dispatcher.hasValidCookie(query, client)) {
      return ResponseRateLimit.Action.SEND;
    }
    if (limit.logOnly()) {
      limitedLog.warn("rate-limit (log-only): would {} an answer to {}", action == ResponseRateLimit.Action.SLIP ? "truncate"
          : "drop", client.getHostAddress());
      return ResponseRateLimit.Action.SEND;
    }
    limitedLog.warn("rate-limit: {} an answer to {} (over responses-per-second for its network)",
        action == ResponseRateLimit.Action.SLIP ? "truncated" : "dropped", client.getHostAddress());
    return action;
  }

  private static void sendLimited(ChannelHandlerContext ctx, ResponseRateLimit.Action action, byte[] answer, ByteBuf query,
      int at, int length, InetSocketAddress to) {
    if (action != ResponseRateLimit.Action.SLIP) {
      return;
    }
    byte[] q = new byte[length];
    query.getBytes(at, q);
    byte[] tc = ResponseRateLimit.truncated(answer, q, length);
    if (tc != null) {
      ctx.write(new DatagramPacket(ctx.alloc().buffer(tc.length).writeBytes(tc), to), ctx.voidPromise());
    }
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
