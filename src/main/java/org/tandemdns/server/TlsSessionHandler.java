package org.tandemdns.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.security.RateLimitedLog;
import org.tandemdns.security.TransportSecurity;

/**
 * Sits behind Netty's {@link SslHandler} on the TLS listener. Once the handshake is done it records
 * the session ({@link TlsSession}: ALPN {@code dot} agreed or not, client certificate verified or
 * not) on the channel for the request context; a handshake that fails — a client that does not
 * speak TLS (plain DNS on the TLS port), offers ALPN without {@code dot} (RFC 7301 §3.2), presents
 * a certificate the client CA does not verify, or stalls past the handshake timeout — closes the
 * connection with one (rate-limited) log line.
 */
final class TlsSessionHandler extends ChannelInboundHandlerAdapter {
  static final AttributeKey<TlsSession> SESSION = AttributeKey.valueOf("tandem.tls-session");
  private static final Logger log = LoggerFactory.getLogger(TlsSessionHandler.class);
  private final RateLimitedLog failures;

  /** @param failures where failed handshakes are logged, shared by the listener's connections */
  TlsSessionHandler(RateLimitedLog failures) {
    this.failures = failures;
  }

  /** The log a listener's handlers share. */
  static RateLimitedLog failureLog() {
    return new RateLimitedLog(log);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        boolean dot = TlsListenerContext.ALPN_DOT.equals(ssl.applicationProtocol());
        ctx.channel().attr(SESSION).set(new TlsSession(clientVerified(ssl) ? TransportSecurity.MUTUAL_TLS : TransportSecurity.TLS, dot));
      } else {
        failures.warn("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), describe(done.cause()));
        ctx.close();
      }
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof NotSslRecordException || cause.getCause() instanceof NotSslRecordException) {
      ctx.close(); // the handshake's failure event has said so
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  /** True when the client sent a certificate; with client-ca set, the engine has verified it by then. */
  private static boolean clientVerified(SslHandler ssl) {
    try {
      return ssl.engine().getSession().getPeerCertificates().length > 0;
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }

  private static String describe(Throwable cause) {
    if (cause instanceof io.netty.handler.ssl.SslHandshakeTimeoutException) {
      return "not done within the handshake timeout (tls.handshake-timeout)";
    }
    if (cause instanceof NotSslRecordException || cause.getCause() instanceof NotSslRecordException) {
      return "the client does not speak TLS (plain DNS on the TLS port?)";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = String.valueOf(root.getMessage());
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("no_application_protocol") || lower.contains("application layer protocol")) {
      return "the client offered ALPN without 'dot' (" + text + "; RFC 9103 §7.1)";
    }
    if (lower.contains("certificate_unknown") || lower.contains("bad_certificate") || lower.contains("unknown_ca")) {
      return text + " (the client does not trust this server's certificate: check the CA, name or pin it is given)";
    }
    return text;
  }
}
