package org.tandemdns.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PowerDNS with the gsqlite3 backend serves a loaded zone and exposes it through its HTTP API. */
class PowerDnsApiIT {

  @TempDir Path tmp;

  @Test
  void sqliteBackendServesLoadedZoneAndListsItInTheApi() throws Exception {
    Path file = TestZones.write(tmp, "api.test", 5);
    try (PowerDnsPeer pdns =
        PowerDnsPeer.sqliteApiBuilder().primary(PrimaryZone.of("api.test", file)).start()) {
      assertThat(pdns.serial("api.test")).isEqualTo(5);

      HttpRequest request =
          HttpRequest.newBuilder(URI.create(pdns.apiUrl() + "/servers/localhost/zones"))
              .header("X-API-Key", pdns.apiKey())
              .timeout(Duration.ofSeconds(5))
              .build();
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"name\": \"api.test.\"");
    }
  }
}
