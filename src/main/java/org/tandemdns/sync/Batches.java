package org.tandemdns.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.sync.provider.BatchCost;
import org.tandemdns.sync.provider.Provider;
import org.tandemdns.sync.provider.ProviderException;
import org.xbill.DNS.Name;

/**
 * Splits a plan into batches a provider applies atomically, in a safe order.
 *
 * <p>The changes of one owner name stay in one batch (a CNAME replacing other data, or the reverse,
 * is one atomic step), its deletes first, as a server that applies a batch in order needs (RFC 2136
 * §3.4.2.2). Names with something to create or update come first, names with only deletes
 * last: if an apply stops halfway, the target holds extra data rather than missing data. Within
 * that order, batches are filled up to the provider's limit ({@link Provider#maxBatchCost()}), so a
 * plan that fits in one batch is applied all or nothing.
 */
final class Batches {
  private Batches() {}

  static List<List<RRsetChange>> of(Name zone, List<RRsetChange> changes, Provider provider) throws ProviderException {
    Map<Name, List<RRsetChange>> byOwner = new LinkedHashMap<>();
    for (RRsetChange c : changes.stream().sorted().toList()) {
      byOwner.computeIfAbsent(c.key().owner(), k -> new ArrayList<>()).add(c);
    }
    List<List<RRsetChange>> units = new ArrayList<>();
    List<List<RRsetChange>> deleteOnly = new ArrayList<>();
    for (List<RRsetChange> changesOfName : byOwner.values()) {
      List<RRsetChange> unit = new ArrayList<>(changesOfName.stream().filter(c -> c instanceof RRsetChange.Delete).toList());
      unit.addAll(changesOfName.stream().filter(c -> !(c instanceof RRsetChange.Delete)).toList());
      boolean onlyDeletes = unit.stream().allMatch(c -> c instanceof RRsetChange.Delete);
      (onlyDeletes ? deleteOnly : units).add(unit);
    }
    units.addAll(deleteOnly);
    BatchCost max = provider.maxBatchCost();
    List<List<RRsetChange>> batches = new ArrayList<>();
    List<RRsetChange> batch = new ArrayList<>();
    BatchCost cost = BatchCost.ZERO;
    for (List<RRsetChange> unit : units) {
      BatchCost unitCost = BatchCost.ZERO;
      for (RRsetChange c : unit) {
        BatchCost each = provider.batchCost(zone, c);
        if (!each.within(max)) {
          throw new ProviderException("the change to " + c.key() + " alone exceeds what " + provider.name()
              + " takes in one batch (" + each.against(max) + ")");
        }
        unitCost = unitCost.plus(each);
      }
      if (!unitCost.within(max)) {
        // a name with more data than one batch holds: its changes go in batches of their own
        if (!batch.isEmpty()) {
          batches.add(batch);
          batch = new ArrayList<>();
          cost = BatchCost.ZERO;
        }
        for (RRsetChange c : unit) {
          BatchCost each = provider.batchCost(zone, c);
          if (!cost.plus(each).within(max)) {
            batches.add(batch);
            batch = new ArrayList<>();
            cost = BatchCost.ZERO;
          }
          batch.add(c);
          cost = cost.plus(each);
        }
        batches.add(batch);
        batch = new ArrayList<>();
        cost = BatchCost.ZERO;
        continue;
      }
      if (!cost.plus(unitCost).within(max) && !batch.isEmpty()) {
        batches.add(batch);
        batch = new ArrayList<>();
        cost = BatchCost.ZERO;
      }
      batch.addAll(unit);
      cost = cost.plus(unitCost);
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }
}
