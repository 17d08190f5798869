package org.tandemdns.xfr;

import java.time.Duration;
import java.util.List;
import org.tandemdns.config.Remote;
import org.tandemdns.config.TransferLimitsConfig;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/** What a secondary asks of a primary: its SOA, and a transfer. Blocking; never throws for what the primary does. */
public interface PrimaryClient {

  /** Queries the zone's SOA (UDP, TCP on truncation, TSIG when keyed, asking for EDNS EXPIRE per RFC 7314). */
  SoaProbe querySoa(Name zone, Remote primary);

  /**
   * Transfers the zone: IXFR from {@code current}'s serial (RFC 1995) when there is a current version
   * and {@code full} is false, else AXFR (RFC 5936). Every record is checked to be inside the zone
   * (others dropped and logged), first and last SOA must agree, TSIG is verified on every message,
   * and the limits cut off a transfer that is too big or too slow.
   */
  InboundTransfer transfer(Name zone, Remote primary, ZoneSnapshot current, boolean full, TransferLimitsConfig limits);

  /** The answer to a SOA query. */
  sealed interface SoaProbe {
    /** @param ednsExpire the primary's EDNS EXPIRE value (RFC 7314 §3), or null when it sent none */
    record Answer(SOARecord soa, Duration ednsExpire) implements SoaProbe {}

    record Failure(String reason) implements SoaProbe {}
  }

  /** How a transfer ended. */
  sealed interface InboundTransfer {
    /** The primary is not newer than {@code current} (an IXFR answered with a single SOA). */
    record UpToDate(SOARecord soa) implements InboundTransfer {}

    /** An IXFR: the diffs, oldest first, from the current serial to the primary's. */
    record Incremental(List<ZoneDiff> diffs, TransferStats stats) implements InboundTransfer {}

    /** An AXFR, or an IXFR answered AXFR-style: the whole new version, validated. */
    record Full(ZoneSnapshot snapshot, TransferStats stats) implements InboundTransfer {}

    /**
     * @param tryAxfr true when an IXFR failed in a way an AXFR may not (NOTIMP, FORMERR, no IXFR
     *     support)
     */
    record Failure(String reason, boolean tryAxfr) implements InboundTransfer {}
  }

  /** Size and duration of a completed transfer, for the log line. */
  record TransferStats(String type, long records, long messages, long bytes, Duration duration) {}
}
