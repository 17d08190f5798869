package org.tandemdns.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tandem record}: the record commands, talking to a running server's HTTP API. */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = {
      "Read and change the RRsets of a zone managed through the API.",
      "Every change is validated, persisted, served, journaled for IXFR and announced with NOTIFY.",
      "Exit codes: 0 success, 1 the API refused or failed (its message is printed),",
      "3 bad command line, 4 the API cannot be reached. Guide: docs/cli.md."
    },
    subcommands = {RecordListCommand.class, RecordSetCommand.class, RecordRmCommand.class})
public final class RecordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("tandem record: which command? list, set or rm");
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.EXIT_USAGE;
  }
}
