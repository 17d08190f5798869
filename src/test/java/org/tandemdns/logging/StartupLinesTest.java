package org.tandemdns.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StartupLinesTest {
  @Test
  void aFewZonesGetAnInfoLineEachManyGetDebugLinesUntilTheStartUpIsOver() {
    Logger log = (Logger) LoggerFactory.getLogger("startup-lines-test");
    log.setLevel(Level.DEBUG);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    log.addAppender(lines);
    try {
      StartupLines startup = new StartupLines();
      startup.starting(StartupLines.MOST_ZONES_LISTED);
      startup.zone(log, "zone {}: loaded", "a.test.");
      startup.starting(StartupLines.MOST_ZONES_LISTED + 1);
      assertThat(startup.quiet()).isTrue();
      startup.zone(log, "zone {}: loaded", "b.test.");
      startup.started();
      assertThat(startup.quiet()).isFalse();
      startup.zone(log, "zone {}: loaded", "c.test.");

      assertThat(lines.list).extracting(e -> e.getLevel() + " " + e.getFormattedMessage())
          .containsExactly("INFO zone a.test.: loaded", "DEBUG zone b.test.: loaded", "INFO zone c.test.: loaded");
    } finally {
      log.detachAppender(lines);
    }
  }
}
