package org.tandemdns.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.tandemdns.security.AclEntry;
import org.xbill.DNS.Name;

/**
 * The settings a catalog consumer gives the secondary zones it provisions from a catalog (RFC 9432
 * §5.1), for members without a group or for one group (§4.4.2). Each key left out takes the
 * default of any secondary zone; {@code primaries} left out are the catalog's own primaries.
 *
 * @param primaries where the members are transferred from (default: the catalog's primaries)
 * @param allowNotify who may NOTIFY the members (default: their primaries)
 * @param allowTransfer who may transfer the members from here (default: nobody)
 * @param notifyTargets ({@code notify:}) extra NOTIFY targets of the members
 * @param notifyNs NOTIFY the members' NS addresses too (default true)
 * @param timers clamps on the members' SOA REFRESH and RETRY
 * @param transferLimits caps on the members' inbound transfers
 */
public record MemberTemplate(
    List<Remote> primaries,
    List<AclEntry> allowNotify,
    List<AclEntry> allowTransfer,
    @JsonProperty("notify") List<Remote> notifyTargets,
    Boolean notifyNs,
    RefreshTimers timers,
    TransferLimitsConfig transferLimits) {
  public MemberTemplate {
    primaries = primaries == null ? List.of() : List.copyOf(primaries);
    allowNotify = allowNotify == null ? null : List.copyOf(allowNotify);
    allowTransfer = allowTransfer == null ? List.of() : List.copyOf(allowTransfer);
    notifyTargets = notifyTargets == null ? List.of() : List.copyOf(notifyTargets);
  }

  /** Every key at its default. */
  public static MemberTemplate defaults() {
    return new MemberTemplate(null, null, null, null, null, null, null);
  }

  /** The secondary zone {@code member} provisioned by {@code catalog} with these settings. */
  public ZoneConfig memberOf(Name member, ZoneConfig catalog) {
    List<Remote> from = primaries.isEmpty() ? catalog.primaries() : primaries;
    List<AclEntry> notifyFrom = allowNotify != null ? allowNotify : primaries.isEmpty() ? catalog.allowNotify() : null;
    return ZoneConfig.secondary(member, from).withMemberSettings(notifyFrom, allowTransfer, notifyTargets, notifyNs, timers,
        transferLimits);
  }
}
