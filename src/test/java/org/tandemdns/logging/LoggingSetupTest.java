package org.tandemdns.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.tandemdns.config.LoggingConfig;

/** Issue 15, logs: the {@code logging:} section's JSON lines, file and levels per package. */
class LoggingSetupTest {

  @TempDir Path dir;

  @AfterEach
  void backToLogbackXml() {
    LoggingSetup.restoreDefaults();
  }

  @Test
  void jsonLinesToAFileCarryTheStructuredFieldsAndLevelsApplyPerLogger() throws Exception {
    Path file = dir.resolve("tandem.log");
    LoggingSetup.apply(new LoggingConfig("info", Map.of("org.tandemdns.quiet", "error"), "json", file, null, null, null));
    LoggerFactory.getLogger("transfer").warn("transfer out zone={} type=AXFR remote={} key=- result=REFUSED reason=\"{}\"",
        "example.test.", "127.0.0.1:40376", "not allowed by allow-transfer");
    LoggerFactory.getLogger("org.tandemdns.quiet.Thing").warn("not written: below this logger's level");
    LoggerFactory.getLogger("org.tandemdns.Other").info("a plain line, not=structured");

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    JsonNode t = new ObjectMapper().readTree(lines.get(0));
    assertThat(t.path("level").asText()).isEqualTo("WARN");
    assertThat(t.path("logger").asText()).isEqualTo("transfer");
    assertThat(t.path("event").asText()).isEqualTo("transfer out");
    assertThat(t.path("zone").asText()).isEqualTo("example.test.");
    assertThat(t.path("type").asText()).isEqualTo("AXFR");
    assertThat(t.path("remote").asText()).isEqualTo("127.0.0.1:40376");
    assertThat(t.path("result").asText()).isEqualTo("REFUSED");
    assertThat(t.path("reason").asText()).isEqualTo("not allowed by allow-transfer");
    assertThat(t.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    JsonNode plain = new ObjectMapper().readTree(lines.get(1));
    assertThat(plain.path("message").asText()).isEqualTo("a plain line, not=structured");
    assertThat(plain.has("not")).as("one a=b in prose is not a structured line").isFalse();
  }

  @Test
  void aFileIsRotatedAtItsSizeKeepingMaxFiles() throws Exception {
    Path file = dir.resolve("rotated.log");
    LoggingSetup.apply(new LoggingConfig("info", null, "text", file, "1KB", 2, null));
    org.slf4j.Logger log = LoggerFactory.getLogger("org.tandemdns.Rotation");
    int line = 0;
    for (int round = 0; round < 4; round++) { // the size is looked at once a second: four rounds, four rotations
      for (int i = 0; i < 30; i++) {
        log.info("line {} of a log that outgrows one kilobyte several times over", line++);
      }
      Thread.sleep(1100);
    }
    log.info("line {} of a log that outgrows one kilobyte several times over", 199);
    assertThat(Files.exists(dir.resolve("rotated.log.1"))).isTrue();
    assertThat(Files.exists(dir.resolve("rotated.log.2"))).isTrue();
    assertThat(Files.exists(dir.resolve("rotated.log.3"))).as("max-files: 2").isFalse();
    assertThat(Files.readString(file)).contains("INFO  [").contains("Rotation: line 199 of a log");
  }

  @Test
  void syslogGetsEveryLineAsWell() throws Exception {
    try (java.net.DatagramSocket daemon = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", 0))) {
      daemon.setSoTimeout(5000);
      LoggingSetup.apply(new LoggingConfig("info", null, "text", dir.resolve("t.log"), null, null, "127.0.0.1:" + daemon.getLocalPort()));
      LoggerFactory.getLogger("notify").info("notify out zone=example.test. serial=7 target=127.0.0.1:5301 key=- attempt=1 result=ok rtt=1ms");
      java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[2048], 2048);
      daemon.receive(p);
      String line = new String(p.getData(), 0, p.getLength(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(line).startsWith("<30>") // facility daemon (3) * 8 + severity info (6), RFC 3164 §4.1.1
          .endsWith("tandem: notify: notify out zone=example.test. serial=7 target=127.0.0.1:5301 key=- attempt=1 result=ok rtt=1ms");
    }
  }

  @Test
  void badValuesAreConfigErrors() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LoggingConfig("loud", null, null, null, null, null, null))
        .hasMessage("level: 'loud' is not a log level (known: trace, debug, info, warn, error, off)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LoggingConfig(null, null, "xml", null, null, null, null))
        .hasMessage("format: 'xml' is not a log format (known: text, json)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LoggingConfig(null, Map.of("transfer", "chatty"), null, null, null, null, null))
        .hasMessage("levels.transfer: 'chatty' is not a log level (known: trace, debug, info, warn, error, off)");
  }
}
