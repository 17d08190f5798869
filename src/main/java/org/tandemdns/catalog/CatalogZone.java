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
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;

/**
 * The content of a catalog zone (RFC 9432 §4): SOA and the {@code invalid.} NS (§4.1), {@code
 * version} TXT "2" (§4.2), and for each member {@code <unique-id>.zones PTR member} (§4.3) with its
 * {@code group.<unique-id>.zones} TXT (§4.4.2). TTLs are 0 (§4: the catalog is not for resolvers).
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

  /** One member zone, and its group (null: none). */
  public record Member(Name zone, String group) {}

  private CatalogZone() {}

  /** The catalog {@code origin} listing {@code members}, with SOA serial {@code serial}. */
  public static ZoneSnapshot build(Name origin, List<Member> members, long serial) {
    ZoneBuilder b = new ZoneBuilder(origin, "catalog " + origin, members.size() * 2 + 3);
    b.add(new SOARecord(origin, DClass.IN, 0, INVALID, INVALID, serial, 3600, 600, 2419200, 0), null);
    b.add(new NSRecord(origin, DClass.IN, 0, INVALID), null);
    b.add(new TXTRecord(concat(VERSION, origin), DClass.IN, 0, "2"), null);
    for (Member m : members) {
      Name entry = concat(Name.fromConstantString(uniqueId(m.zone())), concat(ZONES, origin));
      b.add(new PTRRecord(entry, DClass.IN, 0, m.zone()), null);
      if (m.group() != null) {
        b.add(new TXTRecord(concat(GROUP, entry), DClass.IN, 0, m.group()), null);
      }
    }
    try {
      return b.build();
    } catch (ZoneValidationException e) {
      throw new IllegalStateException("catalog " + origin + " does not validate: " + String.join("; ", e.problems()), e);
    }
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
