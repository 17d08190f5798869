package org.tandemdns.monitor;

import java.util.Objects;

/**
 * One alert: a condition of a zone changed state.
 *
 * @param at when it was seen (ISO-8601, UTC)
 * @param zone the zone
 * @param condition {@code drift}, {@code lag}, {@code unreachable}, {@code lame}, {@code delegation},
 *     {@code no-majority}, {@code check-failed}, {@code serial-change} or {@code ns-change}
 * @param state {@code appeared}, {@code persisting} (still there after the grace period),
 *     {@code recovered}, or {@code changed} (serial and NS set changes)
 * @param nameserver the nameserver address concerned ("name address"), or null for the zone
 * @param message what happened, for a person
 */
public record Alert(String at, String zone, String condition, String state, String nameserver, String message) {
  public Alert {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(message, "message");
  }

  /** One line for a person: "zone drift appeared at ns2 127.0.0.1:5302: ...". */
  public String headline() {
    return zone + " " + condition + " " + state + (nameserver != null ? " at " + nameserver : "") + ": " + message;
  }
}
