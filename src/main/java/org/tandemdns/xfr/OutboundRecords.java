package org.tandemdns.xfr;

import java.util.Iterator;
import org.xbill.DNS.Compression;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * The records of an outbound transfer, as a cursor that writes the current record straight into the
 * message being filled: a record that does not fit stays current for the next message.
 */
interface OutboundRecords {

  /** True while a record is left to send (the current one). */
  boolean hasCurrent();

  /** Writes the current record at the end of {@code out}, its owner compressed (RFC 1035 §4.1.4). */
  void writeCurrent(DNSOutput out, Compression compression);

  /** Moves past the current record. */
  void advance();

  /** A new message begins: offsets remembered in the previous one no longer point anywhere. */
  default void newMessage() {}

  /** The records of {@code records}, in order. */
  static OutboundRecords of(Iterator<Record> records) {
    return new OutboundRecords() {
      private Record current = records.hasNext() ? records.next() : null;

      @Override
      public boolean hasCurrent() {
        return current != null;
      }

      @Override
      public void writeCurrent(DNSOutput out, Compression compression) {
        write(out, current, compression);
      }

      @Override
      public void advance() {
        current = records.hasNext() ? records.next() : null;
      }
    };
  }

  /** Writes one record: owner compressed, the rest as its uncompressed wire form. */
  static void write(DNSOutput out, Record r, Compression compression) {
    Name owner = r.getName();
    owner.toWire(out, compression);
    byte[] full = r.toWire(Section.ANSWER);
    int ownerLength = owner.length();
    out.writeByteArray(full, ownerLength, full.length - ownerLength);
  }
}
