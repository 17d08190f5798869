package org.tandemdns.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tandemdns.monitor.Alert;
import org.tandemdns.monitor.AlertFile;
import org.tandemdns.monitor.AlertText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tandem alerts}: the monitor's alert history, read from the history file of {@code tandem serve}. */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = {
      "Show the consistency monitor's alert history, oldest first.",
      "Reads the history file that 'tandem serve' appends to (monitor.history-file, by default",
      "monitor-alerts.jsonl in the data directory); works whether or not the server is running."
    })
public final class AlertsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "tandem-data",
      description = "The server's data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--file", paramLabel = "FILE", description = "The history file, if not in the data directory.")
  Path file;

  @Option(names = "--last", paramLabel = "N", defaultValue = "50", description = "How many alerts to show (default: ${DEFAULT-VALUE}).")
  int last;

  @Option(names = "--json", description = "Print the alerts as a JSON array.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (last < 1) {
      err.println("tandem alerts: --last must be at least 1");
      err.flush();
      return Main.EXIT_USAGE;
    }
    Path history = file != null ? file : dataDir.resolve("monitor-alerts.jsonl");
    List<Alert> alerts;
    try {
      alerts = AlertFile.last(history, last);
    } catch (NoSuchFileException e) {
      alerts = List.of();
    } catch (IOException e) {
      err.println("tandem alerts: cannot read " + history + ": " + e.getMessage());
      err.flush();
      return 1;
    }
    if (json) {
      try {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(alerts));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      out.flush();
    } else {
      AlertText.render(alerts, out);
    }
    return 0;
  }
}
