package org.tandemdns.security;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps concurrent connections to one listener (DNS over TCP, RFC 7766 §6.2.2; the HTTP API), in all
 * and per client (an IPv4 address or an IPv6 /64, the block one host usually holds), so that one
 * client holding many slow connections cannot take every slot; a connection over either cap is
 * closed at once, with a WARN line at most every 10 s.
 */
@ChannelHandler.Sharable
public final class ConnectionLimit extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionLimit.class);
  private static final AttributeKey<Client> CLIENT = AttributeKey.valueOf("tandem.connection-limit-client");

  private final String listener;
  private final String maxKey;
  private final String perClientKey;
  private final int max;
  private final int maxPerClient;
  private final AtomicInteger open = new AtomicInteger();
  private final ConcurrentHashMap<Client, AtomicInteger> perClient = new ConcurrentHashMap<>();
  private volatile long lastWarning;
  private volatile long lastClientWarning;

  /**
   * @param listener what the connections are to, for the log ("TCP", "HTTP API")
   * @param maxKey, perClientKey the settings that raise the caps, named in the log
   */
  public ConnectionLimit(String listener, int max, String maxKey, int maxPerClient, String perClientKey) {
    this.listener = listener;
    this.maxKey = maxKey;
    this.perClientKey = perClientKey;
    this.max = max;
    this.maxPerClient = maxPerClient;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Client client = Client.of(ctx.channel().remoteAddress());
    if (client != null) {
      ctx.channel().attr(CLIENT).set(client);
      if (perClient.computeIfAbsent(client, c -> new AtomicInteger()).incrementAndGet() > maxPerClient) {
        long now = System.nanoTime();
        if (now - lastClientWarning > 10_000_000_000L) {
          lastClientWarning = now;
          log.warn("{} connections per client limit {} reached by {}; refusing its new connections ({})", listener,
              maxPerClient, client, perClientKey);
        }
        open.incrementAndGet(); // channelInactive gives both back
        ctx.close();
        return;
      }
    }
    if (open.incrementAndGet() > max) {
      long now = System.nanoTime();
      if (now - lastWarning > 10_000_000_000L) {
        lastWarning = now;
        log.warn("{} connection limit {} reached; refusing connections (from {} and others; {})", listener, max,
            ctx.channel().remoteAddress(), maxKey);
      }
      ctx.close();
      return;
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    open.decrementAndGet();
    Client client = ctx.channel().attr(CLIENT).getAndSet(null);
    if (client != null) {
      perClient.computeIfPresent(client, (c, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
    ctx.fireChannelInactive();
  }

  /** Connections open now, those being refused included until they are closed. */
  public int open() {
    return open.get();
  }

  /** The address bytes a client is counted by: the whole IPv4 address, the first 64 bits of IPv6. */
  record Client(byte[] prefix) {
    static Client of(java.net.SocketAddress remote) {
      if (!(remote instanceof InetSocketAddress a) || a.getAddress() == null) {
        return null;
      }
      InetAddress ip = a.getAddress();
      byte[] b = ip.getAddress();
      return new Client(ip instanceof Inet6Address ? Arrays.copyOf(b, 8) : b);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Client c && Arrays.equals(prefix, c.prefix);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(prefix);
    }

    @Override
    public String toString() {
      try {
        return prefix.length == 4 ? InetAddress.getByAddress(prefix).getHostAddress()
            : InetAddress.getByAddress(Arrays.copyOf(prefix, 16)).getHostAddress() + "/64";
      } catch (java.net.UnknownHostException e) {
        return Arrays.toString(prefix);
      }
    }
  }
}
