package org.tandemdns.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DNS listeners: UDP and TCP on every configured address. With the native epoll transport each
 * I/O thread owns its own SO_REUSEPORT UDP socket, so the kernel spreads datagrams across threads;
 * elsewhere NIO with one UDP socket per address. Port 0 is allowed: every socket then shares the
 * port the first one was given.
 */
public final class DnsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
  private static final int MAX_TCP_MESSAGE = 65535;
  /** Largest UDP request read whole; longer ones are cut (a DNS request over UDP needs far less). */
  private static final int MAX_UDP_QUERY = 4096;
  private static final int UDP_BATCH = 16;

  private final RequestDispatcher dispatcher;
  private final TransportSettings settings;
  private final boolean epoll = Epoll.isAvailable();
  private final EventLoopGroup group;
  private final List<Channel> channels = new ArrayList<>();
  private final List<InetSocketAddress> bound = new ArrayList<>();
  private final List<InetSocketAddress> tlsBound = new ArrayList<>();
  private final org.tandemdns.security.ConnectionLimit connectionLimit;
  private final AnswerCache cache;

  public DnsServer(RequestDispatcher dispatcher, TransportSettings settings) {
    this(dispatcher, settings, new AnswerCache(0, 0, () -> 0));
  }

  /** @param cache rendered answers to repeated questions (see {@link AnswerCache}) */
  public DnsServer(RequestDispatcher dispatcher, TransportSettings settings, AnswerCache cache) {
    this.cache = cache;
    this.dispatcher = dispatcher;
    this.settings = settings;
    this.connectionLimit = new org.tandemdns.security.ConnectionLimit("TCP", settings.maxTcpConnections(), "server.max-tcp-connections",
        settings.maxTcpConnectionsPerClient(), "server.max-tcp-connections-per-client");
    DefaultThreadFactory threads = new DefaultThreadFactory("dns-io", true);
    this.group = epoll ? new EpollEventLoopGroup(settings.ioThreads(), threads) : new NioEventLoopGroup(settings.ioThreads(), threads);
  }

  /**
   * Binds UDP and TCP on {@code address}; returns the address actually bound. With port 0 the
   * kernel picks the UDP port, and TCP must then get the same number: if another program holds it,
   * everything is let go and another port tried (a few times).
   */
  public InetSocketAddress listen(InetSocketAddress address) throws IOException {
    int attempts = address.getPort() == 0 ? 5 : 1;
    for (int i = 1; ; i++) {
      int before = channels.size();
      try {
        return listenOnce(address);
      } catch (IOException e) {
        while (channels.size() > before) {
          channels.remove(channels.size() - 1).close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        if (i >= attempts) {
          throw e;
        }
        log.debug("port picked for {} was taken for TCP; trying another", format(address));
      }
    }
  }

  private InetSocketAddress listenOnce(InetSocketAddress address) throws IOException {
    if (address.getPort() != 0) {
      refuseIfTaken(address);
    }
    try {
      UdpQueryHandler udp = new UdpQueryHandler(dispatcher, cache,
          settings.rateLimit().enabled() ? new ResponseRateLimit(settings.rateLimit(), System::nanoTime) : null);
      Channel first = udpBootstrap(udp).bind(address).sync().channel();
      channels.add(first);
      InetSocketAddress actual = (InetSocketAddress) first.localAddress();
      if (epoll) {
        for (int i = 1; i < settings.ioThreads(); i++) {
          channels.add(udpBootstrap(udp).bind(actual).sync().channel());
        }
      }
      channels.add(tcpBootstrap().bind(actual).sync().channel());
      bound.add(actual);
      log.info("listening on {} (UDP and TCP, {} transport)", format(actual), epoll ? "epoll" : "NIO");
      return actual;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while binding " + address, e);
    } catch (Exception e) { // Netty's sync() rethrows the bind's IOException undeclared
      throw new IOException("cannot listen on " + format(address) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fails when another process listens on {@code address}, UDP or TCP. Tandem's own sockets use
   * SO_REUSEPORT, with which Linux lets a second server of the same user join the sockets of a
   * first one that set it too (another Tandem, BIND, Knot) and take part of its traffic without any
   * error (socket(7)); a plain bind, as tried here first, fails instead.
   */
  private static void refuseIfTaken(InetSocketAddress address) throws IOException {
    try (java.net.DatagramSocket udp = new java.net.DatagramSocket(null)) {
      udp.setReuseAddress(false);
      udp.bind(address);
    } catch (java.net.BindException e) {
      throw new IOException("cannot listen on " + format(address) + ": UDP port in use " + PortHolder.by(address, true)
          + "; stop it or choose another address in server.listen", e);
    }
    try (java.net.ServerSocket tcp = new java.net.ServerSocket()) {
      tcp.setReuseAddress(true); // a connection of an earlier run in TIME_WAIT is no clash
      tcp.bind(address);
    } catch (java.net.BindException e) {
      throw new IOException("cannot listen on " + format(address) + ": TCP port in use " + PortHolder.by(address, false)
          + "; stop it or choose another address in server.listen", e);
    }
  }

  /**
   * Binds the TLS listener on {@code address} (TCP only): DNS over TLS (RFC 7858) and zone
   * transfers over TLS (RFC 9103), the same framing, limits and dispatch as TCP behind Netty's
   * {@link io.netty.handler.ssl.SslHandler}. Connections count against the TCP connection caps.
   */
  public InetSocketAddress listenTls(InetSocketAddress address, TlsListenerContext tls) throws IOException {
    if (!tls.loaded()) {
      throw new IllegalStateException("the TLS context has not been loaded");
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      if (address.getPort() != 0) {
        probe.setReuseAddress(true);
        probe.bind(address);
      }
    } catch (java.net.BindException e) {
      throw new IOException("cannot listen on " + format(address) + " for TLS: TCP port in use " + PortHolder.by(address, false)
          + "; stop it or choose another address in tls.listen", e);
    }
    ServerBootstrap b = streamBootstrap(tls, TlsSessionHandler.failureLog());
    try {
      Channel c = b.bind(address).sync().channel();
      channels.add(c);
      InetSocketAddress actual = (InetSocketAddress) c.localAddress();
      tlsBound.add(actual);
      log.info("listening on {} (TLS: DNS over TLS and zone transfers over TLS, ALPN dot)", format(actual));
      return actual;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while binding " + address, e);
    } catch (Exception e) {
      throw new IOException("cannot listen on " + format(address) + " for TLS: " + e.getMessage(), e);
    }
  }

  /** TLS addresses bound so far. */
  public List<InetSocketAddress> tlsAddresses() {
    return List.copyOf(tlsBound);
  }

  /** Addresses bound so far. */
  public List<InetSocketAddress> addresses() {
    return List.copyOf(bound);
  }

  private Bootstrap udpBootstrap(UdpQueryHandler handler) {
    Bootstrap b = new Bootstrap().group(group).handler(handler);
    if (epoll) {
      // recvmmsg: a datagram size and a receive buffer holding several of them (Netty reads one at a
      // time when the buffer holds fewer than two)
      b.channel(EpollDatagramChannel.class).option(EpollChannelOption.SO_REUSEPORT, true)
          .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_UDP_QUERY)
          .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_UDP_QUERY * UDP_BATCH));
    } else {
      b.channel(NioDatagramChannel.class);
    }
    return b.option(ChannelOption.SO_RCVBUF, 4 << 20).option(ChannelOption.SO_SNDBUF, 4 << 20);
  }

  private ServerBootstrap tcpBootstrap() {
    return streamBootstrap(null, null);
  }

  /**
   * DNS over TCP, or inside TLS when {@code tls} is given (its handshake failures logged to
   * {@code failures}): the same caps, timeouts, framing and handler either way. Only plain TCP
   * shares its port by SO_REUSEPORT (one socket per I/O thread is UDP's need; TCP takes it along).
   */
  private ServerBootstrap streamBootstrap(TlsListenerContext tls, org.tandemdns.security.RateLimitedLog failures) {
    ServerBootstrap b = new ServerBootstrap().group(group)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 << 10, 256 << 10))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(connectionLimit);
            if (tls != null) {
              ch.pipeline().addLast(tls.newHandler(ch.alloc())).addLast(new TlsSessionHandler(failures));
            }
            ch.pipeline()
                .addLast(new IdleStateHandler(true, 0, 0, settings.tcpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new TcpMessageDeadline(settings.tcpMessageTimeout()))
                .addLast(new ChunkedWriteHandler())
                .addLast(new LengthFieldBasedFrameDecoder(2 + MAX_TCP_MESSAGE, 0, 2, 0, 2)) // Netty counts the 2-byte prefix
                .addLast(new TcpQueryHandler(dispatcher, cache, tls == null ? Transport.TCP : Transport.TLS));
          }
        });
    if (epoll && tls == null) {
      b.option(EpollChannelOption.SO_REUSEPORT, true);
    }
    return b;
  }

  /** Formats an address as HOST:PORT, with IPv6 hosts in brackets. */
  public static String format(InetSocketAddress a) {
    String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  @Override
  public void close() {
    for (Channel c : channels) {
      c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
