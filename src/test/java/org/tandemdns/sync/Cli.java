package org.tandemdns.sync;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.tandemdns.cli.Main;
import picocli.CommandLine;

/** Runs {@code tandem} commands in-process, capturing their output. */
final class Cli {
  private Cli() {}

  record Run(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  static Run run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }
}
