package org.tandemdns.security;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How a TLS client decides to trust a server (RFC 9103 §9.3 and RFC 7858 §4: strict, by a CA or a
 * pinned key, or opportunistic): the three trust managers Tandem's transfer client uses.
 */
public final class TlsTrust {
  private TlsTrust() {}

  /**
   * Trusts chains to one of {@code authorities} (PKIX: validity dates, signatures, basic
   * constraints); the name is checked by the TLS engine's endpoint identification.
   */
  public static X509TrustManager authorities(List<X509Certificate> authorities) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot make an empty key store", e);
    }
    for (int i = 0; i < authorities.size(); i++) {
      store.setCertificateEntry("ca-" + i, authorities.get(i));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager m : factory.getTrustManagers()) {
      if (m instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager in this JVM");
  }

  /**
   * Trusts a server whose certificate's public key has one of these SPKI pins (RFC 7858 §4.2), and
   * nothing else: no chain, no name, no dates (the pin is the trust, as with DANE-EE).
   */
  public static X509TrustManager pinned(Set<String> pins) {
    return new ServerTrust() {
      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
          throw new CertificateException("the server sent no certificate");
        }
        String pin = TlsFiles.spkiPin(chain[0]);
        if (!pins.contains(pin)) {
          throw new CertificateException("the server's key has pin-sha256 " + pin + ", which is not among the pins configured");
        }
      }
    };
  }

  /** Trusts any server: the transfer is encrypted, not authenticated (opportunistic, RFC 9103 §9.3 and RFC 7435). */
  public static X509TrustManager opportunistic() {
    return new ServerTrust() {
      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // opportunistic: anyone's certificate will do; TSIG still authenticates the data
      }
    };
  }

  /** A trust manager for a client's view of servers: it names no issuers and trusts no client. */
  private abstract static class ServerTrust implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("a client trust manager only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
