package org.tandemdns.query;

import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Builds the skeleton of a response: header, echoed question, and the EDNS OPT (RFC 6891 §6.1.1). */
public final class Responses {
  /** The UDP payload size this server advertises (DNS flag day 2020 default). */
  public static final int ADVERTISED_UDP_PAYLOAD = 1232;
  /** Extended DNS flag DO (RFC 3225). */
  public static final int FLAG_DO = ExtendedFlags.DO;

  private Responses() {}

  /**
   * A response to {@code query}: same ID and opcode, QR set, RD and CD copied (RFC 1035 §4.1.1,
   * RFC 4035 §3.1.6), the question echoed as the client wrote it, and an OPT when the query had
   * one, with the DO bit copied (RFC 3225 §3).
   */
  public static Message replyTo(Message query) {
    Header qh = query.getHeader();
    Message response = new Message(qh.getID());
    Header h = response.getHeader();
    h.setFlag(Flags.QR);
    h.setOpcode(qh.getOpcode());
    if (qh.getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    }
    if (qh.getFlag(Flags.CD)) {
      h.setFlag(Flags.CD);
    }
    Record question = query.getQuestion();
    if (question != null) {
      response.addRecord(question, Section.QUESTION);
    }
    OPTRecord opt = query.getOPT();
    if (opt != null) {
      response.addRecord(new OPTRecord(ADVERTISED_UDP_PAYLOAD, 0, 0, opt.getFlags() & FLAG_DO), Section.ADDITIONAL);
    }
    return response;
  }

  /** A response to {@code query} with {@code rcode} and nothing else. */
  public static Message error(Message query, int rcode) {
    Message response = replyTo(query);
    setRcode(response, rcode);
    return response;
  }

  /**
   * Sets an rcode, extended ones (above 15) split between the header and the OPT (RFC 6891 §6.1.3).
   * An extended rcode cannot be expressed without an OPT, so there it becomes SERVFAIL.
   */
  public static void setRcode(Message response, int rcode) {
    response.getHeader().setRcode(rcode & 0xF);
    OPTRecord opt = response.getOPT();
    if (opt != null && rcode > 0xF) {
      response.removeRecord(opt, Section.ADDITIONAL);
      response.addRecord(new OPTRecord(ADVERTISED_UDP_PAYLOAD, rcode >>> 4, 0, opt.getFlags()), Section.ADDITIONAL);
    } else if (rcode > 0xF) {
      response.getHeader().setRcode(Rcode.SERVFAIL);
    }
  }

  /**
   * A FORMERR built from nothing but the first bytes of an unparseable message: its ID, opcode and
   * RD bit, no sections (RFC 1035 §4.1.1). Null when not even a header is there.
   */
  public static byte[] formErrFromRawHeader(byte[] wire, int length) {
    if (length < Header.LENGTH) {
      return null;
    }
    byte[] out = new byte[Header.LENGTH];
    out[0] = wire[0];
    out[1] = wire[1];
    out[2] = (byte) (0x80 | (wire[2] & 0x79)); // QR, opcode, RD
    out[3] = (byte) Rcode.FORMERR;
    return out;
  }
}
