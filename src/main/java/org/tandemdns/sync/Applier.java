package org.tandemdns.sync;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.tandemdns.sync.provider.Provider;
import org.tandemdns.sync.provider.ProviderException;
import org.xbill.DNS.Name;

/**
 * Applies a plan to its target, batch by batch in the order of {@link Batches}, and stops at the
 * first batch the provider refuses: later batches (deletes last) are not tried, so a failure
 * never leaves a target with less than it had.
 */
public final class Applier {
  private Applier() {}

  /**
   * Applies {@code changes} to {@code provider}.
   *
   * @param expectedSerial the serial the target was read at, when known
   */
  public static Applied apply(Provider provider, Name zone, List<RRsetChange> changes, OptionalLong expectedSerial) {
    long start = System.nanoTime();
    List<List<RRsetChange>> batches;
    try {
      batches = Batches.of(zone, changes, provider);
    } catch (ProviderException e) {
      return new Applied(0, 0, 0, since(start), Optional.of(e.getMessage()), provider.atomicBatches());
    }
    OptionalLong serial = expectedSerial;
    int done = 0;
    int changesDone = 0;
    for (List<RRsetChange> batch : batches) {
      try {
        serial = provider.apply(zone, batch, serial);
      } catch (ProviderException e) {
        return new Applied(batches.size(), done, changesDone, since(start), Optional.of(e.getMessage()), provider.atomicBatches());
      }
      done++;
      changesDone += batch.size();
    }
    return new Applied(batches.size(), done, changesDone, since(start), Optional.empty(), provider.atomicBatches());
  }

  private static java.time.Duration since(long start) {
    return java.time.Duration.ofNanos(System.nanoTime() - start);
  }
}
