package org.tandemdns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.tandemdns.notify.NotifyReceiver;
import org.tandemdns.propagation.DownstreamObserver;
import org.tandemdns.query.AnswerEngine;
import org.tandemdns.security.Acl;
import org.tandemdns.security.TsigKeyRing;
import org.tandemdns.security.TsigResponses;
import org.tandemdns.security.TsigVerifier;
import org.tandemdns.update.UpdateProcessor;
import org.tandemdns.xfr.TransferResponder;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A zone transfer counts as delivered (propagation: "the downstream has this serial") only once its
 * last message was written to the connection, not when it was produced: Netty reads the last chunk
 * of a transfer before it writes it, and a client that stops reading or closes leaves it unsent.
 */
class TcpTransferDeliveryTest {
  static final ZoneTable ZONES = TestZones.table(TestZones.parse("z.test.",
      "$TTL 60\n@ SOA ns1 h 7 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n"));

  final List<Long> transferred = new CopyOnWriteArrayList<>();

  @Test
  void aTransferWhoseLastMessageIsWrittenIsDelivered() {
    EmbeddedChannel ch = channel(new ChannelOutboundHandlerAdapter());
    ch.writeInbound(axfrFrame());
    ch.runPendingTasks();
    assertThat(readMessages(ch)).as("the AXFR reached the wire").isNotEmpty();
    assertThat(transferred).containsExactly(7L);
    ch.finishAndReleaseAll();
  }

  @Test
  void aTransferProducedButNeverWrittenIsNotDelivered() {
    HeldWrites held = new HeldWrites();
    EmbeddedChannel ch = channel(held);
    ch.writeInbound(axfrFrame());
    ch.runPendingTasks();
    assertThat(held.messages).as("every message was produced and handed to the socket").isNotEmpty();
    assertThat(transferred).as("nothing was written yet").isEmpty();
    ch.close(); // the client went away before the socket took the messages
    ch.runPendingTasks();
    assertThat(transferred).as("a transfer cut off before its end reached the client is not delivered").isEmpty();
    ch.finishAndReleaseAll();
  }

  private EmbeddedChannel channel(ChannelOutboundHandlerAdapter socket) {
    DownstreamObserver observer = new DownstreamObserver() {
      @Override
      public void ixfrRequested(Name zone, InetAddress from, long serial) {}

      @Override
      public void transferred(Name zone, InetAddress to, long serial) {
        transferred.add(serial);
      }

      @Override
      public void soaSeen(Name zone, InetSocketAddress target, long serial) {}
    };
    RequestDispatcher dispatcher = new RequestDispatcher(new AnswerEngine(ZONES),
        new TransferResponder(ZONES, null, z -> Acl.parse(List.of("127.0.0.0/8")), 4, Clock.systemUTC(), observer),
        new NotifyReceiver(z -> null), new UpdateProcessor(ZONES, null, z -> null, Runnable::run),
        new TsigVerifier(TsigKeyRing.empty(), Clock.systemUTC()), new TsigResponses(Clock.systemUTC()));
    return new LoopbackChannel(socket, new ChunkedWriteHandler(), new TcpQueryHandler(dispatcher, new AnswerCache(0, 0, () -> 0)));
  }

  private static ByteBuf axfrFrame() {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString("z.test."), Type.AXFR, DClass.IN));
    return Unpooled.wrappedBuffer(q.toWire());
  }

  private static List<Message> readMessages(EmbeddedChannel ch) {
    List<Message> out = new ArrayList<>();
    for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
      try {
        while (b.readableBytes() >= 2) {
          byte[] m = new byte[b.readUnsignedShort()];
          b.readBytes(m);
          out.add(new Message(m));
        }
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      } finally {
        b.release();
      }
    }
    return out;
  }

  /** A socket whose send buffer is full: writes are taken but never complete until the close fails them. */
  static final class HeldWrites extends ChannelOutboundHandlerAdapter {
    final List<Object> messages = new ArrayList<>();
    final List<ChannelPromise> promises = new ArrayList<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      messages.add(msg);
      promises.add(promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {}

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
      for (ChannelPromise p : promises) {
        p.tryFailure(new java.nio.channels.ClosedChannelException());
      }
      for (Object m : messages) {
        io.netty.util.ReferenceCountUtil.release(m);
      }
      ctx.close(promise);
    }
  }

  /** An embedded channel with loopback addresses, as the TCP handler expects from a socket. */
  static final class LoopbackChannel extends EmbeddedChannel {
    LoopbackChannel(io.netty.channel.ChannelHandler... handlers) {
      super(handlers);
    }

    @Override
    protected SocketAddress localAddress0() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), 53);
    }

    @Override
    protected SocketAddress remoteAddress0() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    }
  }
}
