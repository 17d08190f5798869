package org.tandemdns.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tandem dnssec}: the signing state of zones Tandem signs, through the HTTP API. */
@Command(
    name = "dnssec",
    mixinStandardHelpOptions = true,
    description = {
      "Show how a running Tandem signs a zone and roll its keys.",
      "Status shows the keys, the DS record for the parent and the signatures served.",
      "Exit codes: 0 success, 1 the API refused or failed, 3 bad command line, 4 the API cannot be reached.",
      "Guide: docs/dnssec.md."
    },
    subcommands = {DnssecStatusCommand.class, DnssecDsCommand.class, DnssecRolloverCommand.class,
        DnssecDsSeenCommand.class, DnssecImportKeyCommand.class})
public final class DnssecCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("tandem dnssec: which command? status, ds, rollover, ds-seen or import-key");
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.EXIT_USAGE;
  }
}
