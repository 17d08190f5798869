package org.tandemdns.zone;

import java.util.List;

/** A zone that breaks RFC 1034/2181 rules and must not be served; each problem names its source. */
public final class ZoneValidationException extends Exception {
  private final List<String> problems;

  public ZoneValidationException(String zone, List<String> problems) {
    super("zone " + zone + " is not valid: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
