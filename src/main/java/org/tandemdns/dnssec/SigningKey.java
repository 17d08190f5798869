package org.tandemdns.dnssec;

import java.security.PrivateKey;
import java.time.Instant;
import org.xbill.DNS.DNSKEYRecord;

/**
 * One of a zone's DNSSEC keys: its public DNSKEY record, its private key (never logged nor shown by
 * the API: {@link #toString} leaves it out), its role, when it was created and its timings.
 */
public record SigningKey(DNSKEYRecord dnskey, PrivateKey privateKey, KeyRole role, Instant created, KeyTimes times) {
  /** A key published and active from its creation (a zone's first keys). */
  public SigningKey(DNSKEYRecord dnskey, PrivateKey privateKey, KeyRole role, Instant created) {
    this(dnskey, privateKey, role, created, KeyTimes.from(created));
  }

  /** The key tag (RFC 4034 Appendix B) that RRSIGs and DS records name it by. */
  public int tag() {
    return dnskey.getFootprint();
  }

  public int algorithm() {
    return dnskey.getAlgorithm();
  }

  public KeyState state(Instant now) {
    return times.state(now);
  }

  public SigningKey withTimes(KeyTimes t) {
    return new SigningKey(dnskey, privateKey, role, created, t);
  }

  @Override
  public String toString() {
    return role + " " + tag() + " (algorithm " + algorithm() + ", created " + created + ")";
  }
}
