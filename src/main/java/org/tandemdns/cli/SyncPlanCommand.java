package org.tandemdns.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tandem sync plan}: what each target would have to create, update and delete; changes nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Show what apply would change, per zone and target; changes nothing.",
      "The RRsets to create (+), update (~) and delete (-) to match the source, what a target",
      "cannot hold (!), and plans the safety checks refuse.",
      "SOA and (by default) apex NS are left alone.",
      "Exit codes: 0 in sync, 2 changes to apply, 3 usage error, 64 + mask of the",
      "providers (bit i: i-th of sync.providers) unreadable or refused."
    })
public final class SyncPlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SyncOptions options;

  @Override
  public Integer call() {
    return SyncRun.run(spec, options, false, false, false, "1s");
  }
}
