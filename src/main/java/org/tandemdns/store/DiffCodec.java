package org.tandemdns.store;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.tandemdns.zone.ZoneDiff;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * A {@link ZoneDiff} as the bytes of one journal entry. Version 1 layout, big-endian:
 *
 * <pre>
 *   u8  version (1)
 *   rec fromSoa, rec toSoa
 *   u32 count, count × rec   deleted records
 *   u32 count, count × rec   added records
 *   u32 CRC-32 of all the bytes before it
 *   rec = u32 length, then the record in uncompressed wire form (RFC 1035 §4.1.3)
 * </pre>
 *
 * Decoding checks the version, the CRC and every length against the bytes left, so a damaged entry
 * is reported as a {@link StoreException}, never misread or thrown as a runtime exception.
 */
final class DiffCodec {
  static final byte VERSION = 1;
  private static final int MIN_RECORD = 4 + 11; // length field, root owner and fixed header

  private DiffCodec() {}

  static byte[] encode(ZoneDiff diff) {
    List<byte[]> parts = new ArrayList<>(diff.recordCount());
    int size = 1 + 4 + 4 + 4;
    for (Record r : ordered(diff)) {
      byte[] wire = r.toWire(Section.ANSWER);
      parts.add(wire);
      size += 4 + wire.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(VERSION);
    out.putInt(parts.get(0).length).put(parts.get(0));
    out.putInt(parts.get(1).length).put(parts.get(1));
    int next = 2;
    for (List<Record> list : List.of(diff.deleted(), diff.added())) {
      out.putInt(list.size());
      for (int i = 0; i < list.size(); i++, next++) {
        out.putInt(parts.get(next).length).put(parts.get(next));
      }
    }
    CRC32 crc = new CRC32();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    return out.array();
  }

  private static List<Record> ordered(ZoneDiff diff) {
    List<Record> all = new ArrayList<>(diff.recordCount());
    all.add(diff.fromSoa());
    all.add(diff.toSoa());
    all.addAll(diff.deleted());
    all.addAll(diff.added());
    return all;
  }

  /** Decodes an entry; {@link StoreException} says what is wrong with a damaged one. */
  static ZoneDiff decode(byte[] blob) throws StoreException {
    if (blob == null || blob.length < 1 + 4) {
      throw corrupt("too short (" + (blob == null ? 0 : blob.length) + " bytes)");
    }
    if (blob[0] != VERSION) {
      throw corrupt("unknown format version " + blob[0] + " (this Tandem reads version " + VERSION + ")");
    }
    int body = blob.length - 4;
    CRC32 crc = new CRC32();
    crc.update(blob, 0, body);
    if ((int) crc.getValue() != ByteBuffer.wrap(blob, body, 4).getInt()) {
      throw corrupt("checksum mismatch");
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(blob, 1, body - 1);
      SOARecord from = soa(readRecord(in));
      SOARecord to = soa(readRecord(in));
      List<Record> deleted = readList(in);
      List<Record> added = readList(in);
      if (in.hasRemaining()) {
        throw corrupt(in.remaining() + " unexpected bytes after the added records");
      }
      return new ZoneDiff(from, to, deleted, added);
    } catch (BufferUnderflowException e) {
      throw corrupt("truncated");
    } catch (RuntimeException e) {
      // dnsjava's record parsers were written for network input and may throw unchecked exceptions on
      // bytes no encoder produced; whatever they throw, the entry is unreadable, not the program broken.
      throw corrupt("malformed (" + e + ")");
    }
  }

  private static List<Record> readList(ByteBuffer in) throws StoreException {
    int count = in.getInt();
    if (count < 0 || count > in.remaining() / MIN_RECORD) {
      throw corrupt("a record count of " + Integer.toUnsignedString(count) + " exceeds the bytes left");
    }
    List<Record> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(readRecord(in));
    }
    return records;
  }

  private static Record readRecord(ByteBuffer in) throws StoreException {
    int length = in.getInt();
    if (length < MIN_RECORD - 4 || length > in.remaining()) {
      throw corrupt("a record length of " + Integer.toUnsignedString(length) + " is impossible here");
    }
    byte[] wire = new byte[length];
    in.get(wire);
    try {
      return Record.fromWire(wire, Section.ANSWER);
    } catch (IOException e) {
      throw corrupt("a record does not parse: " + e.getMessage());
    }
  }

  private static SOARecord soa(Record r) throws StoreException {
    if (r instanceof SOARecord soa) {
      return soa;
    }
    throw corrupt("expected an SOA record, found " + r);
  }

  private static StoreException corrupt(String why) {
    return new StoreException("corrupt journal entry: " + why);
  }
}
