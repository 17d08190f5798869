package org.tandemdns.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One entry of {@code tls.profiles}: how Tandem's transfer client trusts a primary it reaches over
 * TLS (XoT, RFC 9103 §9.3), and the client certificate it shows for mutual TLS. Exactly one way of
 * trusting: a CA ({@code ca-file}, strict: chain, dates and name checked), pinned keys
 * ({@code pin-sha256}, RFC 7858 §4.2), or {@code opportunistic: true} (encrypted, not authenticated).
 *
 * @param name the profile's name, as primaries refer to it ({@code tls NAME})
 * @param caFile PEM CA certificates the primary's chain must lead to
 * @param serverName the name the primary's certificate must carry (also sent as SNI); default: its
 *     IP address, which the certificate must then list as an IP subject alternative name
 * @param pinSha256 base64 SHA-256 pins of the primary's SubjectPublicKeyInfo
 * @param opportunistic encrypt without authenticating the primary (TSIG still authenticates the data)
 * @param certificate our client certificate chain (PEM), for primaries that require mutual TLS
 * @param privateKey the key of {@code certificate} (PEM)
 */
public record TlsProfile(String name, Path caFile, String serverName, List<String> pinSha256, Boolean opportunistic,
    Path certificate, Path privateKey) {
  public TlsProfile {
    pinSha256 = pinSha256 == null ? List.of() : List.copyOf(pinSha256);
    opportunistic = opportunistic != null && opportunistic;
    int ways = (caFile != null ? 1 : 0) + (pinSha256.isEmpty() ? 0 : 1) + (opportunistic ? 1 : 0);
    if (ways != 1) {
      throw new IllegalArgumentException("tls profile " + name + ": give exactly one way to trust the primary: 'ca-file',"
          + " 'pin-sha256' or 'opportunistic: true'" + (ways > 1 ? " (more than one given)" : ""));
    }
    for (String pin : pinSha256) {
      byte[] digest;
      try {
        digest = java.util.Base64.getDecoder().decode(pin);
      } catch (IllegalArgumentException e) {
        digest = new byte[0];
      }
      if (digest.length != 32) {
        throw new IllegalArgumentException("tls profile " + name + ": pin-sha256 '" + pin + "' is not the base64 of a SHA-256"
            + " digest (docs/xot.md shows the openssl command that prints it)");
      }
    }
    if ((certificate == null) != (privateKey == null)) {
      throw new IllegalArgumentException("tls profile " + name + ": a client 'certificate' needs its 'private-key', and the other way round");
    }
    if (serverName != null && !serverName.matches("[A-Za-z0-9.-]+")) {
      throw new IllegalArgumentException("tls profile " + name + ": server-name '" + serverName + "' is not a host name");
    }
  }

  TlsProfile resolvedAgainst(Path base) {
    return new TlsProfile(name, resolve(base, caFile), serverName, pinSha256, opportunistic, resolve(base, certificate),
        resolve(base, privateKey));
  }

  static Path resolve(Path base, Path p) {
    return p == null || base == null || p.isAbsolute() ? p : base.resolve(p);
  }
}
