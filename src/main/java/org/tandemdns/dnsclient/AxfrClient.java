package org.tandemdns.dnsclient;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Fetches a zone with AXFR over TCP (RFC 5936), optionally signed with TSIG (RFC 8945 §5.3.1),
 * reading message by message under {@link TransferLimits}.
 *
 * <p>The first record must be the SOA of the zone asked for, and the transfer ends at the next SOA
 * (RFC 5936 §2.2); any record outside the zone, an error RCODE after the first message, a TSIG
 * failure, or a crossed bound ends it as {@link TransferResult.Failed}. Thread-safe.
 */
public final class AxfrClient {

  /** Transfers {@code zone} from {@code server}. Never throws for what the server does. */
  public TransferResult transfer(Name zone, ServerAddress server, Optional<TSIG> key, TransferLimits limits) {
    long start = System.nanoTime();
    Deadline deadline = Deadline.in(limits.timeout());
    Message query = Message.newQuery(Record.newRecord(zone, Type.AXFR, DClass.IN));
    query.getHeader().unsetFlag(Flags.RD);
    TSIG.StreamVerifier verifier = null;
    if (key.isPresent()) {
      key.get().apply(query, null);
      verifier = new TSIG.StreamVerifier(key.get(), query.getTSIG());
    }
    try (TcpStream s = TcpStream.connect(server, deadline)) {
      s.send(query.toWire(Message.MAXLENGTH));
      Reader reader = new Reader(zone, query.getHeader().getID(), verifier, limits);
      while (!reader.done()) {
        if (s.bytesRead() > limits.maxBytes()) {
          return new TransferResult.Failed("over " + limits.maxBytes() + " bytes: transfer cut off");
        }
        byte[] wire;
        try {
          wire = s.receive(deadline);
        } catch (DnsClientException e) {
          if (reader.messages == 0 && !(e instanceof DnsTimeoutException)) {
            return new TransferResult.Refused(-1, "closed without answering (" + e.getMessage() + ")");
          }
          throw e;
        }
        Optional<TransferResult> early = reader.accept(wire);
        if (early.isPresent()) {
          return early.get();
        }
      }
      return new TransferResult.Complete(
          reader.records, reader.messages, s.bytesRead(), Duration.ofNanos(System.nanoTime() - start));
    } catch (DnsTimeoutException e) {
      return new TransferResult.Failed("did not complete within " + limits.timeout().toSeconds() + " s");
    } catch (DnsClientException e) {
      return new TransferResult.Failed(e.getMessage());
    }
  }

  /** Consumes AXFR messages one at a time. */
  private static final class Reader {
    private final Name zone;
    private final int id;
    private final TSIG.StreamVerifier verifier;
    private final TransferLimits limits;
    private final List<Record> records = new ArrayList<>();
    private SOARecord first;
    private boolean done;
    private int messages;

    Reader(Name zone, int id, TSIG.StreamVerifier verifier, TransferLimits limits) {
      this.zone = zone;
      this.id = id;
      this.verifier = verifier;
      this.limits = limits;
    }

    boolean done() {
      return done;
    }

    Optional<TransferResult> accept(byte[] wire) {
      Message m;
      try {
        m = new Message(wire);
      } catch (IOException e) {
        return Optional.of(new TransferResult.Failed("malformed message " + (messages + 1) + ": " + e.getMessage()));
      }
      if (m.getHeader().getID() != id) {
        return Optional.of(new TransferResult.Failed("message " + (messages + 1) + " has the wrong ID"));
      }
      messages++;
      if (verifier != null) {
        int v = verifier.verify(m, wire);
        if (v != Rcode.NOERROR) {
          if (messages == 1 && m.getRcode() != Rcode.NOERROR) {
            return Optional.of(new TransferResult.Refused(m.getRcode(), "TSIG: " + Rcode.TSIGstring(v)));
          }
          return Optional.of(new TransferResult.Failed("TSIG verification failed: " + Rcode.TSIGstring(v)));
        }
      }
      if (m.getRcode() != Rcode.NOERROR) {
        return Optional.of(messages == 1
            ? new TransferResult.Refused(m.getRcode(), Rcode.string(m.getRcode()))
            : new TransferResult.Failed("error " + Rcode.string(m.getRcode()) + " in message " + messages));
      }
      for (Record r : m.getSection(Section.ANSWER)) {
        Optional<TransferResult> bad = add(r);
        if (bad.isPresent() || done) {
          return bad;
        }
      }
      return Optional.empty();
    }

    private Optional<TransferResult> add(Record r) {
      if (first == null) {
        if (!(r instanceof SOARecord soa)) {
          return Optional.of(new TransferResult.Failed("transfer does not start with an SOA but " + Type.string(r.getType())));
        }
        if (!soa.getName().equals(zone)) {
          return Optional.of(new TransferResult.Failed("answered with another zone: " + soa.getName()));
        }
        first = soa;
        records.add(r);
        return Optional.empty();
      }
      if (r.getType() == Type.SOA && r.getName().equals(zone)) {
        done = true;
        return Optional.empty();
      }
      if (!r.getName().subdomain(zone)) {
        return Optional.of(new TransferResult.Failed("record outside the zone: " + r.getName() + " " + Type.string(r.getType())));
      }
      if (records.size() >= limits.maxRecords()) {
        return Optional.of(new TransferResult.Failed("over " + limits.maxRecords() + " records: transfer cut off"));
      }
      records.add(r);
      return Optional.empty();
    }
  }
}
