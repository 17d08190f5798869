package org.tandemdns.xfr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.propagation.DownstreamObserver;
import org.tandemdns.query.EdnsExpire;
import org.tandemdns.query.ResponseRenderer;
import org.tandemdns.query.Responses;
import org.tandemdns.security.Acl;
import org.tandemdns.security.StreamSigner;
import org.tandemdns.store.StoreException;
import org.tandemdns.store.ZoneStore;
import org.tandemdns.zone.SerialNumber;
import org.tandemdns.zone.ServedZone;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers AXFR (RFC 5936) and IXFR (RFC 1995) requests from one snapshot, start to end. Transfers
 * are refused unless the zone's allow-transfer list allows the client (address and, where required,
 * TSIG key). AXFR is TCP only. IXFR sends the condensed journal difference from the client's serial,
 * a single SOA when the client is current, or the whole zone when the journal does not reach back;
 * over UDP the difference only if it fits, else a single SOA so that the client retries over TCP.
 * Concurrent outbound transfers are capped.
 */
public final class TransferResponder {
  private static final Logger log = LoggerFactory.getLogger("transfer");
  /** Refusals can be triggered by anyone (IXFR over UDP is spoofable): rate-limited. */
  private final org.tandemdns.security.RateLimitedLog refusals = new org.tandemdns.security.RateLimitedLog(log);

  private final ZoneTable zones;
  private final ZoneStore store;
  private final Function<org.xbill.DNS.Name, Acl> acls;
  private final Semaphore slots;
  /**
   * Transfers of at most {@value #SMALL_TRANSFER_RECORDS} records (an IXFR of a change, the AXFR of a
   * small zone) are a few messages and cost little: they have their own, larger allowance, so that
   * 50 secondaries asking at once for the change they were just told about are all answered (with
   * one shared cap they were REFUSED and waited for the SOA retry interval).
   */
  static final int SMALL_TRANSFER_RECORDS = 1_000;
  private static final int SMALL_SLOTS_PER_SLOT = 16;
  private static final int MIN_SMALL_SLOTS = 256;
  private final Semaphore smallSlots;
  private final java.time.Clock clock;
  private final DownstreamObserver downstream;
  private io.micrometer.core.instrument.MeterRegistry metrics = new io.micrometer.core.instrument.composite.CompositeMeterRegistry();

  /** Counts outbound transfers ({@code tandem_transfers{direction="out",type,result}}) into {@code registry}. */
  public TransferResponder withMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    this.metrics = registry;
    return this;
  }

  private void count(String type, String result) {
    metrics.counter("tandem_transfers", "direction", "out", "type", type, "result", result).increment();
  }

  public TransferResponder(ZoneTable zones, ZoneStore store, Function<org.xbill.DNS.Name, Acl> acls, int maxConcurrent,
      java.time.Clock clock) {
    this(zones, store, acls, maxConcurrent, clock, DownstreamObserver.NONE);
  }

  /** @param downstream told of IXFR request serials and completed transfers (propagation tracking) */
  public TransferResponder(ZoneTable zones, ZoneStore store, Function<org.xbill.DNS.Name, Acl> acls, int maxConcurrent,
      java.time.Clock clock, DownstreamObserver downstream) {
    this.zones = zones;
    this.store = store;
    this.acls = acls;
    this.slots = new Semaphore(maxConcurrent);
    this.smallSlots = new Semaphore(Math.max(MIN_SMALL_SLOTS, maxConcurrent * SMALL_SLOTS_PER_SLOT));
    this.clock = clock;
    this.downstream = downstream;
  }

  /**
   * Answers IXFR here, off the network threads: an IXFR reads the journal from the store, which may
   * wait on the disk (DESIGN: the I/O threads do no blocking work). Threads end when idle.
   */
  private final java.util.concurrent.ThreadPoolExecutor journalReaders = journalReaders();
  /** IXFR requests waiting for a journal reader; beyond, REFUSED (a UDP flood must not fill memory). */
  static final int MAX_WAITING_IXFR = 256;

  private static java.util.concurrent.ThreadPoolExecutor journalReaders() {
    var pool = new java.util.concurrent.ThreadPoolExecutor(2, 2, 30, java.util.concurrent.TimeUnit.SECONDS,
        new java.util.concurrent.LinkedBlockingQueue<>(MAX_WAITING_IXFR), r -> {
          Thread t = new Thread(r, "ixfr-out");
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * As {@link #respond}, completed off the calling thread when the answer needs the store (IXFR);
   * AXFR and refusals complete at once.
   */
  public java.util.concurrent.CompletableFuture<TransferReply> respondAsync(TransferRequest request) {
    if (request.query().getQuestion().getType() != Type.IXFR || !readsJournal(request)) {
      return java.util.concurrent.CompletableFuture.completedFuture(respond(request));
    }
    try {
      return java.util.concurrent.CompletableFuture.supplyAsync(() -> respond(request), journalReaders);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return java.util.concurrent.CompletableFuture.completedFuture(
          refuse(request, org.xbill.DNS.Rcode.REFUSED, MAX_WAITING_IXFR + " IXFR requests already wait for the journal"));
    }
  }

  /**
   * False when an IXFR is answered without the store: the client is current, or the diff it needs
   * is kept in memory. The secondaries told of a change then get it on the network thread, without
   * two hand-offs between threads each (50 secondaries: the last IXFRs waited ~100 ms for them on a
   * busy machine).
   */
  private boolean readsJournal(TransferRequest request) {
    ServedZone zone = zones.get(request.query().getQuestion().getName());
    ZoneSnapshot snapshot = zone == null ? null : zone.snapshot();
    SOARecord client = clientSoa(request.query());
    if (snapshot == null || client == null) {
      return false; // refused at once
    }
    return SerialNumber.isNewer(snapshot.serial(), client.getSerial()) && diffs.get(snapshot, client.getSerial()) == null;
  }

  public TransferReply respond(TransferRequest request) {
    Message query = request.query();
    Record question = query.getQuestion();
    String type = Type.string(question.getType());
    ServedZone zone = zones.get(question.getName());
    if (zone == null) {
      return refuse(request, Rcode.NOTAUTH, "not a zone served here");
    }
    ZoneSnapshot snapshot = zone.snapshot();
    if (snapshot == null || zone.expired()) {
      return refuse(request, Rcode.SERVFAIL, snapshot == null ? "zone not loaded" : "zone expired");
    }
    Acl acl = acls.apply(zone.origin());
    if (acl == null || !acl.allows(request.remote().getAddress(), request.signed() == null ? null : request.signed().key().name(),
        request.security())) {
      return refuse(request, Rcode.REFUSED, "not allowed by allow-transfer" + (acl != null && acl.requiresTls()
          && request.security() == org.tandemdns.security.TransportSecurity.NONE ? " (it requires TLS; this request came in clear)" : ""));
    }
    if (question.getType() == Type.AXFR) {
      if (!request.overTcp()) {
        return refuse(request, Rcode.REFUSED, "AXFR over UDP");
      }
      return stream(request, snapshot, new SnapshotRecords(snapshot), snapshot.recordCount(), "AXFR",
          String.valueOf(snapshot.serial()), null);
    }
    SOARecord client = clientSoa(query);
    if (client == null) {
      return refuse(request, Rcode.FORMERR, "IXFR without the client's SOA in the authority section");
    }
    downstream.ixfrRequested(zone.origin(), request.remote().getAddress(), client.getSerial());
    return ixfr(request, snapshot, client.getSerial(), type);
  }

  private TransferReply ixfr(TransferRequest request, ZoneSnapshot snapshot, long clientSerial, String type) {
    long current = snapshot.serial();
    if (!SerialNumber.isNewer(current, clientSerial)) {
      log.info("transfer out zone={} type=IXFR remote={} key={} serial={} result=up-to-date (client has {})",
          snapshot.origin(), request.remoteText(), request.keyName(), current, clientSerial);
      return single(request, List.of(snapshot.soa()));
    }
    Optional<ZoneDiff> diff = condensedDiff(snapshot, clientSerial);
    if (diff.isEmpty()) {
      if (!request.overTcp()) {
        return single(request, List.of(snapshot.soa()));
      }
      return stream(request, snapshot, new SnapshotRecords(snapshot), snapshot.recordCount(), "IXFR",
          clientSerial + "->" + current, "journal does not reach serial " + clientSerial + ", sending the whole zone");
    }
    List<Record> records = ixfrRecords(snapshot.soa(), diff.get());
    if (!request.overTcp()) {
      Message response = Responses.replyTo(request.query());
      response.getHeader().setFlag(Flags.AA);
      records.forEach(r -> response.addRecord(r, Section.ANSWER));
      byte[] wire = ResponseRenderer.render(response, ResponseRenderer.udpLimit(request.query()));
      if ((wire[2] & 0x02) != 0) {
        return single(request, List.of(snapshot.soa()));
      }
      log.info("transfer out zone={} type=IXFR transport=udp remote={} key={} serial={}->{} records={} result=ok",
          snapshot.origin(), request.remoteText(), request.keyName(), clientSerial, current, records.size());
      downstream.transferred(snapshot.origin(), request.remote().getAddress(), current);
      count("IXFR", "ok");
      return new TransferReply.Single(response);
    }
    return stream(request, snapshot, OutboundRecords.of(records.iterator()), records.size(), "IXFR",
        clientSerial + "->" + current, null);
  }

  private final IxfrDiffCache diffs = new IxfrDiffCache();

  /** The journal from {@code from} to exactly the served serial, condensed; empty when it does not reach. */
  private Optional<ZoneDiff> condensedDiff(ZoneSnapshot snapshot, long from) {
    ZoneDiff kept = diffs.get(snapshot, from);
    if (kept != null) {
      return Optional.of(kept);
    }
    Optional<ZoneDiff> diff = condensedDiffFromJournal(snapshot, from);
    diff.ifPresent(d -> diffs.put(snapshot, from, d));
    return diff;
  }

  private Optional<ZoneDiff> condensedDiffFromJournal(ZoneSnapshot snapshot, long from) {
    try {
      Optional<List<ZoneDiff>> chain = store.journalSince(snapshot.origin(), from);
      if (chain.isEmpty() || chain.get().isEmpty()) {
        return Optional.empty();
      }
      List<ZoneDiff> upToServed = new ArrayList<>();
      for (ZoneDiff d : chain.get()) {
        upToServed.add(d);
        if (d.toSerial() == snapshot.serial()) {
          return Optional.of(ZoneDiff.condense(upToServed));
        }
      }
      return Optional.empty();
    } catch (StoreException e) {
      log.warn("zone {}: cannot read the journal ({}); answering IXFR with the whole zone", snapshot.origin(), e.getMessage());
      return Optional.empty();
    }
  }

  private static List<Record> ixfrRecords(SOARecord current, ZoneDiff diff) {
    List<Record> out = new ArrayList<>(diff.recordCount() + 2);
    out.add(current);
    out.add(diff.fromSoa());
    out.addAll(diff.deleted());
    out.add(diff.toSoa());
    out.addAll(diff.added());
    out.add(current);
    return out;
  }

  private TransferReply stream(TransferRequest request, ZoneSnapshot snapshot, OutboundRecords records, long recordCount,
      String type, String serials, String fallback) {
    Semaphore pool = recordCount <= SMALL_TRANSFER_RECORDS ? smallSlots : slots;
    if (!pool.tryAcquire()) {
      return refuse(request, Rcode.REFUSED, "too many transfers in progress");
    }
    Message query = request.query();
    StreamSigner signer = request.signed() == null ? null : new StreamSigner(request.signed(), query.getHeader().getID(), clock);
    org.xbill.DNS.OPTRecord opt = query.getOPT() == null ? null : new org.xbill.DNS.OPTRecord(Responses.ADVERTISED_UDP_PAYLOAD, 0, 0);
    if (opt != null && EdnsExpire.requested(query)) {
      Message carrier = new Message();
      carrier.addRecord(opt, Section.ADDITIONAL);
      EdnsExpire.answer(carrier, EdnsExpire.remainingSeconds(zones.get(snapshot.origin()), snapshot, clock));
      opt = carrier.getOPT();
    }
    TransferMessages messages = new TransferMessages(query.getHeader().getID(), query.getQuestion(), records, opt, signer);
    String description = "transfer out zone=" + snapshot.origin() + " type=" + type + " remote=" + request.remoteText()
        + " key=" + request.keyName() + " serial=" + serials + (fallback == null ? "" : " fallback=\"" + fallback + "\"");
    Runnable completed = () -> {
      count(type, "ok");
      downstream.transferred(snapshot.origin(), request.remote().getAddress(), snapshot.serial());
    };
    return new TransferReply.Stream(new TransferStream(messages, pool, description, completed));
  }

  private static TransferReply single(TransferRequest request, List<Record> answer) {
    Message response = Responses.replyTo(request.query());
    response.getHeader().setFlag(Flags.AA);
    answer.forEach(r -> response.addRecord(r, Section.ANSWER));
    return new TransferReply.Single(response);
  }

  private TransferReply refuse(TransferRequest request, int rcode, String reason) {
    Record q = request.query().getQuestion();
    count(Type.string(q.getType()), "refused");
    refusals.warn("transfer out zone={} type={} remote={} key={} result={} reason=\"{}\"", q.getName(), Type.string(q.getType()),
        request.remoteText(), request.keyName(), Rcode.string(rcode), reason);
    return new TransferReply.Single(Responses.error(request.query(), rcode));
  }

  private static SOARecord clientSoa(Message query) {
    for (Record r : query.getSection(Section.AUTHORITY)) {
      if (r instanceof SOARecord soa && soa.getName().equals(query.getQuestion().getName())) {
        return soa;
      }
    }
    return null;
  }
}
