package org.tandemdns.cli;

import org.tandemdns.config.ConfigWarmUp;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code tandem} command; each sub-command lives in its own class. */
@Command(
    name = "tandem",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Tandem DNS: an authoritative DNS server for zones served from more than one DNS network.",
    subcommands = {ServeCommand.class, ZoneCommand.class, RecordCommand.class, ReloadCommand.class, DemoCommand.class,
        CheckCommand.class, CheckZoneCommand.class, CheckConfigCommand.class, AlertsCommand.class, SyncCommand.class, DnssecCommand.class,
        TsigKeygenCommand.class, TokenCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  /** Exit code for a command line that cannot be understood. */
  public static final int EXIT_USAGE = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("serve")) {
      ConfigWarmUp.start(); // overlaps the command line's parsing
    }
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, without exiting the JVM. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** Runs the command line with its output and errors going to {@code out} and {@code err}; returns its exit code. */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          ex.getCommandLine().getErr().println("tandem: " + ex.getMessage());
          ex.getCommandLine().getErr().println("Try 'tandem " + subcommandPath(ex.getCommandLine()) + "--help'.");
          return EXIT_USAGE;
        });
    return cli;
  }

  private static String subcommandPath(CommandLine cl) {
    StringBuilder sb = new StringBuilder();
    for (CommandLine c = cl; c.getParent() != null; c = c.getParent()) {
      sb.insert(0, c.getCommandName() + " ");
    }
    return sb.toString();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
