package org.tandemdns.server;

import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.query.AnswerEngine;
import org.tandemdns.query.ResponseRenderer;
import org.tandemdns.query.Responses;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one request message into at most one response message: drops what is not a request,
 * answers what cannot be parsed with FORMERR (RFC 1035 §4.1.1), routes by opcode, and renders
 * within the transport's size limit. Never throws: an unexpected failure becomes SERVFAIL.
 */
public final class RequestDispatcher {
  private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

  private final AnswerEngine engine;

  public RequestDispatcher(AnswerEngine engine) {
    this.engine = engine;
  }

  /** Handles {@code length} bytes of {@code wire}; returns the response, or null to send nothing. */
  public byte[] handle(byte[] wire, int length, RequestContext context) {
    if (length < Header.LENGTH || (wire[2] & 0x80) != 0) {
      return null; // too short to answer, or a response: never answer responses
    }
    Message query;
    try {
      query = new Message(length == wire.length ? wire : java.util.Arrays.copyOf(wire, length));
    } catch (IOException | RuntimeException e) {
      log.debug("malformed message from {}: {}", context.remote(), e.getMessage());
      return Responses.formErrFromRawHeader(wire, length);
    }
    try {
      Message response = dispatch(query, context);
      int limit = context.transport() == Transport.UDP ? ResponseRenderer.udpLimit(query) : ResponseRenderer.STREAM_LIMIT;
      return ResponseRenderer.render(response, limit);
    } catch (RuntimeException e) {
      log.warn("failed to answer {} from {}", describe(query), context.remote(), e);
      return ResponseRenderer.render(Responses.error(query, Rcode.SERVFAIL), ResponseRenderer.udpLimit(query));
    }
  }

  private Message dispatch(Message query, RequestContext context) {
    if (!wellFormed(query)) {
      return Responses.error(query, Rcode.FORMERR);
    }
    int opcode = query.getHeader().getOpcode();
    if (opcode != Opcode.QUERY) {
      return Responses.error(query, Rcode.NOTIMP);
    }
    int qtype = query.getQuestion().getType();
    if (qtype == Type.AXFR || qtype == Type.IXFR) {
      return Responses.error(query, Rcode.REFUSED);
    }
    return engine.answer(query);
  }

  /** One question, at most one OPT, owned by the root (RFC 6891 §6.1.1). */
  private static boolean wellFormed(Message query) {
    if (query.getHeader().getCount(Section.QUESTION) != 1) {
      return false;
    }
    List<Record> additional = query.getSection(Section.ADDITIONAL);
    int opts = 0;
    for (Record r : additional) {
      if (r.getType() == Type.OPT) {
        opts++;
        if (!r.getName().equals(Name.root)) {
          return false;
        }
      }
    }
    return opts <= 1;
  }

  private static String describe(Message query) {
    Record q = query.getQuestion();
    return q == null ? "message " + query.getHeader().getID() : q.getName() + " " + Type.string(q.getType());
  }
}
