package org.tandemdns.dnssec;

import java.security.PrivateKey;
import java.time.Instant;
import org.xbill.DNS.DNSKEYRecord;

/**
 * One of a zone's DNSSEC keys: its public DNSKEY record, its private key (never logged nor shown by
 * the API: {@link #toString} leaves it out), its role and when it was created.
 */
public record SigningKey(DNSKEYRecord dnskey, PrivateKey privateKey, KeyRole role, Instant created) {
  /** The key tag (RFC 4034 Appendix B) that RRSIGs and DS records name it by. */
  public int tag() {
    return dnskey.getFootprint();
  }

  public int algorithm() {
    return dnskey.getAlgorithm();
  }

  @Override
  public String toString() {
    return role + " " + tag() + " (algorithm " + algorithm() + ", created " + created + ")";
  }
}
