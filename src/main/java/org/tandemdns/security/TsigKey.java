package org.tandemdns.security;

import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * A TSIG shared secret (RFC 8945 §4): its name, algorithm and secret bytes. The secret never
 * appears in {@link #toString()}.
 */
public final class TsigKey {
  /** Algorithms accepted in configuration, by their usual short names (RFC 8945 §6). */
  public static final Map<String, Name> ALGORITHMS = Map.of(
      "hmac-md5", TSIG.HMAC_MD5,
      "hmac-sha1", TSIG.HMAC_SHA1,
      "hmac-sha224", TSIG.HMAC_SHA224,
      "hmac-sha256", TSIG.HMAC_SHA256,
      "hmac-sha384", TSIG.HMAC_SHA384,
      "hmac-sha512", TSIG.HMAC_SHA512);

  private final Name name;
  private final Name algorithm;
  private final byte[] secret;

  public TsigKey(Name name, Name algorithm, byte[] secret) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("TSIG key " + name + " has an empty secret");
    }
    this.name = name;
    this.algorithm = algorithm;
    this.secret = secret.clone();
  }

  /** A key from its configured form: short algorithm name and base64 secret. */
  public static TsigKey of(String name, String algorithm, String base64Secret) {
    Name alg = ALGORITHMS.get(algorithm.trim().toLowerCase(Locale.ROOT));
    if (alg == null) {
      throw new IllegalArgumentException("unknown TSIG algorithm '" + algorithm + "' (known: "
          + String.join(", ", new java.util.TreeSet<>(ALGORITHMS.keySet())) + ")");
    }
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(base64Secret.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the secret of TSIG key '" + name + "' is not valid base64");
    }
    return new TsigKey(Names.absolute(name), alg, secret);
  }

  public Name name() {
    return name;
  }

  public Name algorithm() {
    return algorithm;
  }

  /** The short algorithm name, as configured ({@code hmac-sha256}, ...). */
  public String algorithmName() {
    return ALGORITHMS.entrySet().stream().filter(e -> e.getValue().equals(algorithm)).map(Map.Entry::getKey)
        .findFirst().orElse(algorithm.toString());
  }

  public String secretBase64() {
    return Base64.getEncoder().encodeToString(secret);
  }

  /** A dnsjava signer/verifier for this key, reading time from {@code clock}. */
  public TSIG tsig(Clock clock) {
    return new TSIG(algorithm, name, new javax.crypto.spec.SecretKeySpec(secret, TSIG.nameToAlgorithm(algorithm)), clock);
  }

  @Override
  public String toString() {
    return name + " (" + algorithmName() + ")";
  }
}
