package org.tandemdns.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tandem zone}: the zone commands, talking to a running server's HTTP API. */
@Command(
    name = "zone",
    mixinStandardHelpOptions = true,
    description = {
      "Manage the zones of a running Tandem through its HTTP API.",
      "Exit codes: 0 success, 1 the API refused or failed (its message is printed),",
      "3 bad command line, 4 the API cannot be reached. Guide: docs/cli.md."
    },
    subcommands = {ZoneListCommand.class, ZoneAddCommand.class, ZoneRmCommand.class, ZoneShowCommand.class,
        ZoneExportCommand.class, ZoneRefreshCommand.class, ZoneRetransferCommand.class, ZoneNotifyCommand.class,
        ZonePromoteCommand.class, ZoneDemoteCommand.class, ZoneHistoryCommand.class})
public final class ZoneCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("tandem zone: which command? list, add, rm, show, export, refresh, retransfer, notify, promote, demote or history");
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.EXIT_USAGE;
  }
}
