package org.tandemdns.sync.provider;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.xbill.DNS.Type;

/**
 * What each kind of provider can hold: record types, the TTL range, and the limit on one atomic
 * batch. This table is the one {@code docs/sync.md} shows (a test compares them).
 *
 * <p>No provider takes the SOA or the types each signer makes ({@link RecordTypes#SIGNER_MANAGED});
 * those are outside every sync's scope rather than unsupported.
 *
 * @param providerType the {@code type:} in the config
 * @param types which data types it holds
 * @param typesText the types as the docs list them
 * @param minTtl the smallest TTL it takes
 * @param maxTtl the largest TTL it takes
 * @param batchLimit the limit on one batch, for the docs
 */
public record Capabilities(String providerType, IntPredicate types, String typesText, long minTtl, long maxTtl, String batchLimit) {
  /** RFC 2181 §8: a TTL is 0 to 2^31 - 1. */
  public static final long MAX_TTL = 2_147_483_647L;

  /** Route 53's types (Amazon Route 53 Developer Guide, "Supported DNS record types"). */
  static final Set<Integer> ROUTE53_TYPES = Set.of(Type.A, Type.AAAA, Type.CAA, Type.CNAME, Type.DS, Type.HTTPS, Type.MX,
      Type.NAPTR, Type.NS, Type.PTR, Type.SPF, Type.SRV, Type.SSHFP, Type.SVCB, Type.TLSA, Type.TXT);

  public static final Capabilities RFC2136 = new Capabilities("rfc2136", RecordTypes::anyDataType,
      "every data type (RFC 3597 form for types without a mnemonic)", 0, MAX_TTL, "one UPDATE message (max-message-bytes, default 65,535)");
  public static final Capabilities POWERDNS = new Capabilities("powerdns", RecordTypes::powerDns,
      names(RecordTypes.POWERDNS) + ", and types without a mnemonic", 0, MAX_TTL, "5,000 RRsets per PATCH");
  public static final Capabilities TANDEM = new Capabilities("tandem", RecordTypes::anyDataType,
      "every data type", 0, MAX_TTL, "5,000 RRsets per change");
  public static final Capabilities ROUTE53 = new Capabilities("route53", t -> ROUTE53_TYPES.contains(t),
      names(ROUTE53_TYPES), 0, MAX_TTL, "1,000 values and 32,000 characters per change batch (an UPSERT counts twice)");

  /** Every provider type's row, in the docs' order. */
  public static final List<Capabilities> ALL = List.of(RFC2136, POWERDNS, TANDEM, ROUTE53);

  /** True when RRsets of {@code type} can be written to this kind of provider. */
  public boolean supports(int type) {
    return RecordTypes.anyDataType(type) && types.test(type);
  }

  /** Why {@code type} is not pushed here. */
  public String reason(int type) {
    return RecordTypes.reason(type, providerType);
  }

  /** The row for {@code providerType}. */
  public static Capabilities of(String providerType) {
    for (Capabilities c : ALL) {
      if (c.providerType.equals(providerType)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no provider type " + providerType);
  }

  private static String names(Set<Integer> types) {
    TreeSet<String> sorted = new TreeSet<>();
    for (int t : types) {
      sorted.add(Type.string(t));
    }
    return String.join(" ", sorted);
  }
}
