package org.tandemdns.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import org.tandemdns.security.Acl;
import org.tandemdns.security.AclEntry;
import org.tandemdns.store.JournalRetention;
import org.tandemdns.zone.SerialPolicy;
import org.xbill.DNS.Name;

/**
 * One zone under {@code zones:}.
 *
 * @param name the zone's origin, with or without the final dot
 * @param type {@code primary} (default) or {@code secondary}
 * @param file a primary's master file (relative paths are relative to the config file); a primary
 *     without a file is managed through the API, its content kept in the store
 * @param primaries a secondary's primaries, {@code ADDR[:PORT] [key NAME]}, tried in order
 * @param allowNotify who may NOTIFY a secondary (default: its primaries, with their keys)
 * @param timers clamps on a secondary's SOA REFRESH and RETRY
 * @param transferLimits caps on a secondary's inbound transfers
 * @param notifyTargets ({@code notify:}) extra NOTIFY targets, {@code ADDR[:PORT] [key NAME]} (RFC 1996 §3.6)
 * @param notifyNs also NOTIFY every address of the zone's NS set except the SOA MNAME (default true)
 * @param allowUpdate who may change a primary zone with RFC 2136 UPDATE: {@code PREFIX [key NAME]},
 *     {@code key NAME}; default: nobody
 * @param allowTransfer who may AXFR/IXFR the zone: {@code PREFIX [key NAME]}, {@code key NAME},
 *     {@code any}; default: nobody
 * @param serialPolicy keep (default), increment, unixtime or dateserial
 * @param journalMaxEntries IXFR history kept, in changes (default 1000)
 * @param journalMaxBytes IXFR history kept, in bytes (default 64 MiB)
 * @param pushTo providers under {@code sync.providers} that every committed change of this primary
 *     zone is pushed to (continuous multi-provider push)
 * @param dnssec Tandem signs the zone by this policy ({@code dnssec: { policy: NAME }}); null: not
 *     signed by Tandem (a pre-signed zone is served as given)
 * @param catalog the catalog zone this zone is a member of ({@code catalog: {zone: NAME, group: G}}), or null
 * @param producesCatalog this zone is a catalog zone (RFC 9432) that Tandem writes from the zones
 *     naming it in {@code catalog:}; a primary without a file, not changed through the API
 * @param members set for a catalog consumer ({@code type: catalog-consumer}, RFC 9432 §5): a
 *     secondary zone whose content is a catalog, each member of which becomes a secondary zone here
 *     with these settings; {@code type} reads {@code secondary} for it
 */
public record ZoneConfig(
    Name name,
    ZoneType type,
    Path file,
    List<Remote> primaries,
    List<AclEntry> allowNotify,
    RefreshTimers timers,
    TransferLimitsConfig transferLimits,
    @JsonProperty("notify") List<Remote> notifyTargets,
    Boolean notifyNs,
    List<AclEntry> allowTransfer,
    List<AclEntry> allowUpdate,
    SerialPolicy serialPolicy,
    Integer journalMaxEntries,
    Long journalMaxBytes,
    List<String> pushTo,
    ZoneDnssec dnssec,
    CatalogMembership catalog,
    Boolean producesCatalog,
    CatalogConsumerConfig members) {
  public ZoneConfig {
    if (name == null) {
      throw new IllegalArgumentException("missing 'name'");
    }
    if (type == ZoneType.CATALOG_CONSUMER) {
      members = members == null ? CatalogConsumerConfig.defaults() : members;
      type = ZoneType.SECONDARY;
    } else if (members != null && type != ZoneType.SECONDARY) {
      throw new IllegalArgumentException("zone " + name + ": 'members' is for catalog consumers (add 'type: catalog-consumer')");
    }
    if (members != null && (catalog != null || dnssec != null)) {
      throw new IllegalArgumentException("zone " + name + ": a catalog consumer's zone is the catalog itself: no catalog or dnssec");
    }
    type = type == null ? ZoneType.PRIMARY : type;
    primaries = primaries == null ? List.of() : List.copyOf(primaries);
    if (type == ZoneType.PRIMARY && !primaries.isEmpty()) {
      throw new IllegalArgumentException("zone " + name + ": 'primaries' is for secondary zones (add 'type: secondary')");
    }
    if (type == ZoneType.SECONDARY && primaries.isEmpty()) {
      throw new IllegalArgumentException("zone " + name + ": a " + (members != null ? "catalog consumer" : "secondary zone")
          + " needs 'primaries'");
    }
    if (type == ZoneType.SECONDARY && file != null) {
      throw new IllegalArgumentException("zone " + name + ": a secondary keeps its copy in the store; remove 'file'");
    }
    allowNotify = allowNotify == null ? defaultAllowNotify(primaries) : List.copyOf(allowNotify);
    timers = timers == null ? RefreshTimers.defaults() : timers;
    transferLimits = transferLimits == null ? TransferLimitsConfig.defaults() : transferLimits;
    notifyTargets = notifyTargets == null ? List.of() : List.copyOf(notifyTargets);
    notifyNs = notifyNs == null || notifyNs;
    allowTransfer = allowTransfer == null ? List.of() : List.copyOf(allowTransfer);
    allowUpdate = allowUpdate == null ? List.of() : List.copyOf(allowUpdate);
    if (type == ZoneType.SECONDARY && !allowUpdate.isEmpty()) {
      throw new IllegalArgumentException("zone " + name + ": a secondary zone cannot take UPDATE; remove 'allow-update'");
    }
    refuseTlsOutsideTransfers(name, notifyTargets, allowNotify, allowUpdate);
    serialPolicy = serialPolicy == null ? SerialPolicy.KEEP : serialPolicy;
    JournalRetention defaults = JournalRetention.defaults();
    journalMaxEntries = journalMaxEntries == null ? defaults.maxEntries() : journalMaxEntries;
    journalMaxBytes = journalMaxBytes == null ? defaults.maxBytes() : journalMaxBytes;
    new JournalRetention(journalMaxEntries, journalMaxBytes); // validates
    pushTo = pushTo == null ? List.of() : List.copyOf(pushTo);
    if (type == ZoneType.SECONDARY && !pushTo.isEmpty()) {
      throw new IllegalArgumentException("zone " + name + ": 'push-to' is for primary zones");
    }
    producesCatalog = producesCatalog != null && producesCatalog;
    if (producesCatalog && (type != ZoneType.PRIMARY || file != null || catalog != null || dnssec != null || !allowUpdate.isEmpty()
        || !pushTo.isEmpty())) {
      throw new IllegalArgumentException("zone " + name + ": a catalog zone (produces-catalog) is a primary written by Tandem:"
          + " no file, catalog, dnssec, allow-update or push-to");
    }
    if (catalog != null && catalog.zone().equals(name)) {
      throw new IllegalArgumentException("zone " + name + ": a zone cannot be a member of itself");
    }
    if (new java.util.HashSet<>(pushTo).size() != pushTo.size()) {
      throw new IllegalArgumentException("zone " + name + ": a provider is listed twice in 'push-to'");
    }
  }

  /**
   * TLS carries zone transfers here (RFC 9103); NOTIFY goes over UDP and UPDATE is not taken over
   * TLS, so {@code tls} in their lists could never match: refused, not silently ignored.
   */
  static void refuseTlsOutsideTransfers(Name zone, List<Remote> notifyTargets, List<AclEntry> allowNotify, List<AclEntry> allowUpdate) {
    for (Remote r : notifyTargets) {
      if (r.tls() != null) {
        throw new IllegalArgumentException("zone " + zone + ": notify target '" + r + "': NOTIFY is sent over UDP; 'tls' is for primaries");
      }
    }
    for (AclEntry e : allowNotify) {
      if (e.requires() != org.tandemdns.security.TransportSecurity.NONE) {
        throw new IllegalArgumentException("zone " + zone + ": allow-notify entry '" + e + "': NOTIFY arrives over UDP; 'tls' and"
            + " 'mtls' are for allow-transfer");
      }
    }
    for (AclEntry e : allowUpdate) {
      if (e.requires() != org.tandemdns.security.TransportSecurity.NONE) {
        throw new IllegalArgumentException("zone " + zone + ": allow-update entry '" + e + "': 'tls' and 'mtls' are for allow-transfer");
      }
    }
  }

  /** A primary zone served from {@code file} with every other setting at its default. */
  public static ZoneConfig primary(Name name, Path file) {
    return new ZoneConfig(name, ZoneType.PRIMARY, file, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** A secondary zone of {@code primaries} with every other setting at its default. */
  public static ZoneConfig secondary(Name name, List<Remote> primaries) {
    return new ZoneConfig(name, ZoneType.SECONDARY, null, primaries, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** By default a secondary takes NOTIFY from its primaries' addresses, signed when they are keyed. */
  private static List<AclEntry> defaultAllowNotify(List<Remote> primaries) {
    return primaries.stream()
        .map(p -> new AclEntry(List.of(org.tandemdns.security.AddressPrefix.parse(p.address().address().getHostAddress())), p.key()))
        .toList();
  }

  /** True for a catalog consumer ({@code type: catalog-consumer}). */
  public boolean consumesCatalog() {
    return members != null;
  }

  /** This secondary zone with a catalog member's settings ({@link MemberTemplate}); null keeps a default. */
  ZoneConfig withMemberSettings(List<AclEntry> allowNotify, List<AclEntry> allowTransfer, List<Remote> notifyTargets,
      Boolean notifyNs, RefreshTimers timers, TransferLimitsConfig transferLimits) {
    return new ZoneConfig(name, type, file, primaries, allowNotify, timers, transferLimits, notifyTargets, notifyNs,
        allowTransfer, allowUpdate, serialPolicy, journalMaxEntries, journalMaxBytes, pushTo, dnssec, catalog, producesCatalog, members);
  }

  /** True for a primary zone whose content is managed through the API (no zone file). */
  public boolean managed() {
    return type == ZoneType.PRIMARY && file == null && !producesCatalog;
  }

  public Acl updateAcl() {
    return new Acl(allowUpdate);
  }

  public Acl notifyAcl() {
    return new Acl(allowNotify);
  }

  public Acl transferAcl() {
    return new Acl(allowTransfer);
  }

  public JournalRetention journalRetention() {
    return new JournalRetention(journalMaxEntries, journalMaxBytes);
  }

  /** This zone, NOTIFYing its NS addresses or not. */
  public ZoneConfig withNotifyNs(boolean notifyNs) {
    return new ZoneConfig(name, type, file, primaries, allowNotify, timers, transferLimits, notifyTargets, notifyNs,
        allowTransfer, allowUpdate, serialPolicy, journalMaxEntries, journalMaxBytes, pushTo, dnssec, catalog, producesCatalog, members);
  }

  /** This zone with {@code allowTransfer} as who may transfer it. */
  public ZoneConfig withAllowTransfer(List<AclEntry> allowTransfer) {
    return new ZoneConfig(name, type, file, primaries, allowNotify, timers, transferLimits, notifyTargets, notifyNs,
        allowTransfer, allowUpdate, serialPolicy, journalMaxEntries, journalMaxBytes, pushTo, dnssec, catalog, producesCatalog, members);
  }

  /** This zone with its file resolved against {@code base}. */
  ZoneConfig resolvedAgainst(Path base) {
    if (file == null || file.isAbsolute() || base == null) {
      return this;
    }
    return new ZoneConfig(name, type, base.resolve(file), primaries, allowNotify, timers, transferLimits, notifyTargets, notifyNs,
        allowTransfer, allowUpdate, serialPolicy, journalMaxEntries, journalMaxBytes, pushTo, dnssec, catalog, producesCatalog, members);
  }
}
