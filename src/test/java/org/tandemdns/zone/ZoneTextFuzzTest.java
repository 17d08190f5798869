package org.tandemdns.zone;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import org.xbill.DNS.Name;

/**
 * Fuzzes zone text as the API takes it (master-file reader, then the zone rules; issue 13): any text
 * is a zone or a {@link ZoneFileException} / {@link ZoneValidationException} with a message, never
 * another exception. Seeds: {@code ZoneTextFuzzTestInputs/}.
 */
class ZoneTextFuzzTest {
  static final Name ORIGIN = Name.fromConstantString("f.test.");

  /** The reader's WARN lines (one per odd record) would be most of what a fuzzing run does. */
  @org.junit.jupiter.api.BeforeAll
  static void quiet() {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ZoneBuilder.class))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
  }

  @org.junit.jupiter.api.AfterAll
  static void loud() {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ZoneBuilder.class)).setLevel(null);
  }

  @FuzzTest(maxDuration = "20s")
  void anyTextIsAZoneOrAnErrorWithAMessage(FuzzedDataProvider data) throws IOException {
    String text = data.consumeRemainingAsString();
    ZoneBuilder builder = new ZoneBuilder(ORIGIN, "fuzz");
    try {
      ZoneFileReader.forUntrustedText().read(new StringReader(text), "fuzz", ORIGIN, builder::add);
      builder.build();
    } catch (ZoneFileException | ZoneValidationException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("an error without a message", e);
      }
    }
  }
}
