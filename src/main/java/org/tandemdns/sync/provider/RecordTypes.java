package org.tandemdns.sync.provider;

import java.util.Set;
import org.xbill.DNS.Type;

/**
 * Which record types each kind of provider can hold.
 *
 * <p>No provider takes the SOA (each target keeps its own, serial included) or records that a
 * DNSSEC signer makes for itself (RRSIG, NSEC, NSEC3, NSEC3PARAM, DNSKEY, CDS, CDNSKEY, RFC 4034,
 * RFC 5155, RFC 7344) or the zone digest ZONEMD (RFC 8976), which every signer computes over its own
 * copy. The PowerDNS API refuses types it cannot parse ("unknown type given"), so only the types it
 * documents are declared there, plus types in RFC 3597 generic form.
 */
public final class RecordTypes {
  private RecordTypes() {}

  /** Types made by each target's signer, never pushed. */
  public static final Set<Integer> SIGNER_MANAGED = Set.of(Type.RRSIG, Type.NSEC, Type.NSEC3, Type.NSEC3PARAM, Type.DNSKEY,
      Type.CDS, Type.CDNSKEY, Type.ZONEMD);

  /** Types the PowerDNS 4.7 HTTP API accepts by name (its "Supported Record Types"). */
  static final Set<Integer> POWERDNS = Set.of(Type.A, Type.AAAA, Type.AFSDB, Type.APL, Type.CAA, Type.CERT, Type.CNAME,
      Type.CSYNC, Type.DHCID, Type.DNAME, Type.DS, Type.EUI48, Type.EUI64, Type.HINFO, Type.HTTPS, Type.IPSECKEY, Type.KEY,
      Type.KX, Type.L32, Type.L64, Type.LOC, Type.LP, Type.MB, Type.MG, Type.MINFO, Type.MR, Type.MX, Type.NAPTR, Type.NID,
      Type.NS, Type.OPENPGPKEY, Type.PTR, Type.RP, Type.SMIMEA, Type.SPF, Type.SRV, Type.SSHFP, Type.SVCB, Type.TLSA,
      Type.TXT, Type.URI);

  /** Any data type but the SOA, meta-types and signer-made types: RFC 2136 UPDATE and Tandem carry every type. */
  public static boolean anyDataType(int type) {
    return type != Type.SOA && Type.isRR(type) && type != Type.OPT && !SIGNER_MANAGED.contains(type);
  }

  /** What the PowerDNS API takes: its named types, and types dnsjava has no name for (sent in RFC 3597 form). */
  public static boolean powerDns(int type) {
    return anyDataType(type) && (POWERDNS.contains(type) || Type.string(type).startsWith("TYPE"));
  }

  /** Why {@code type} is not pushed to a provider of {@code providerType}. */
  public static String reason(int type, String providerType) {
    if (type == Type.SOA) {
      return "each target keeps its own SOA";
    }
    if (SIGNER_MANAGED.contains(type)) {
      return "made by each target's DNSSEC signer";
    }
    return providerType + " does not support " + Type.string(type);
  }
}
