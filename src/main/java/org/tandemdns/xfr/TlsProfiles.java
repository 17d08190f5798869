package org.tandemdns.xfr;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.tandemdns.config.TlsConfig;
import org.tandemdns.config.TlsProfile;
import org.tandemdns.dnsclient.TlsClient;
import org.tandemdns.security.TlsFiles;
import org.tandemdns.security.TlsTrust;

/**
 * The TLS profiles of {@code tls.profiles}, each made into a ready {@link TlsClient} once per
 * (re)load, so that a transfer does not read PEM files. A reload whose files cannot all be read
 * changes nothing: the profiles in use stay, and the problems are reported.
 */
public final class TlsProfiles {
  private volatile Map<String, TlsClient> profiles = Map.of();

  /**
   * Reads every profile's files anew; when all are usable they replace the profiles in use, else
   * nothing changes. Returns the problems, one per profile that cannot be used.
   */
  public List<String> load(TlsConfig config) {
    Map<String, TlsClient> next = new HashMap<>();
    List<String> problems = new java.util.ArrayList<>();
    for (TlsProfile p : config.profiles()) {
      try {
        next.put(p.name(), client(p));
      } catch (IOException | GeneralSecurityException e) {
        problems.add("tls profile " + p.name() + ": " + e.getMessage());
      }
    }
    if (problems.isEmpty()) {
      profiles = Map.copyOf(next);
    }
    return problems;
  }

  /** The client of the profile named {@code name}, or null when no such profile is loaded. */
  public TlsClient get(String name) {
    return profiles.get(name);
  }

  /** The client a profile describes (its files read now). */
  static TlsClient client(TlsProfile p) throws IOException, GeneralSecurityException {
    X509TrustManager trust;
    String how;
    if (p.caFile() != null) {
      trust = TlsTrust.authorities(TlsFiles.certificates(p.caFile()));
      how = "ca-file " + p.caFile().getFileName();
    } else if (!p.pinSha256().isEmpty()) {
      trust = TlsTrust.pinned(new HashSet<>(p.pinSha256()));
      how = "pin-sha256";
    } else {
      trust = TlsTrust.opportunistic();
      how = "opportunistic";
    }
    KeyManager[] keys = null;
    if (p.certificate() != null) {
      List<X509Certificate> chain = TlsFiles.certificates(p.certificate());
      PrivateKey key = TlsFiles.privateKey(p.privateKey());
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("client", key, new char[0], chain.toArray(new X509Certificate[0]));
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, new char[0]);
      keys = factory.getKeyManagers();
      how += ", client certificate";
    }
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keys, new javax.net.ssl.TrustManager[] {trust}, null);
    return new TlsClient(context, p.serverName(), p.caFile() != null, "profile " + p.name() + ": " + how);
  }
}
