package org.tandemdns.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tandem sync apply}: plan, apply in safe batches, then verify by querying each target's nameservers. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Plan, apply, then verify that every target serves the changes.",
      "Each target's plan goes in batches the provider applies atomically",
      "(creates and updates before deletes), then the target's nameservers are queried",
      "until they serve the changes. One failing target never stops the others.",
      "Exit codes: 0 all synced and served, 3 usage error, 64 + mask of the",
      "providers (bit i: i-th of sync.providers) that failed, were refused or lag."
    })
public final class SyncApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SyncOptions options;

  @Option(names = "--force", description = "Apply plans the safety checks refuse (threshold, apex NS).")
  boolean force;

  @Option(names = "--verify-timeout", paramLabel = "DURATION", defaultValue = "60s",
      description = "How long to wait for the nameservers to serve the changes (default: ${DEFAULT-VALUE}).")
  String verifyTimeout;

  @Option(names = "--no-verify", description = "Do not query the nameservers after applying.")
  boolean noVerify;

  @Override
  public Integer call() {
    return SyncRun.run(spec, options, true, force, !noVerify, verifyTimeout);
  }
}
