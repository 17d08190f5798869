package org.tandemdns.config;

/**
 * A zone's {@code dnssec:} setting: Tandem signs the zone by the named policy (a name under
 * {@code dnssec-policies:}, or the built-in {@code default}).
 */
public record ZoneDnssec(String policy) {
  public ZoneDnssec {
    policy = policy == null ? DnssecPolicy.DEFAULT : policy;
  }
}
