package org.tandemdns.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tandemdns.config.Remote;
import org.tandemdns.config.TransferLimitsConfig;
import org.tandemdns.xfr.PrimaryClient;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/** Primaries whose answers a test scripts: up or down, which version they serve, IXFR or not. */
final class ScriptedPrimary implements PrimaryClient {
  final Map<Remote, ZoneSnapshot> serving = new HashMap<>();
  final Map<Remote, Boolean> down = new HashMap<>();
  final List<String> calls = new ArrayList<>();
  boolean ixfrSupported = true;
  List<ZoneDiff> brokenIxfr;
  Duration ednsExpire;
  Consumer<Remote> duringTransfer = r -> {};

  @Override
  public synchronized SoaProbe querySoa(Name zone, Remote primary) {
    calls.add("SOA " + primary.address().port());
    if (down.getOrDefault(primary, false) || serving.get(primary) == null) {
      return new SoaProbe.Failure("timeout");
    }
    return new SoaProbe.Answer(serving.get(primary).soa(), ednsExpire);
  }

  @Override
  public InboundTransfer transfer(Name zone, Remote primary, ZoneSnapshot current, boolean full, TransferLimitsConfig limits) {
    ZoneSnapshot version;
    synchronized (this) {
      calls.add((full || current == null ? "AXFR " : "IXFR ") + primary.address().port());
      version = serving.get(primary);
    }
    duringTransfer.accept(primary);
    if (version == null || down.getOrDefault(primary, false)) {
      return new InboundTransfer.Failure("connection refused", false);
    }
    var stats = new TransferStats(full ? "AXFR" : "IXFR", 0, 1, 0, Duration.ZERO);
    if (full || current == null) {
      return new InboundTransfer.Full(version, stats);
    }
    if (brokenIxfr != null) {
      return new InboundTransfer.Incremental(brokenIxfr, stats);
    }
    if (!ixfrSupported) {
      return new InboundTransfer.Failure("answered NOTIMP", true);
    }
    if (current.serial() == version.serial()) {
      return new InboundTransfer.UpToDate(version.soa());
    }
    return new InboundTransfer.Incremental(List.of(ZoneDiff.between(current, version)), stats);
  }
}
