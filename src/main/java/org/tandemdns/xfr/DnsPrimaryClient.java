package org.tandemdns.xfr;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.config.Remote;
import org.tandemdns.config.TransferLimitsConfig;
import org.tandemdns.dnsclient.Deadline;
import org.tandemdns.dnsclient.DnsClient;
import org.tandemdns.dnsclient.DnsClientException;
import org.tandemdns.dnsclient.DnsTimeoutException;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.dnsclient.Response;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.dnsclient.TcpStream;
import org.tandemdns.dnsclient.TlsClient;
import org.tandemdns.dnsclient.Transport;
import org.tandemdns.security.TsigKey;
import org.tandemdns.security.TsigKeyRing;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneValidationException;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

/**
 * The secondary's side of talking to a primary: SOA queries (UDP, TCP when truncated) and
 * AXFR/IXFR over TCP — or, for a primary listed with {@code tls PROFILE}, both over TLS (XoT, RFC
 * 9103: nothing of the zone in clear text, not even its serial), TSIG-signed and verified on every message when the primary is keyed, asking
 * for the EDNS EXPIRE option (RFC 7314), and bounded in records, bytes and time. Writes one log line
 * per transfer in.
 */
public final class DnsPrimaryClient implements PrimaryClient {
  private static final Logger log = LoggerFactory.getLogger("transfer");
  /** EDNS option code of EXPIRE (RFC 7314 §2). */
  static final int EDNS_EXPIRE = 9;
  private static final QueryLimits SOA_LIMITS = new QueryLimits(Duration.ofSeconds(2), 2);

  private final TsigKeyRing keys;
  private final Clock clock;
  private final DnsClient dns = new DnsClient();
  private io.micrometer.core.instrument.MeterRegistry metrics = new io.micrometer.core.instrument.composite.CompositeMeterRegistry();

  /** Counts inbound transfers ({@code tandem_transfers{direction="in",type,result}}) into {@code registry}. */
  public DnsPrimaryClient withMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    this.metrics = registry;
    return this;
  }

  private final TlsProfiles tlsProfiles;

  public DnsPrimaryClient(TsigKeyRing keys, Clock clock) {
    this(keys, new TlsProfiles(), clock);
  }

  /** @param tlsProfiles how primaries listed with {@code tls PROFILE} are trusted */
  public DnsPrimaryClient(TsigKeyRing keys, TlsProfiles tlsProfiles, Clock clock) {
    this.keys = keys;
    this.tlsProfiles = tlsProfiles;
    this.clock = clock;
  }

  /** The TLS client of {@code primary}'s profile; null for a plain primary. */
  private TlsClient tls(Remote primary) throws DnsClientException {
    if (primary.tls() == null) {
      return null;
    }
    TlsClient client = tlsProfiles.get(primary.tls());
    if (client == null) {
      throw new DnsClientException("tls profile " + primary.tls() + " is not defined under tls.profiles");
    }
    return client;
  }

  @Override
  public SoaProbe querySoa(Name zone, Remote primary) {
    TsigKey key = key(primary);
    Message query = query(zone, Type.SOA, -1, key);
    byte[] wire = query.toWire(Message.MAXLENGTH);
    ServerAddress server = ServerAddress.of(primary.address());
    try {
      TlsClient tls = tls(primary);
      Response r = tls != null ? dns.exchangeOverTls(query, wire, server, tls, SOA_LIMITS)
          : dns.exchange(query, wire, server, Transport.UDP, SOA_LIMITS);
      // truncated: RFC 7766 §5; REFUSED over UDP: Knot answers the catalog zones it generates
      // (RFC 9432) over TCP only, as transfers use it, so a refusal is asked once more over TCP
      if (tls == null && (r.truncated() || r.rcode() == Rcode.REFUSED)) {
        query = query(zone, Type.SOA, -1, key);
        wire = query.toWire(Message.MAXLENGTH);
        r = dns.exchange(query, wire, server, Transport.TCP, SOA_LIMITS);
      }
      String tsigProblem = verify(wire, r.message(), r.wire(), key);
      if (tsigProblem != null) {
        return new SoaProbe.Failure(tsigProblem);
      }
      if (r.rcode() != Rcode.NOERROR) {
        return new SoaProbe.Failure("answered " + Rcode.string(r.rcode()));
      }
      if (!r.authoritative()) {
        return new SoaProbe.Failure("answer is not authoritative (lame)");
      }
      for (Record rr : r.message().getSection(Section.ANSWER)) {
        if (rr instanceof SOARecord soa && soa.getName().equals(zone)) {
          return new SoaProbe.Answer(soa, ednsExpire(r.message()));
        }
      }
      return new SoaProbe.Failure("no SOA for " + zone + " in the answer");
    } catch (DnsClientException e) {
      return new SoaProbe.Failure(e.getMessage());
    }
  }

  @Override
  public InboundTransfer transfer(Name zone, Remote primary, ZoneSnapshot current, boolean full, TransferLimitsConfig limits) {
    boolean ixfr = !full && current != null;
    String type = ixfr ? "IXFR" : "AXFR";
    long from = ixfr ? current.serial() : -1;
    long start = System.nanoTime();
    TsigKey key = key(primary);
    Message query = query(zone, ixfr ? Type.IXFR : Type.AXFR, from, key);
    byte[] wire = query.toWire(Message.MAXLENGTH);
    TSIG.StreamVerifier verifier = key == null ? null : new TSIG.StreamVerifier(key.tsig(clock), tsigOf(wire));
    TransferReader reader = new TransferReader(zone, from);
    Deadline deadline = Deadline.in(limits.timeout());
    int messages = 0;
    long bytes = 0;
    String result;
    InboundTransfer outcome;
    try (TcpStream stream = TcpStream.connect(ServerAddress.of(primary.address()), deadline, tls(primary))) {
      stream.send(wire);
      while (!reader.done()) {
        byte[] in = stream.receive(deadline);
        bytes = stream.bytesRead();
        messages++;
        if ((in[2] & 0x02) != 0) {
          // dnsjava would quietly keep what it could parse of a truncated message: never take half a zone
          throw new TransferReader.Malformed("message " + messages + " is truncated (TC set); a transfer must not be (RFC 5936 §2.2.1)");
        }
        Message m = new Message(in);
        if (m.getHeader().getID() != query.getHeader().getID()) {
          throw new TransferReader.Malformed("message " + messages + " has another ID");
        }
        if (m.getRcode() != Rcode.NOERROR && messages == 1) {
          verifyTsig(verifier, m, in, messages, true);
          outcome = refused(m.getRcode(), ixfr, messages);
          logTransfer(zone, type, primary, key, from, reader, messages, bytes, start, "failed (" + Rcode.string(m.getRcode()) + ")");
          return outcome;
        }
        if (m.getRcode() != Rcode.NOERROR) {
          throw new TransferReader.Malformed("message " + messages + " answered " + Rcode.string(m.getRcode()));
        }
        for (Record r : m.getSection(Section.ANSWER)) {
          if (reader.records() >= limits.records()) {
            throw new TransferReader.Malformed("more than " + limits.records() + " records; transfer cut off");
          }
          reader.accept(r);
        }
        // every message is verified; the last one must carry a TSIG (RFC 8945 §5.3.1)
        verifyTsig(verifier, m, in, messages, reader.done() || (messages == 1 && reader.upToDate()));
        if (bytes > limits.bytes()) {
          throw new TransferReader.Malformed("more than " + limits.bytes() + " bytes; transfer cut off");
        }
        if (messages == 1 && reader.upToDate()) {
          logTransfer(zone, type, primary, key, from, reader, messages, bytes, start, "up to date");
          return new InboundTransfer.UpToDate(reader.firstSoa());
        }
      }
      TransferStats stats = new TransferStats(reader.isFull() ? (ixfr ? "IXFR (AXFR-style)" : "AXFR") : "IXFR",
          reader.records(), messages, bytes, Duration.ofNanos(System.nanoTime() - start));
      outcome = reader.isFull()
          ? new InboundTransfer.Full(reader.snapshot(), stats)
          : new InboundTransfer.Incremental(reader.diffs(), stats);
      result = "ok" + (reader.dropped() > 0 ? " (" + reader.dropped() + " records outside the zone dropped)" : "");
    } catch (DnsTimeoutException e) {
      result = "failed (no complete answer within " + limits.timeout().toSeconds() + " s)";
      outcome = new InboundTransfer.Failure(result, false);
    } catch (DnsClientException e) {
      result = "failed (" + e.getMessage() + ")";
      outcome = new InboundTransfer.Failure(e.getMessage(), false);
    } catch (TransferReader.Malformed e) {
      result = "failed (" + e.getMessage() + ")";
      outcome = new InboundTransfer.Failure(e.getMessage(), ixfr);
    } catch (ZoneValidationException e) {
      result = "failed (the zone received is not valid: " + String.join("; ", e.problems()) + ")";
      outcome = new InboundTransfer.Failure(result, false);
    } catch (IOException e) {
      result = "failed (malformed message: " + e.getMessage() + ")";
      outcome = new InboundTransfer.Failure("malformed message: " + e.getMessage(), ixfr);
    } catch (RuntimeException e) {
      result = "failed (" + e + ")";
      outcome = new InboundTransfer.Failure("unusable answer: " + e, ixfr);
    }
    logTransfer(zone, type, primary, key, from, reader, messages, bytes, start, result);
    return outcome;
  }

  private static void verifyTsig(TSIG.StreamVerifier verifier, Message m, byte[] in, int number, boolean last)
      throws TransferReader.Malformed {
    if (verifier == null) {
      return;
    }
    int v = verifier.verify(m, in, last);
    if (v != Rcode.NOERROR) {
      throw new TransferReader.Malformed("TSIG " + Rcode.TSIGstring(v) + " on message " + number
          + (verifier.getErrorMessage() == null ? "" : " (" + verifier.getErrorMessage() + ")"));
    }
  }

  /** An error rcode in the first message; an IXFR that is not implemented or not understood falls back to AXFR. */
  private static InboundTransfer refused(int rcode, boolean ixfr, int messages) {
    boolean tryAxfr = ixfr && (rcode == Rcode.NOTIMP || rcode == Rcode.FORMERR);
    String where = messages == 1 ? "" : " in message " + messages;
    return new InboundTransfer.Failure("answered " + Rcode.string(rcode) + where, tryAxfr);
  }

  private void logTransfer(Name zone, String type, Remote primary, TsigKey key, long from, TransferReader reader,
      int messages, long bytes, long start, String result) {
    String serials = (from < 0 ? "none" : String.valueOf(from)) + "->" + (reader.firstSoa() == null ? "?" : reader.firstSoa().getSerial());
    String line = "transfer in zone=" + zone + " type=" + type + " from=" + primary.address() + " key="
        + (key == null ? "-" : key.name()) + (primary.tls() == null ? "" : " tls=" + primary.tls()) + " serial=" + serials + " records=" + reader.records() + " messages=" + messages
        + " bytes=" + bytes + " duration=" + (System.nanoTime() - start) / 1_000_000 + "ms result=" + result;
    String outcome = result.startsWith("ok") ? "ok" : result.equals("up to date") ? "up-to-date" : "failed";
    metrics.counter("tandem_transfers", "direction", "in", "type", type, "result", outcome).increment();
    if (result.startsWith("ok") || result.equals("up to date")) {
      log.info(line);
    } else {
      log.warn(line);
    }
  }

  /** A query for the zone, asking for EDNS EXPIRE, with the client's SOA for IXFR, signed when keyed. */
  private Message query(Name zone, int type, long ixfrSerial, TsigKey key) {
    Message q = DnsClient.question(zone, type, false);
    OPTRecord opt = q.getOPT();
    q.removeRecord(opt, Section.ADDITIONAL);
    List<EDNSOption> expire = List.of(new GenericEDNSOption(EDNS_EXPIRE, new byte[0]));
    q.addRecord(new OPTRecord(DnsClient.UDP_PAYLOAD, 0, 0, 0, expire), Section.ADDITIONAL);
    if (ixfrSerial >= 0) {
      q.addRecord(new SOARecord(zone, org.xbill.DNS.DClass.IN, 0, Name.root, Name.root, ixfrSerial, 0, 0, 0, 0), Section.AUTHORITY);
    }
    if (key != null) {
      q.setTSIG(key.tsig(clock), Rcode.NOERROR, null);
    }
    return q;
  }

  private TsigKey key(Remote primary) {
    return primary.key() == null ? null : keys.find(primary.key());
  }

  /** Null when fine; else what is wrong with the response's TSIG. */
  private String verify(byte[] queryWire, Message response, byte[] responseWire, TsigKey key) {
    if (key == null) {
      return null;
    }
    if (response.getTSIG() == null) {
      return "the answer is not TSIG-signed (" + Rcode.string(response.getRcode()) + ")";
    }
    int theirs = response.getTSIG().getError();
    if (theirs != Rcode.NOERROR) { // RFC 8945 §5.2: the primary could not verify our query
      return "the primary rejected our TSIG signature (" + Rcode.TSIGstring(theirs) + "): " + tsigAdvice(theirs, key);
    }
    int v = key.tsig(clock).verify(response, responseWire, tsigOf(queryWire));
    return v == Rcode.NOERROR ? null
        : "the primary's answer does not verify (TSIG " + Rcode.TSIGstring(v) + "): " + tsigAdvice(v, key);
  }

  /** What a TSIG error means for the operator (RFC 8945 §5.2, §5.3). */
  private static String tsigAdvice(int error, TsigKey key) {
    String name = key.name().toString();
    return switch (error) {
      case Rcode.BADSIG -> "the secret of key " + name + " differs between this server and the primary";
      case Rcode.BADKEY -> "the primary does not know key " + name + " with algorithm " + key.algorithmName();
      case Rcode.BADTIME -> "the clocks of this server and the primary differ by more than the TSIG fudge (5 minutes)";
      default -> "check key " + name + " on both sides";
    };
  }

  private static TSIGRecord tsigOf(byte[] wire) {
    try {
      return new Message(wire).getTSIG();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read back our own query", e);
    }
  }

  /** The EDNS EXPIRE value (RFC 7314 §2: 4 octets, seconds), or null. */
  static Duration ednsExpire(Message m) {
    OPTRecord opt = m.getOPT();
    if (opt == null) {
      return null;
    }
    for (EDNSOption o : opt.getOptions(EDNS_EXPIRE)) {
      byte[] data = o.toWire();
      if (data.length >= 8) { // code(2) + length(2) + value(4)
        long seconds = ((data[4] & 0xffL) << 24) | ((data[5] & 0xffL) << 16) | ((data[6] & 0xffL) << 8) | (data[7] & 0xffL);
        return Duration.ofSeconds(seconds);
      }
    }
    return null;
  }
}
