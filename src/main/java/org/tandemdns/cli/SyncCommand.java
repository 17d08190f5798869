package org.tandemdns.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tandem sync}: push one source of truth to several independent DNS providers. Without a
 * sub-command it plans ({@code tandem sync plan}), which changes nothing.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    subcommands = {SyncPlanCommand.class, SyncApplyCommand.class},
    description = {
      "Push each zone under sync.zones from its source to every target provider.",
      "Targets: RFC 2136 servers (BIND, Knot, ...), the PowerDNS API, other Tandems.",
      "Without a sub-command: plan, which changes nothing. Guide: docs/sync.md.",
      "Exit codes: 0 in sync, 2 changes to apply (plan), 3 usage error,",
      "64 + mask: bit i set when the i-th provider of sync.providers failed."
    },
    footer = {
      "",
      "Examples:",
      "  tandem sync --config sync.yaml",
      "  tandem sync apply --config sync.yaml --zone example.com --target bind"
    })
public final class SyncCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SyncOptions options;

  @Override
  public Integer call() {
    return SyncRun.run(spec, options, false, false, false, "1s");
  }
}
