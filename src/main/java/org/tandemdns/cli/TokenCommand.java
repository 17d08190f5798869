package org.tandemdns.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tandem token}: API tokens made, listed and revoked through a running server's API (admin token). */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Manage the API tokens of a running Tandem (needs an admin token).",
      "A token has a role (read-only, records-editor, zone-admin, admin) and may be limited to some zones.",
      "Exit codes: 0 success, 1 the API refused or failed, 3 bad command line, 4 the API cannot be reached.",
      "Guide: docs/access.md."
    },
    subcommands = {TokenAddCommand.class, TokenListCommand.class, TokenRmCommand.class})
public final class TokenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("tandem token: which command? add, list or rm");
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.EXIT_USAGE;
  }
}
