package org.tandemdns.security;

import java.net.InetAddress;
import java.util.List;
import org.xbill.DNS.Name;

/** An access list: a request is allowed when any entry allows it; an empty list denies all. */
public record Acl(List<AclEntry> entries) {
  public static final Acl DENY_ALL = new Acl(List.of());

  public Acl {
    entries = List.copyOf(entries);
  }

  public static Acl parse(List<String> texts) {
    return new Acl(texts.stream().map(AclEntry::parse).toList());
  }

  /** @param verifiedKey the name of the TSIG key the request was verified with, or null */
  public boolean allows(InetAddress remote, Name verifiedKey) {
    return allows(remote, verifiedKey, TransportSecurity.NONE);
  }

  /** @param security what protects the connection the request came on (for entries requiring TLS) */
  public boolean allows(InetAddress remote, Name verifiedKey, TransportSecurity security) {
    for (AclEntry e : entries) {
      if (e.allows(remote, verifiedKey, security)) {
        return true;
      }
    }
    return false;
  }

  /** True when some entry requires TLS (only transfers can be asked over TLS). */
  public boolean requiresTls() {
    return entries.stream().anyMatch(e -> e.requires() != TransportSecurity.NONE);
  }

  /** Key names the entries require, for checking against the configured keys. */
  public List<Name> requiredKeys() {
    return entries.stream().map(AclEntry::key).filter(java.util.Objects::nonNull).distinct().toList();
  }
}
