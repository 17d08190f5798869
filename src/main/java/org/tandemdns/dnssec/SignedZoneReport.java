package org.tandemdns.dnssec;

import java.time.Instant;
import java.util.List;
import org.tandemdns.zone.DenialChain;

/**
 * What one version of a zone holds of DNSSEC, for the API, {@code tandem zone show}, metrics and
 * logs. An unsigned zone has {@code signed} false and nothing else.
 *
 * @param signed the apex has a DNSKEY RRset (RFC 4035 §2.1)
 * @param denial NSEC, NSEC3 or none (RFC 4035 §2.3, RFC 5155 §7.1)
 * @param nsec3 the NSEC3 parameters, or null
 * @param keys the apex DNSKEYs
 * @param signatures RRSIG records in the zone
 * @param earliestExpiry the earliest RRSIG expiration (RFC 4034 §3.1.5), or null without RRSIGs
 * @param earliestExpiring which RRset that signature covers ("www.example. A"), or null
 * @param problems what is wrong with the signed data, one sentence each, at most a few
 */
public record SignedZoneReport(boolean signed, DenialChain.Kind denial, Nsec3 nsec3, List<Key> keys, long signatures,
    Instant earliestExpiry, String earliestExpiring, List<String> problems) {

  /** The report of a zone without DNSSEC data. */
  public static final SignedZoneReport UNSIGNED =
      new SignedZoneReport(false, DenialChain.Kind.NONE, null, List.of(), 0, null, null, List.of());

  /** One DNSKEY: its key tag (RFC 4034 Appendix B), flags (256 ZSK, 257 KSK/CSK) and algorithm number. */
  public record Key(int tag, int flags, int algorithm) {
    /** True for a key with the SEP flag (RFC 4034 §2.1.1): a KSK or CSK. */
    public boolean sep() {
      return (flags & 1) != 0;
    }
  }

  /** NSEC3 parameters (RFC 5155 §4): hash algorithm, iterations, salt in hex ("-" for none), opt-out seen. */
  public record Nsec3(int algorithm, int iterations, String salt, boolean optOut) {}
}
