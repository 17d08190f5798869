package org.tandemdns.sync.push;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.sync.RRsetChange;
import org.tandemdns.sync.provider.BatchCost;
import org.tandemdns.sync.provider.Provider;
import org.tandemdns.sync.provider.ProviderException;
import org.tandemdns.sync.provider.RecordTypes;
import org.tandemdns.sync.provider.ZoneContent;
import org.tandemdns.zone.compare.CanonicalRRset;
import org.tandemdns.zone.compare.CanonicalRdata;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.RRsetKey;
import org.xbill.DNS.Name;

/** A provider holding its zone in memory, that can be taken down; it records every read and batch. */
final class ScriptedProvider implements Provider {
  final TreeMap<RRsetKey, CanonicalRRset> held = new TreeMap<>();
  final List<List<RRsetChange>> batches = new ArrayList<>();
  int reads;
  volatile boolean down;

  ScriptedProvider(CanonicalZone initial) {
    held.putAll(initial.rrsets());
  }

  @Override public String name() { return "scripted"; }
  @Override public String type() { return "test"; }
  @Override public String describe() { return "scripted provider"; }
  @Override public boolean supports(int type) { return RecordTypes.anyDataType(type); }
  @Override public BatchCost batchCost(Name zone, RRsetChange change) { return BatchCost.ONE; }
  @Override public BatchCost maxBatchCost() { return BatchCost.maxCount(100); }
  @Override public List<ServerAddress> nameservers() { return List.of(); }

  @Override
  public synchronized ZoneContent read(Name zone) throws ProviderException {
    reads++;
    if (down) {
      throw new ProviderException("scripted: connection refused");
    }
    CanonicalZone.Builder b = CanonicalZone.builder(zone);
    held.values().forEach(s -> s.rdatas().forEach(r -> b.add(r.record())));
    return ZoneContent.of(b.build());
  }

  @Override
  public synchronized OptionalLong apply(Name zone, List<RRsetChange> batch, OptionalLong serial) throws ProviderException {
    if (down) {
      throw new ProviderException("scripted: connection refused");
    }
    batches.add(List.copyOf(batch));
    for (RRsetChange c : batch) {
      if (c.desired() == null) {
        held.remove(c.key());
      } else {
        held.put(c.key(), c.desired());
      }
    }
    return OptionalLong.empty();
  }

  /** What it holds at {@code key}, as texts, or an empty list. */
  synchronized List<String> texts(RRsetKey key) {
    CanonicalRRset s = held.get(key);
    return s == null ? List.of() : s.rdatas().stream().map(CanonicalRdata::text).toList();
  }
}
