package org.tandemdns.config;

import java.time.Duration;
import java.util.Locale;

/**
 * One DNSSEC signing policy under {@code dnssec-policies:}, referenced by zones as {@code dnssec: {
 * policy: NAME }}; {@code default} is built in. The names are Knot's {@code policy:} names where
 * Knot has one (BIND's {@code dnssec-policy} equivalents in brackets).
 *
 * @param name the policy's name
 * @param algorithm ecdsap256sha256 (default, algorithm 13), ed25519 (15) or rsasha256 (8, 2048 bits)
 * @param keys {@code csk} (default: one combined signing key) or {@code ksk-zsk}
 * @param nsec3 NSEC3 (RFC 5155) instead of NSEC (default false)
 * @param nsec3Iterations extra NSEC3 iterations (default 0, RFC 9276 §3.1; more is refused above 0
 *     only by validators, so Tandem allows at most 0)
 * @param nsec3SaltLength NSEC3 salt length in octets (default 0, RFC 9276 §3.1)
 * @param nsec3OptOut the opt-out flag on every NSEC3 (RFC 5155 §6; default false)
 * @param rrsigLifetime how long a signature is valid (default 14 days; BIND signatures-validity)
 * @param rrsigRefresh re-sign when a signature has less than this left (default 7 days; BIND
 *     signatures-refresh)
 * @param rrsigJitter signatures' expiry is spread over this much so they do not all fall due at
 *     once (default 1 hour; BIND signatures-jitter)
 * @param dnskeyTtl TTL of DNSKEY, CDS and CDNSKEY (default 3600 s)
 * @param zskLifetime ZSK lifetime (default 90 days; 0 unlimited)
 * @param kskLifetime KSK or CSK lifetime (default 0: unlimited)
 * @param cdsCdnskeyPublish {@code always} (default: CDS and CDNSKEY of the KSK/CSK at the apex,
 *     RFC 7344), {@code none}, or {@code delete-dnssec}: the zone goes insecure (Knot's name; the
 *     built-in policy {@code insecure}, BIND's name): CDS and CDNSKEY ask the parent to delete the
 *     DS (RFC 8078 §4), and once it has, the keys and signatures are removed
 * @param propagationDelay how long a new version takes to reach every secondary, added to each
 *     rollover step (default 1 hour; Knot propagation-delay, BIND zone-propagation-delay)
 * @param dsTtl the TTL of the zone's DS at the parent, when the parent's answer does not give it
 *     (a DS confirmed by hand; default 1 day; BIND parent-ds-ttl)
 * @param dsCheckInterval how often the parent agents are asked for the new DS during a KSK or CSK
 *     rollover (default 1 hour; Knot ksk-submission check-interval)
 */
public record DnssecPolicy(
    String name,
    String algorithm,
    String keys,
    Boolean nsec3,
    Integer nsec3Iterations,
    Integer nsec3SaltLength,
    Boolean nsec3OptOut,
    Duration rrsigLifetime,
    Duration rrsigRefresh,
    Duration rrsigJitter,
    Duration dnskeyTtl,
    Duration zskLifetime,
    Duration kskLifetime,
    String cdsCdnskeyPublish,
    Duration propagationDelay,
    Duration dsTtl,
    Duration dsCheckInterval) {
  /** The name of the built-in policy. */
  public static final String DEFAULT = "default";
  /** The built-in policy that takes a signed zone back to unsigned, safely (BIND's name). */
  public static final String INSECURE = "insecure";

  /** DNSSEC algorithms a policy may name (RFC 8624 §3.1: those to implement and use). */
  public enum Algorithm {
    ECDSAP256SHA256(13), ED25519(15), RSASHA256(8);

    private final int number;

    Algorithm(int number) {
      this.number = number;
    }

    /** The algorithm's number in DNSKEY, DS and RRSIG (IANA registry). */
    public int number() {
      return number;
    }

    static Algorithm parse(String text) {
      try {
        return valueOf(text.replace("-", "").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown algorithm '" + text + "' (known: ecdsap256sha256, ed25519, rsasha256)");
      }
    }
  }

  /** Which keys sign: one combined signing key, or a key-signing key and a zone-signing key. */
  public enum KeyScheme { CSK, KSK_ZSK }

  public DnssecPolicy {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a DNSSEC policy needs a 'name'");
    }
    String p = "dnssec policy " + name + ": ";
    algorithm = algorithm == null ? "ecdsap256sha256" : algorithm.toLowerCase(Locale.ROOT);
    try {
      Algorithm.parse(algorithm);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(p + e.getMessage());
    }
    keys = keys == null ? "csk" : keys.toLowerCase(Locale.ROOT);
    if (!keys.equals("csk") && !keys.equals("ksk-zsk")) {
      throw new IllegalArgumentException(p + "keys must be 'csk' or 'ksk-zsk', not '" + keys + "'");
    }
    nsec3 = nsec3 != null && nsec3;
    nsec3Iterations = nsec3Iterations == null ? 0 : nsec3Iterations;
    if (nsec3Iterations != 0) {
      throw new IllegalArgumentException(p + "nsec3-iterations must be 0 (RFC 9276 §3.1: validators treat more as"
          + " insecure or refuse it)");
    }
    nsec3SaltLength = nsec3SaltLength == null ? 0 : nsec3SaltLength;
    if (nsec3SaltLength < 0 || nsec3SaltLength > 255) {
      throw new IllegalArgumentException(p + "nsec3-salt-length must be 0 to 255 (0 recommended, RFC 9276 §3.1)");
    }
    nsec3OptOut = nsec3OptOut != null && nsec3OptOut;
    if (!nsec3 && (nsec3OptOut || nsec3SaltLength != 0)) {
      throw new IllegalArgumentException(p + "nsec3-opt-out and nsec3-salt-length need nsec3: true");
    }
    rrsigLifetime = rrsigLifetime == null ? Duration.ofDays(14) : rrsigLifetime;
    rrsigRefresh = rrsigRefresh == null ? Duration.ofDays(7) : rrsigRefresh;
    rrsigJitter = rrsigJitter == null ? Duration.ofHours(1) : rrsigJitter;
    if (rrsigLifetime.compareTo(Duration.ofHours(3)) < 0) {
      throw new IllegalArgumentException(p + "rrsig-lifetime must be at least 3h");
    }
    if (rrsigRefresh.isNegative() || rrsigRefresh.plus(rrsigJitter).plus(Duration.ofHours(1)).compareTo(rrsigLifetime) > 0) {
      throw new IllegalArgumentException(p + "rrsig-refresh (" + rrsigRefresh + ") plus rrsig-jitter (" + rrsigJitter
          + ") must leave at least an hour of rrsig-lifetime (" + rrsigLifetime + ")");
    }
    dnskeyTtl = dnskeyTtl == null ? Duration.ofHours(1) : dnskeyTtl;
    zskLifetime = zskLifetime == null ? Duration.ofDays(90) : zskLifetime;
    kskLifetime = kskLifetime == null ? Duration.ZERO : kskLifetime;
    cdsCdnskeyPublish = cdsCdnskeyPublish == null ? "always" : cdsCdnskeyPublish.toLowerCase(Locale.ROOT);
    if (!cdsCdnskeyPublish.equals("always") && !cdsCdnskeyPublish.equals("none")
        && !cdsCdnskeyPublish.equals("delete-dnssec")) {
      throw new IllegalArgumentException(p + "cds-cdnskey-publish must be 'always', 'none' or 'delete-dnssec'");
    }
    propagationDelay = propagationDelay == null ? Duration.ofHours(1) : propagationDelay;
    dsTtl = dsTtl == null ? Duration.ofDays(1) : dsTtl;
    dsCheckInterval = dsCheckInterval == null ? Duration.ofHours(1) : dsCheckInterval;
    if (propagationDelay.isNegative() || dsTtl.isNegative() || dsCheckInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(p + "propagation-delay and ds-ttl cannot be negative, ds-check-interval is at"
          + " least 1s");
    }
    Duration introduction = dnskeyTtl.plus(propagationDelay);
    for (var lifetime : java.util.Map.of("zsk-lifetime", zskLifetime, "ksk-lifetime", kskLifetime).entrySet()) {
      if (!lifetime.getValue().isZero() && lifetime.getValue().compareTo(introduction.multipliedBy(2)) <= 0) {
        throw new IllegalArgumentException(p + lifetime.getKey() + " (" + lifetime.getValue() + ") must be longer than"
            + " twice dnskey-ttl plus propagation-delay (" + introduction + "), the time a new key needs to be"
            + " introduced, or 0 (unlimited)");
      }
    }
  }

  /** The built-in {@code default}: ECDSA P-256 CSK, NSEC, 14-day signatures refreshed at 7 days. */
  public static DnssecPolicy builtInDefault() {
    return new DnssecPolicy(DEFAULT, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  /** The built-in {@code insecure}: the default's timings, going insecure. */
  public static DnssecPolicy builtInInsecure() {
    return new DnssecPolicy(INSECURE, null, null, null, null, null, null, null, null, null, null, null, null,
        "delete-dnssec", null, null, null);
  }

  /** True when the zone is to go insecure: CDS/CDNSKEY delete, then no keys (RFC 8078 §4). */
  public boolean goesInsecure() {
    return cdsCdnskeyPublish.equals("delete-dnssec");
  }

  public Algorithm signingAlgorithm() {
    return Algorithm.parse(algorithm);
  }

  public KeyScheme keyScheme() {
    return keys.equals("csk") ? KeyScheme.CSK : KeyScheme.KSK_ZSK;
  }

  public boolean publishesCds() {
    return cdsCdnskeyPublish.equals("always");
  }
}
