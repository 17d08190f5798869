package org.tandemdns.interop;

import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** One question of the differential corpus, rendered to the exact bytes both servers receive. */
record DifferentialQuestion(int index, Name qname, int type, QueryOptions options) {

  /** The query in wire format; the message ID is derived from the index, so runs are repeatable. */
  byte[] wire() {
    Message query = new Message(0x4000 + index);
    if (options.rd()) {
      query.getHeader().setFlag(Flags.RD);
    }
    if (options.cd()) {
      query.getHeader().setFlag(Flags.CD);
    }
    query.addRecord(Record.newRecord(qname, type, DClass.IN), Section.QUESTION);
    if (options.edns()) {
      int flags = options.dnssecOk() ? ExtendedFlags.DO : 0;
      query.addRecord(new OPTRecord(options.bufsize(), 0, options.ednsVersion(), flags), Section.ADDITIONAL);
    }
    return query.toWire();
  }

  /** The same question with DO=1 (over EDNS; a question without EDNS stays as it is). */
  DifferentialQuestion withDnssecOk() {
    return options.edns() ? new DifferentialQuestion(index, qname, type, options.withDnssecOk()) : this;
  }

  /** The same question at another place in the run (its message ID follows the index). */
  DifferentialQuestion renumbered(int newIndex) {
    return new DifferentialQuestion(newIndex, qname, type, options);
  }

  /** The same question over TCP. */
  DifferentialQuestion overTcp() {
    return new DifferentialQuestion(index, qname, type, options.overTcp());
  }

  /** dig-like: {@code www.diff.test. A +bufsize=512}. */
  @Override
  public String toString() {
    String opts = options.toString();
    return qname + " " + Type.string(type) + (opts.isEmpty() ? "" : " " + opts);
  }
}
