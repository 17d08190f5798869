package org.tandemdns.testing;

import java.security.SecureRandom;
import java.util.Base64;
import org.xbill.DNS.TSIG;

/**
 * A TSIG key (RFC 8945) as every peer's configuration names it.
 *
 * @param name key name, without trailing dot, e.g. {@code xfr-key}
 * @param algorithm algorithm as BIND and Knot spell it, e.g. {@code hmac-sha256}
 * @param secret base64 secret
 */
public record TsigKey(String name, String algorithm, String secret) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public TsigKey {
    name = Names.relative(name);
  }

  /** A new hmac-sha256 key with a random 256-bit secret. */
  public static TsigKey generate(String name) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return new TsigKey(name, "hmac-sha256", Base64.getEncoder().encodeToString(secret));
  }

  /** The same key for dnsjava, to sign queries. */
  public TSIG toDnsjava() {
    return new TSIG(TSIG.algorithmToName(algorithm), Names.absolute(name), secret);
  }

  /** {@code algorithm:name:secret}, the argument of {@code dig -y} and {@code kdig -y}. */
  public String digArg() {
    return algorithm + ":" + name + ":" + secret;
  }
}
