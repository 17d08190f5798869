package org.tandemdns.sync.provider;

import org.xbill.DNS.Name;

/** Something a zone's content can be read from: a zone file, a provider. */
public interface ZoneSource {

  /** What this is, for reports: {@code rfc2136 127.0.0.1:5301}, {@code file zones/example.com.zone}. */
  String describe();

  /**
   * The zone's whole current content, SOA and apex NS included.
   *
   * @throws ProviderException with the provider's own message when it cannot be read
   */
  ZoneContent read(Name zone) throws ProviderException;
}
