package org.tandemdns.xfr;

import java.util.Iterator;
import org.tandemdns.security.StreamSigner;
import org.xbill.DNS.Compression;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Packs a sequence of records into as few messages as fit in 64 KiB each (RFC 5936 §2.2): header
 * with the query's ID and AA, the question in the first message only, owner names compressed per
 * message, the OPT when the query had one, and a TSIG on every message when the request was signed
 * (RFC 8945 §5.3.1). Records are rendered one message at a time, never the whole zone at once.
 */
final class TransferMessages {
  private static final int MAX_MESSAGE = 65535;

  private final int id;
  private final Record question;
  private final OutboundRecords records;
  private final OPTRecord opt;
  private final StreamSigner signer;
  private final int limit;
  private final DNSOutput out = new DNSOutput(16384); // grows to a full message once, if ever
  private boolean first = true;
  private long recordsWritten;
  private long bytesWritten;
  private int messagesWritten;

  TransferMessages(int id, Record question, Iterator<Record> records, OPTRecord opt, StreamSigner signer) {
    this(id, question, OutboundRecords.of(records), opt, signer);
  }

  TransferMessages(int id, Record question, OutboundRecords records, OPTRecord opt, StreamSigner signer) {
    this.id = id;
    this.question = question;
    this.records = records;
    this.opt = opt;
    this.signer = signer;
    int reserve = (signer == null ? 0 : signer.overhead()) + (opt == null ? 0 : opt.toWire(Section.ADDITIONAL).length);
    this.limit = MAX_MESSAGE - reserve;
  }

  /** The next message, or null after the last record has been sent. */
  byte[] next() {
    if (!records.hasCurrent()) {
      return null;
    }
    out.jump(0); // one buffer for every message: records are written into it, then copied out once
    out.writeU16(id);
    out.writeU16(0x8400); // QR, opcode QUERY, AA
    out.writeU16(first ? 1 : 0);
    out.writeU16(0);
    out.writeU16(0);
    out.writeU16(opt == null ? 0 : 1);
    Compression compression = new Compression();
    records.newMessage();
    if (first) {
      question.getName().toWire(out, compression);
      out.writeU16(question.getType());
      out.writeU16(question.getDClass());
    }
    int count = 0;
    while (records.hasCurrent()) {
      int mark = out.current();
      records.writeCurrent(out, compression);
      if (out.current() > limit) {
        if (count == 0) {
          throw new IllegalStateException("a record does not fit in one message");
        }
        out.jump(mark);
        break;
      }
      records.advance();
      count++;
    }
    if (opt != null) {
      out.writeByteArray(opt.toWire(Section.ADDITIONAL));
    }
    out.writeU16At(count, 6);
    byte[] message = out.toByteArray();
    if (signer != null) {
      message = signer.sign(message);
    }
    first = false;
    recordsWritten += count;
    bytesWritten += message.length;
    messagesWritten++;
    return message;
  }

  long records() {
    return recordsWritten;
  }

  long bytes() {
    return bytesWritten;
  }

  int messages() {
    return messagesWritten;
  }
}
