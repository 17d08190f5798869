package org.tandemdns.config;

import java.nio.file.Path;
import org.tandemdns.security.TsigKey;
import org.xbill.DNS.Name;

/**
 * One TSIG key under {@code keys:} (RFC 8945): a name, an algorithm (hmac-sha256, hmac-sha384,
 * hmac-sha512, hmac-sha224, hmac-sha1, hmac-md5) and a base64 secret given inline ({@code secret}),
 * or, better, in a file ({@code secret-file}, relative to the config file) or an environment variable
 * ({@code secret-env}, e.g. from a secrets manager or systemd's {@code LoadCredential}).
 */
public record KeyConfig(Name name, String algorithm, String secret, Path secretFile, String secretEnv) {
  public KeyConfig {
    if (name == null) {
      throw new IllegalArgumentException("missing 'name'");
    }
    algorithm = algorithm == null ? "hmac-sha256" : algorithm;
    if (secret == null && secretFile == null && secretEnv == null) {
      throw new IllegalArgumentException("key " + name + ": give its 'secret', a 'secret-file' or a 'secret-env'");
    }
    if (!TsigKey.ALGORITHMS.containsKey(algorithm.toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException("key " + name + ": unknown algorithm '" + algorithm + "' (known: "
          + String.join(", ", new java.util.TreeSet<>(TsigKey.ALGORITHMS.keySet())) + ")");
    }
  }

  /** The key; {@code secret} must have been read (see {@link ConfigLoader}). */
  public TsigKey toTsigKey() {
    if (secret == null) {
      throw new IllegalStateException("secret of key " + name + " not read from " + (secretFile != null ? secretFile : "$" + secretEnv));
    }
    return TsigKey.of(name.toString(), algorithm, secret);
  }

  KeyConfig resolvedAgainst(Path base) {
    return secretFile == null || secretFile.isAbsolute() || base == null ? this : new KeyConfig(name, algorithm, secret, base.resolve(secretFile), secretEnv);
  }

  /** This key with its secret read from {@code secretFile} or {@code secretEnv}. */
  KeyConfig withSecret(String s) {
    return new KeyConfig(name, algorithm, s, secretFile, secretEnv);
  }
}
