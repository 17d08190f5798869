package org.tandemdns.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import org.tandemdns.xfr.MessageStream;

/**
 * Adapts a {@link MessageStream} to Netty's chunked writing: each chunk is one length-prefixed TCP
 * message (RFC 1035 §4.2.2), produced only when the channel can take more, so a slow client holds
 * back the producer instead of filling memory. Netty closes a chunked input as soon as its last
 * chunk is read; the stream is closed by {@link #finish} instead, when the write has completed or
 * failed, so that a transfer counts as done only once every message left.
 */
final class ChunkedReply implements ChunkedInput<ByteBuf> {
  private final MessageStream stream;
  private byte[] next;
  private boolean ended;
  private long progress;

  ChunkedReply(MessageStream stream) {
    this.stream = stream;
  }

  @Override
  public boolean isEndOfInput() {
    if (!ended && next == null) {
      next = stream.next();
      ended = next == null;
    }
    return ended;
  }

  @Override
  public void close() {
    // Netty calls this when the last chunk is read, before it is written: see finish
  }

  /** The write of every chunk completed ({@code written}) or failed: the stream is told, then closed. */
  void finish(boolean written) {
    if (written) {
      stream.delivered();
    }
    stream.close();
  }

  @Deprecated
  @Override
  public ByteBuf readChunk(ChannelHandlerContext ctx) {
    return readChunk(ctx.alloc());
  }

  @Override
  public ByteBuf readChunk(ByteBufAllocator allocator) {
    if (isEndOfInput()) {
      return null;
    }
    byte[] m = next;
    next = null;
    progress++;
    return allocator.buffer(m.length + 2).writeShort(m.length).writeBytes(m);
  }

  @Override
  public long length() {
    return -1;
  }

  @Override
  public long progress() {
    return progress;
  }
}
