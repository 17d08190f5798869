package org.tandemdns.dnssec;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;

/**
 * Makes one RRSIG (RFC 4034 §3, the signed data of §3.1.8.1). ECDSA P-256 (RFC 6605) is computed
 * with Bouncy Castle's curve arithmetic, about five times as fast as JDK 17's provider, with
 * deterministic nonces (RFC 6979), the signature written as r and s of 32 octets each (RFC 6605
 * §4); other algorithms go through dnsjava and the JDK.
 */
final class RrsigMaker {
  private static final ECDomainParameters P256;

  static {
    X9ECParameters p = CustomNamedCurves.getByName("secp256r1");
    P256 = new ECDomainParameters(p.getCurve(), p.getG(), p.getN(), p.getH());
  }

  private RrsigMaker() {}

  static RRSIGRecord sign(RRset rrset, SigningKey key, DNSKEYRecord dnskey, Instant inception, Instant expiration)
      throws DNSSEC.DNSSECException {
    if (key.algorithm() != DNSSEC.Algorithm.ECDSAP256SHA256 || !(key.privateKey() instanceof ECPrivateKey ec)) {
      return DNSSEC.sign(rrset, dnskey, key.privateKey(), inception, expiration);
    }
    RRSIGRecord unsigned = new RRSIGRecord(rrset.getName(), rrset.getDClass(), rrset.getTTL(), rrset.getType(),
        dnskey.getAlgorithm(), rrset.getTTL(), expiration, inception, dnskey.getFootprint(), dnskey.getName(), null);
    byte[] data = DNSSEC.digestRRset(unsigned, rrset);
    SHA256Digest sha = new SHA256Digest();
    sha.update(data, 0, data.length);
    byte[] hash = new byte[32];
    sha.doFinal(hash, 0);
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(ec.getS(), P256));
    BigInteger[] rs = signer.generateSignature(hash);
    byte[] signature = new byte[64];
    put(rs[0], signature, 0);
    put(rs[1], signature, 32);
    return new RRSIGRecord(rrset.getName(), rrset.getDClass(), rrset.getTTL(), rrset.getType(), dnskey.getAlgorithm(),
        rrset.getTTL(), expiration, inception, dnskey.getFootprint(), dnskey.getName(), signature);
  }

  /** {@code v} as 32 octets, big-endian, left-padded. */
  private static void put(BigInteger v, byte[] out, int at) {
    byte[] b = v.toByteArray();
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, out, at + 32 - len, len);
  }
}
