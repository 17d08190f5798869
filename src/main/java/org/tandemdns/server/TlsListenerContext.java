package org.tandemdns.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tandemdns.config.TlsConfig;
import org.tandemdns.security.TlsFiles;

/**
 * The TLS listener's server context: certificate chain and key from PEM files, TLS 1.3 only (RFC
 * 9103 §5.1), ALPN {@code dot} (§7.1; a client offering only other protocols is refused with
 * no_application_protocol, RFC 7301 §3.2), client certificates asked for and verified when a client
 * CA is set (mutual TLS, §9.3.2). {@link #load} replaces the context (on SIGHUP); connections
 * made from then on use the new one, those open keep theirs.
 */
public final class TlsListenerContext {
  /** ALPN token of DNS over TLS, which XoT uses too (RFC 9103 §7.1). */
  public static final String ALPN_DOT = "dot";

  private final SslProvider provider;
  private volatile SslContext context;
  private volatile Duration handshakeTimeout = Duration.ofSeconds(5);

  /** A context on the JDK's TLS provider. */
  public TlsListenerContext() {
    this(SslProvider.JDK);
  }

  /** @param provider the JDK's TLS, or OpenSSL/BoringSSL through netty-tcnative when on the class path */
  public TlsListenerContext(SslProvider provider) {
    this.provider = provider;
  }

  /**
   * Reads the PEM files of {@code config} and makes them the listener's; on failure the context in
   * use is kept and the exception says what is wrong with which file.
   */
  public void load(TlsConfig config) throws IOException {
    List<X509Certificate> chain = TlsFiles.certificates(config.certificate());
    PrivateKey key = TlsFiles.privateKey(config.privateKey());
    X509Certificate leaf = chain.get(0);
    try {
      leaf.checkValidity();
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new IOException(config.certificate() + ": the certificate is not valid now (valid " + leaf.getNotBefore() + " to "
          + leaf.getNotAfter() + "); clients would refuse it", e);
    }
    try {
      SslContextBuilder b = SslContextBuilder.forServer(key, chain.toArray(new X509Certificate[0]))
          .sslProvider(provider)
          .protocols("TLSv1.3")
          .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
              ApplicationProtocolConfig.SelectorFailureBehavior.FATAL_ALERT,
              ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ALPN_DOT));
      if (config.clientCa() != null) {
        b.trustManager(TlsFiles.certificates(config.clientCa()).toArray(new X509Certificate[0])).clientAuth(ClientAuth.OPTIONAL);
      }
      SslContext next = b.build();
      context = next;
      handshakeTimeout = config.handshakeTimeout();
    } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
      throw new IOException(config.certificate() + " with " + config.privateKey() + ": cannot make a TLS context: " + e.getMessage(), e);
    }
  }

  /** True once {@link #load} succeeded. */
  public boolean loaded() {
    return context != null;
  }

  /** A handler for one new connection, on the current context, with the handshake timeout set. */
  SslHandler newHandler(ByteBufAllocator alloc) {
    SslHandler h = context.newHandler(alloc);
    h.setHandshakeTimeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    return h;
  }
}
