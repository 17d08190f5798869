package org.tandemdns.server;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.notify.NotifyReceiver;
import org.tandemdns.query.AnswerEngine;
import org.tandemdns.query.ResponseRenderer;
import org.tandemdns.query.Responses;
import org.tandemdns.security.TsigCheck;
import org.tandemdns.security.TsigResponses;
import org.tandemdns.security.TsigVerifier;
import org.tandemdns.update.UpdateProcessor;
import org.tandemdns.xfr.TransferReply;
import org.tandemdns.xfr.TransferRequest;
import org.tandemdns.xfr.TransferResponder;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one request into a reply: drops what is not a request, answers what cannot be parsed with
 * FORMERR (RFC 1035 §4.1.1), verifies TSIG before anything else (RFC 8945 §5.2), routes by opcode
 * and query type, signs the response when the request was signed, and renders it within the
 * transport's size limit. Never throws: an unexpected failure becomes SERVFAIL.
 */
public final class RequestDispatcher {
  private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);
  /** Lines any packet can trigger, rate-limited so that a flood cannot fill the disk. */
  private final org.tandemdns.security.RateLimitedLog tsigFailures = new org.tandemdns.security.RateLimitedLog(log);
  private final org.tandemdns.security.RateLimitedLog failures = new org.tandemdns.security.RateLimitedLog(log);
  private final org.tandemdns.security.RateLimitedLog noAlpn = new org.tandemdns.security.RateLimitedLog(log);

  private final AnswerEngine engine;
  private final TransferResponder transfers;
  private final NotifyReceiver notifications;
  private final UpdateProcessor updates;
  private final TsigVerifier tsigVerifier;
  private final TsigResponses tsigResponses;
  private final org.tandemdns.security.ServerCookies cookies;
  private QueryMetrics metrics = QueryMetrics.none();
  /** False while the server starts: requests are dropped, as if nothing listened yet. */
  private volatile boolean ready = true;

  public RequestDispatcher(AnswerEngine engine, TransferResponder transfers, NotifyReceiver notifications,
      UpdateProcessor updates, TsigVerifier tsigVerifier, TsigResponses tsigResponses) {
    this(engine, transfers, notifications, updates, tsigVerifier, tsigResponses,
        org.tandemdns.security.ServerCookies.random(java.time.Clock.systemUTC()));
  }

  /** @param cookies makes and checks the server cookies of DNS Cookies (RFC 7873, RFC 9018) */
  public RequestDispatcher(AnswerEngine engine, TransferResponder transfers, NotifyReceiver notifications,
      UpdateProcessor updates, TsigVerifier tsigVerifier, TsigResponses tsigResponses,
      org.tandemdns.security.ServerCookies cookies) {
    this.cookies = cookies;
    this.engine = engine;
    this.transfers = transfers;
    this.notifications = notifications;
    this.updates = updates;
    this.tsigVerifier = tsigVerifier;
    this.tsigResponses = tsigResponses;
  }

  /** True when {@code wire} (a query) carries a server cookie that verifies for {@code client} (RFC 7873). */
  boolean hasValidCookie(byte[] wire, java.net.InetAddress client) {
    try {
      org.xbill.DNS.CookieOption cookie = cookieOf(new Message(wire));
      return cookie != null && cookies.judge(cookie, client) == org.tandemdns.security.ServerCookies.Verdict.VALID;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Counts a question answered from the answer cache. */
  void countCached(int qtype, Transport transport, io.netty.buffer.ByteBuf response) {
    metrics.cached(qtype, transport, response);
  }

  /**
   * Drops every request until {@link #ready()}: the listeners bind first (so that a taken port is
   * found at once), and a request that came before the zones are registered would otherwise get
   * REFUSED ("not authoritative"), which resolvers remember as a lame server.
   */
  public RequestDispatcher silentUntilReady() {
    this.ready = false;
    return this;
  }

  /** Starts answering (see {@link #silentUntilReady()}). */
  public void ready() {
    this.ready = true;
  }

  /** Counts queries and responses into {@code m}. */
  public RequestDispatcher withMetrics(QueryMetrics m) {
    this.metrics = m;
    return this;
  }

  /** Handles {@code length} bytes of {@code wire}, and counts the answer. */
  public Reply handle(byte[] wire, int length, RequestContext context) {
    Reply reply = handleUncounted(wire, length, context);
    if (reply instanceof Reply.Single single) {
      metrics.response(context.transport(), single.wire());
    } else if (reply instanceof Reply.Deferred deferred) {
      return new Reply.Deferred(deferred.reply().thenApply(r -> {
        if (r instanceof Reply.Single single) {
          metrics.response(context.transport(), single.wire());
        }
        return r;
      }));
    }
    return reply;
  }

  /**
   * True when a section holds fewer records than the header counts (RFC 1035 §4.1.1; dnsjava stops
   * parsing a request with TC set where it ends), or a TSIG or OPT stands outside the additional
   * section (RFC 8945 §5.1, RFC 6891 §6.1.1).
   */
  private static boolean malformed(Message query) {
    for (int section = org.xbill.DNS.Section.QUESTION; section <= org.xbill.DNS.Section.ADDITIONAL; section++) {
      if (query.getSection(section).size() != query.getHeader().getCount(section)) {
        return true;
      }
      if (section != org.xbill.DNS.Section.ADDITIONAL && section != org.xbill.DNS.Section.QUESTION) {
        for (org.xbill.DNS.Record r : query.getSection(section)) {
          if (r.getType() == org.xbill.DNS.Type.TSIG || r.getType() == org.xbill.DNS.Type.OPT) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private Reply handleUncounted(byte[] wire, int length, RequestContext context) {
    if (!ready || length < Header.LENGTH || (wire[2] & 0x80) != 0) {
      return Reply.DROP; // starting, too short to answer, or a response: never answer responses
    }
    byte[] request = length == wire.length ? wire : Arrays.copyOf(wire, length);
    Message query;
    try {
      query = new Message(request);
    } catch (IOException | RuntimeException e) {
      log.debug("malformed message from {}: {}", context.remote(), e.getMessage());
      return new Reply.Single(Responses.formErrFromRawHeader(wire, length));
    }
    if (malformed(query)) {
      log.debug("malformed message from {}: sections shorter than the header says, or a TSIG or OPT outside"
          + " the additional section", context.remote());
      return new Reply.Single(Responses.formErrFromRawHeader(wire, length));
    }
    try {
      return dispatch(query, request, context);
    } catch (RuntimeException e) {
      failures.warn("failed to answer {} from {}", describe(query), context.remote(), e);
      return render(Responses.error(query, Rcode.SERVFAIL), query, context);
    }
  }

  private Reply dispatch(Message query, byte[] wire, RequestContext context) {
    if (!wellFormed(query)) {
      return render(Responses.error(query, Rcode.FORMERR), query, context);
    }
    if (query.getHeader().getOpcode() == Opcode.QUERY) {
      metrics.question(query.getQuestion().getType());
    }
    TsigCheck tsig = tsigVerifier.check(query, wire);
    if (tsig instanceof TsigCheck.Failed failed) {
      tsigFailures.warn("TSIG {} from {} for {}: key {}: {}", Rcode.TSIGstring(failed.error()), context.remote(), describe(query),
          failed.request().getName(), failed.reason());
      Message response = Responses.replyTo(query);
      tsigResponses.fail(response, failed);
      Reply reply = render(response, query, context);
      return reply instanceof Reply.Single single ? new Reply.Single(tsigResponses.finish(single.wire(), failed)) : reply;
    }
    TsigCheck.Verified signed = tsig instanceof TsigCheck.Verified v ? v : null;
    Message response;
    int opcode = query.getHeader().getOpcode();
    int qtype = query.getQuestion() == null ? 0 : query.getQuestion().getType();
    if (opcode == Opcode.QUERY && (qtype == Type.AXFR || qtype == Type.IXFR)) {
      if (context.transport() == Transport.TLS && !context.tls().alpnDot()) {
        noAlpn.warn("{} of {} from {} over TLS refused: the client did not negotiate ALPN 'dot', which zone transfers over TLS"
            + " require (RFC 9103 §7.1)", Type.string(qtype), query.getQuestion().getName(), context.remote());
        return finish(Responses.error(query, Rcode.REFUSED), query, signed, context);
      }
      var request = new TransferRequest(query, context.transport() != Transport.UDP, context.remote(), signed, context.security());
      var pending = transfers.respondAsync(request).handle((r, e) -> {
        if (e != null) {
          log.warn("{} from {} failed unexpectedly", Type.string(qtype), context.remote(), e);
          return finish(Responses.error(query, Rcode.SERVFAIL), query, signed, context);
        }
        return r instanceof TransferReply.Stream s
            ? new Reply.Stream(s.stream())
            : finish(((TransferReply.Single) r).response(), query, signed, context);
      });
      return pending.isDone() ? pending.join() : new Reply.Deferred(pending);
    } else if (opcode == Opcode.QUERY) {
      response = engine.answer(query);
    } else if (opcode == Opcode.NOTIFY) {
      response = notifications.handle(query, context.remote(), signed);
    } else if (opcode == Opcode.UPDATE) {
      return new Reply.Deferred(updates.handle(query, context.remote(), signed).handle((r, e) -> {
        Message m = r != null ? r : Responses.error(query, Rcode.SERVFAIL);
        if (e != null) {
          log.warn("UPDATE from {} failed unexpectedly", context.remote(), e);
        }
        return finish(m, query, signed, context);
      }));
    } else {
      response = Responses.error(query, Rcode.NOTIMP);
    }
    return finish(response, query, signed, context);
  }

  /** Signs {@code response} when the request was signed, and renders it for the transport. */
  private Reply finish(Message response, Message query, TsigCheck.Verified signed, RequestContext context) {
    if (signed != null) {
      tsigResponses.sign(response, signed);
    }
    return render(response, query, context);
  }

  private Reply render(Message response, Message query, RequestContext context) {
    addCookie(response, query, context);
    int limit = context.transport() == Transport.UDP ? ResponseRenderer.udpLimit(query) : ResponseRenderer.STREAM_LIMIT;
    return new Reply.Single(ResponseRenderer.render(response, limit));
  }

  /**
   * A request with a COOKIE option gets one back (RFC 7873 §5.2): its client cookie and a server
   * cookie for it (RFC 9018). The answer is the same whatever the server cookie said: no client is
   * required to have one yet (§5.2.3 leaves that to policy; rate limiting is where it will count).
   */
  private void addCookie(Message response, Message query, RequestContext context) {
    OPTRecord out = response.getOPT();
    org.xbill.DNS.CookieOption cookie = cookieOf(query);
    if (cookie == null || out == null || context.remote() == null || context.remote().getAddress() == null) {
      return;
    }
    List<org.xbill.DNS.EDNSOption> answered = new java.util.ArrayList<>(out.getOptions());
    answered.add(cookies.answer(cookie, context.remote().getAddress()));
    response.removeRecord(out, Section.ADDITIONAL);
    response.addRecord(new OPTRecord(out.getPayloadSize(), out.getExtendedRcode(), out.getVersion(), out.getFlags(), answered),
        Section.ADDITIONAL);
  }

  /** The first COOKIE option of {@code query}'s OPT (the one RFC 7873 §5.2 processes), or null. */
  private static org.xbill.DNS.CookieOption cookieOf(Message query) {
    OPTRecord opt = query.getOPT();
    if (opt == null) {
      return null;
    }
    List<org.xbill.DNS.EDNSOption> options = opt.getOptions(org.xbill.DNS.EDNSOption.Code.COOKIE);
    return !options.isEmpty() && options.get(0) instanceof org.xbill.DNS.CookieOption c ? c : null;
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
