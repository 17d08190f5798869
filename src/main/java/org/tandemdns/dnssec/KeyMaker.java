package org.tandemdns.dnssec;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import org.tandemdns.config.DnssecPolicy;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;

/** Generates DNSSEC keys (RFC 6605 ECDSA P-256, RFC 8080 Ed25519, RFC 5702 RSA/SHA-256 of 2048 bits). */
final class KeyMaker {
  private KeyMaker() {}

  static SigningKey generate(Name zone, DnssecPolicy.Algorithm algorithm, KeyRole role, long ttl, Instant now) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(javaAlgorithm(algorithm.number()));
      switch (algorithm) {
        case ECDSAP256SHA256 -> g.initialize(new ECGenParameterSpec("secp256r1"));
        case RSASHA256 -> g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
        case ED25519 -> { }
      }
      KeyPair pair = g.generateKeyPair();
      DNSKEYRecord dnskey = new DNSKEYRecord(zone, DClass.IN, ttl, role.flags(), DNSKEYRecord.Protocol.DNSSEC,
          algorithm.number(), pair.getPublic());
      return new SigningKey(dnskey, pair.getPrivate(), role, now);
    } catch (GeneralSecurityException | DNSSEC.DNSSECException e) {
      throw new IllegalStateException("cannot generate a " + algorithm + " key: " + e.getMessage(), e);
    }
  }

  /** The JCA name of a DNSSEC algorithm's keys. */
  static String javaAlgorithm(int algorithm) {
    return switch (algorithm) {
      case 13, 14 -> "EC";
      case 15 -> "Ed25519";
      case 8, 10, 7, 5 -> "RSA";
      default -> throw new IllegalArgumentException("DNSSEC algorithm " + algorithm + " is not supported");
    };
  }
}
