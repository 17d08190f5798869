package org.tandemdns.sync;

import java.time.Duration;
import java.util.Optional;

/**
 * How applying one plan to one target went.
 *
 * @param batches batches the plan was split into
 * @param batchesDone batches the provider accepted
 * @param changesDone changes in those batches
 * @param elapsed time spent applying
 * @param error the provider's message for the batch that failed (the batches after it were not
 *     tried); empty when every batch was applied
 * @param atomic whether the provider applies a batch all or nothing (so the failed batch left nothing)
 */
public record Applied(int batches, int batchesDone, int changesDone, Duration elapsed, Optional<String> error, boolean atomic) {
  public boolean complete() {
    return error.isEmpty();
  }
}
