package org.tandemdns.monitor;

import java.io.PrintWriter;
import java.util.List;

/** Alert history for a person: one line per alert, oldest first. */
public final class AlertText {
  private AlertText() {}

  /** Writes {@code alerts} to {@code out}. */
  public static void render(List<Alert> alerts, PrintWriter out) {
    if (alerts.isEmpty()) {
      out.println("No alerts.");
    }
    for (Alert a : alerts) {
      out.printf("%s  %-10s %-13s %-10s %s%s%n", a.at(), a.state(), a.condition(), a.zone(),
          a.nameserver() != null ? a.nameserver() + ": " : "", a.message());
    }
    out.flush();
  }
}
