package org.tandemdns.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.tandemdns.zone.ZoneBuilder;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneValidationException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;

/**
 * The content of a catalog zone (RFC 9432 §4): SOA and the {@code invalid.} NS (§4.1), {@code
 * version} TXT "2" (§4.2), and for each member {@code <unique-id>.zones PTR member} (§4.3) with its
 * properties: {@code group.<unique-id>.zones} TXT (§4.4.2), {@code coo.<unique-id>.zones} PTR to
 * the catalog it moves to (§4.4.1), and custom {@code NAME.ext.<unique-id>.zones} TXT (§4.4.3).
 * TTLs are 0 (§4: the catalog is not for resolvers).
 *
 * <p>The unique id is the first 64 bits of SHA-256 over the member's lower-case name, in hex: the
 * same at every start and on every producer, without any state to keep, and different for different
 * members (§4.3: unique within the catalog).
 */
public final class CatalogZone {
  private static final Name INVALID = Name.fromConstantString("invalid.");
  private static final Name ZONES = Name.fromConstantString("zones");
  private static final Name VERSION = Name.fromConstantString("version");
  private static final Name GROUP = Name.fromConstantString("group");
  private static final Name COO = Name.fromConstantString("coo");
  private static final Name EXT = Name.fromConstantString("ext");

  /**
   * One member zone and its properties.
   *
   * @param group its group, or null
   * @param coo the catalog it is moving to (change of ownership), or null
   * @param ext custom properties, name to TXT value
   */
  public record Member(Name zone, String group, Name coo, java.util.Map<String, String> ext) {
    public Member {
      ext = ext == null ? java.util.Map.of() : java.util.Map.copyOf(ext);
    }

    /** A member with a group (or none) and no other property. */
    public Member(Name zone, String group) {
      this(zone, group, null, null);
    }
  }

  private CatalogZone() {}

  /** The catalog {@code origin} listing {@code members}, with SOA serial {@code serial}. */
  public static ZoneSnapshot build(Name origin, List<Member> members, long serial) {
    ZoneBuilder b = new ZoneBuilder(origin, "catalog " + origin, members.size() * 2 + 3);
    b.add(new SOARecord(origin, DClass.IN, 0, INVALID, INVALID, serial, 3600, 600, 2419200, 0), null);
    b.add(new NSRecord(origin, DClass.IN, 0, INVALID), null);
    b.add(new TXTRecord(concat(VERSION, origin), DClass.IN, 0, "2"), null);
    Name zones = concat(ZONES, origin);
    for (Member m : members) {
      memberRecords(m, zones).forEach(r -> b.add(r, null));
    }
    try {
      return b.build();
    } catch (ZoneValidationException e) {
      throw new IllegalStateException("catalog " + origin + " does not validate: " + String.join("; ", e.problems()), e);
    }
  }

  /**
   * What turns {@code current} (a catalog built here) into the catalog of {@code members}, SOA
   * serial + 1: only the member records that differ, O(members) with no new snapshot built, so that
   * adding one member to a catalog of 100,000 is a small change set (and a small IXFR). Null when
   * {@code current} is not a version 2 catalog (build it whole instead); a diff with no records when
   * nothing changed.
   */
  public static org.tandemdns.zone.ZoneDiff changes(ZoneSnapshot current, List<Member> members) {
    Name origin = current.origin();
    Name zones = concat(ZONES, origin);
    Name versionName = concat(VERSION, origin);
    int entryLabels = zones.labels() + 1;
    java.util.Map<Name, Name> entryByMember = new java.util.HashMap<>();
    java.util.Map<Name, java.util.Set<Record>> recordsByEntry = new java.util.HashMap<>();
    boolean[] versioned = {false};
    current.forEachRecord(r -> {
      Name n = r.getName();
      if (n.labels() >= entryLabels && n.subdomain(zones)) {
        Name entry = new Name(n, n.labels() - entryLabels);
        recordsByEntry.computeIfAbsent(entry, k -> new java.util.HashSet<>()).add(r);
        if (r instanceof PTRRecord ptr && n.labels() == entryLabels) {
          entryByMember.put(ptr.getTarget(), entry);
        }
      } else if (r instanceof TXTRecord t && n.equals(versionName) && t.getStrings().equals(List.of("2"))) {
        versioned[0] = true;
      }
    });
    if (!versioned[0]) {
      return null;
    }
    List<Record> added = new java.util.ArrayList<>();
    List<Record> deleted = new java.util.ArrayList<>();
    for (Member m : members) {
      Name entry = entryByMember.get(m.zone());
      java.util.Set<Record> had = entry == null ? java.util.Set.of() : recordsByEntry.remove(entry);
      java.util.Set<Record> wanted = new java.util.HashSet<>(memberRecords(m, zones));
      had.stream().filter(r -> !wanted.contains(r)).forEach(deleted::add);
      wanted.stream().filter(r -> !had.contains(r)).forEach(added::add);
    }
    recordsByEntry.values().forEach(deleted::addAll); // members that left, and anything else under zones
    SOARecord soa = current.soa();
    SOARecord next = new SOARecord(origin, DClass.IN, soa.getTTL(), soa.getHost(), soa.getAdmin(),
        org.tandemdns.zone.SerialNumber.add(soa.getSerial(), 1), soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
    return new org.tandemdns.zone.ZoneDiff(soa, next, deleted, added);
  }

  private static List<Record> memberRecords(Member m, Name zones) {
    Name entry = concat(Name.fromConstantString(uniqueId(m.zone())), zones);
    List<Record> out = new java.util.ArrayList<>(2 + m.ext().size());
    out.add(new PTRRecord(entry, DClass.IN, 0, m.zone()));
    if (m.group() != null) {
      out.add(new TXTRecord(concat(GROUP, entry), DClass.IN, 0, m.group()));
    }
    if (m.coo() != null) {
      out.add(new PTRRecord(concat(COO, entry), DClass.IN, 0, m.coo()));
    }
    Name ext = m.ext().isEmpty() ? null : concat(EXT, entry);
    new java.util.TreeMap<>(m.ext()).forEach((name, value) ->
        out.add(new TXTRecord(concat(Name.fromConstantString(name), ext), DClass.IN, 0, value)));
    return out;
  }

  /** The member's label under {@code zones} (RFC 9432 §4.3). */
  public static String uniqueId(Name member) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(member.toString().toLowerCase(java.util.Locale.ROOT)
          .getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Name concat(Name prefix, Name suffix) {
    try {
      return Name.concatenate(prefix, suffix);
    } catch (org.xbill.DNS.NameTooLongException e) {
      throw new IllegalArgumentException("name too long under catalog " + suffix, e);
    }
  }
}
