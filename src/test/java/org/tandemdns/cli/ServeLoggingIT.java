package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TestZones;
import org.tandemdns.testing.Transfers;
import org.tandemdns.testing.Wait;

/**
 * Issue 15, logs: {@code logging: {format: json}} makes {@code tandem serve} write one JSON object
 * per line with the structured fields, and a level changed in the file applies on SIGHUP.
 */
class ServeLoggingIT {

  @TempDir Path tmp;

  private static List<JsonNode> transferLines(String log) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : log.split("\n")) {
      if (line.startsWith("{")) {
        JsonNode n = new ObjectMapper().readTree(line);
        if (n.path("event").asText().equals("transfer out")) {
          out.add(n);
        }
      }
    }
    return out;
  }

  @Test
  void jsonLinesCarryTheTransferFieldsAndALevelChangeAppliesOnSighup() throws Exception {
    Path zone = TestZones.write(tmp, "log.test", 3);
    Endpoint dns = Endpoint.freeLoopback();
    String config = """
        server:
          listen: ["%s"]
          data-dir: data
        api:
          listen: 127.0.0.1:0
        logging:
          format: json
          levels:
            transfer: %s
        zones:
          - { name: log.test, file: %s }
        """;
    Path file = Files.writeString(tmp.resolve("tandem.yaml"), config.formatted(dns, "info", zone));
    try (TandemProcess tandem = TandemProcess.builder().config(file, dns).awaitZone("log.test").start()) {
      tandem.awaitLog("start-up: 1 zone(s): 1 primary zone(s) loaded in ", Duration.ofSeconds(10));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Transfers.axfr(dns, "log.test", null, Duration.ofSeconds(5)));
      Wait.until(Duration.ofSeconds(10), () -> {
        try {
          return transferLines(tandem.log()).size() == 1;
        } catch (Exception e) {
          return false;
        }
      }, tandem::log);
      JsonNode t = transferLines(tandem.log()).get(0);
      assertThat(t.path("logger").asText()).isEqualTo("transfer");
      assertThat(t.path("zone").asText()).isEqualTo("log.test.");
      assertThat(t.path("type").asText()).isEqualTo("AXFR");
      assertThat(t.path("result").asText()).isEqualTo("REFUSED");
      assertThat(t.path("reason").asText()).isEqualTo("not allowed by allow-transfer");
      assertThat(t.path("remote").asText()).startsWith("127.0.0.1:");

      Files.writeString(file, config.formatted(dns, "error", zone));
      tandem.sighup();
      tandem.awaitLog("reload: configuration re-read: configuration unchanged", Duration.ofSeconds(20));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Transfers.axfr(dns, "log.test", null, Duration.ofSeconds(5)));
      tandem.awaitLog("reload: 1 zone(s) read", Duration.ofSeconds(10));
      assertThat(transferLines(tandem.log())).as("transfer: error silences the refusal (a WARN)").hasSize(1);
    }
  }
}
