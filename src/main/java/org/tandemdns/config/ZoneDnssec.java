package org.tandemdns.config;

import java.util.List;

/**
 * A zone's {@code dnssec:} setting: Tandem signs the zone by the named policy (a name under
 * {@code dnssec-policies:}, or the built-in {@code default}).
 *
 * @param policy the policy's name
 * @param parentAgents servers of the parent zone that a KSK or CSK rollover asks for the zone's new
 *     DS before it retires the old key (BIND parental-agents, Knot ksk-submission parent); every
 *     one must serve it. Empty: the operator confirms with {@code tandem dnssec ds-seen}.
 */
public record ZoneDnssec(String policy, List<HostPort> parentAgents) {
  public ZoneDnssec {
    policy = policy == null ? DnssecPolicy.DEFAULT : policy;
    parentAgents = parentAgents == null ? List.of() : List.copyOf(parentAgents);
  }
}
