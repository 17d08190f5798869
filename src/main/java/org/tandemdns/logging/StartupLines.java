package org.tandemdns.logging;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * The one line per zone that a start-up logs ("loaded, serial 7 (9 records)", "serving the stored
 * copy"): at INFO when the server has at most {@value #MOST_ZONES_LISTED} zones, at DEBUG when it has
 * more, where a progress line every 10 s and the closing summary say the same in a few lines
 * (10,000 zones logged 10,000 lines). After the start-up, and for every warning or error, each zone
 * gets its own line again.
 */
public final class StartupLines {
  /** The most zones whose start-up lines are logged at INFO. */
  public static final int MOST_ZONES_LISTED = 100;

  private final AtomicBoolean quiet = new AtomicBoolean();

  /** A start-up of {@code zones} zones begins. */
  public void starting(int zones) {
    quiet.set(zones > MOST_ZONES_LISTED);
  }

  /** The start-up is over: zones added or reloaded from now on are logged at INFO. */
  public void started() {
    quiet.set(false);
  }

  /** True while per-zone lines go to DEBUG. */
  public boolean quiet() {
    return quiet.get();
  }

  /** Logs one zone's start-up line, at INFO or, during a big start-up, at DEBUG. */
  public void zone(Logger log, String format, Object... arguments) {
    if (quiet.get()) {
      log.debug(format, arguments);
    } else {
      log.info(format, arguments);
    }
  }
}
