package org.tandemdns.dnsclient;

import java.util.Base64;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * A TSIG key written on one line as {@code NAME:ALGORITHM:BASE64SECRET}, e.g.
 * {@code xfr-key:hmac-sha256:cGFzc3dvcmQ=} (RFC 8945 §6; algorithm names as in BIND key files).
 */
public final class TsigKeySpec {
  private TsigKeySpec() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with an operator-readable message
   */
  public static TSIG parse(String text) {
    String[] parts = text.split(":", 3);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw new IllegalArgumentException("'" + text + "': expected NAME:ALGORITHM:BASE64SECRET, e.g. xfr-key:hmac-sha256:c2VjcmV0");
    }
    Name name;
    try {
      name = Name.fromString(parts[0], Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("key name '" + parts[0] + "' is not a domain name");
    }
    Name algorithm;
    try {
      algorithm = TSIG.algorithmToName(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown TSIG algorithm '" + parts[1] + "' (use hmac-sha256, hmac-sha512, ...)");
    }
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(parts[2].strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TSIG secret of key '" + parts[0] + "' is not base64");
    }
    if (secret.length == 0) {
      throw new IllegalArgumentException("TSIG secret of key '" + parts[0] + "' is empty");
    }
    return new TSIG(algorithm, name, secret);
  }
}
