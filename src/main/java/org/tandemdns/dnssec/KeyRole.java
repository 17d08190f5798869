package org.tandemdns.dnssec;

/**
 * What a signing key signs (RFC 6781 §3.1): a key-signing key the DNSKEY RRset (and CDS/CDNSKEY,
 * RFC 7344 §4.1), a zone-signing key everything else, a combined signing key both. KSK and CSK
 * carry the SEP flag (RFC 4034 §2.1.1) and are the keys a DS at the parent points to.
 */
public enum KeyRole {
  KSK, ZSK, CSK;

  /** True when the key signs the apex DNSKEY, CDS and CDNSKEY RRsets. */
  public boolean signsKeys() {
    return this != ZSK;
  }

  /** True when the key signs the zone's other RRsets. */
  public boolean signsZone() {
    return this != KSK;
  }

  /** DNSKEY flags: ZONE (256), plus SEP (1) for a key the parent's DS points to. */
  public int flags() {
    return this == ZSK ? 256 : 257;
  }
}
