package org.tandemdns.store;

import java.io.IOException;
import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * One class-IN record as the {@code records} table holds it. The key columns are the canonical
 * forms of the owner and RDATA (RFC 4034 §6.2: names lowercased), so matching a record is
 * case-insensitive as DNS requires (RFC 4343) and agrees with dnsjava's {@code Record.equals}, which
 * also ignores the TTL. The exact forms are kept only when they differ, so a record reads back as it
 * was written, unknown types included (their RDATA is opaque, RFC 3597 §4).
 *
 * @param owner the owner name in canonical wire form
 * @param rdata the RDATA in canonical wire form
 * @param ownerCase the owner name in wire form as written, or null when equal to {@code owner}
 * @param rdataCase the RDATA in wire form as written, or null when equal to {@code rdata}
 */
record RecordColumns(byte[] owner, int type, byte[] rdata, long ttl, byte[] ownerCase, byte[] rdataCase) {
  private static final int FIXED_HEADER = 10; // type, class, TTL, RDLENGTH (RFC 1035 §4.1.3)

  /** The columns of {@code r}, which must be of class IN. */
  static RecordColumns of(Record r) {
    return of(r, r.getName().toWireCanonical());
  }

  /** The columns of {@code r}, whose owner's canonical wire form {@code ownerKey} is already known. */
  static RecordColumns of(Record r, byte[] ownerKey) {
    byte[] wire = r.toWire(Section.ANSWER);
    int ownerLength = r.getName().length();
    byte[] rdataKey = r.rdataToWireCanonical();
    byte[] ownerExact = Arrays.copyOfRange(wire, 0, ownerLength);
    byte[] rdataExact = Arrays.copyOfRange(wire, ownerLength + FIXED_HEADER, wire.length);
    return new RecordColumns(ownerKey, r.getType(), rdataKey, r.getTTL(),
        Arrays.equals(ownerKey, ownerExact) ? null : ownerExact,
        Arrays.equals(rdataKey, rdataExact) ? null : rdataExact);
  }

  /**
   * Rebuilds a stored record from its owner, type, TTL and RDATA as written. A TTL with the top bit
   * set, which versions before the RFC 2181 §8 check could store from an UPDATE, is read as 0 (the
   * RFC's rule), so that such a zone loads again instead of going unserved.
   */
  static Record toRecord(Name name, int type, long ttl, byte[] rdata) throws StoreException {
    try {
      Record r = Record.newRecord(name, type, DClass.IN, ttl > org.tandemdns.zone.Records.MAX_TTL ? 0 : ttl, rdata);
      if (r == null) {
        throw new StoreException("stored record " + name + " type " + type + " has unreadable RDATA");
      }
      return r;
    } catch (IllegalArgumentException e) {
      throw new StoreException("stored record " + name + " type " + type + " is invalid: " + e.getMessage(), e);
    }
  }

  static Name decodeName(byte[] wire) throws StoreException {
    try {
      return new Name(wire);
    } catch (IOException | RuntimeException e) {
      throw new StoreException("a stored owner name is unreadable: " + e.getMessage(), e);
    }
  }
}
