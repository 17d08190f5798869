package org.tandemdns.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.ApiHttp;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Tokens with a role and a list of zones, made and revoked through the API, over real HTTP against
 * a Tandem in this JVM: every route is tried with a records-editor token for {@code mgmt.test}
 * against {@code other.test} (refused, nothing changes) and against its own zone (records yes,
 * zone administration no); a zone-admin for {@code *.lab.test} creates and deletes zones below it
 * only; tokens survive a restart as hashes and stop working when revoked. Each change is in the
 * zone's history with the token's name and address.
 */
class ScopedTokensIT {
  private static final String MINE = "mgmt.test";
  private static final String OTHER = "other.test";

  @TempDir Path tmp;
  ApiFixture tandem;

  @BeforeEach
  void start() throws IOException {
    tandem = ApiFixture.start(tmp);
    tandem.createSimple(MINE);
    tandem.createSimple(OTHER);
  }

  @AfterEach
  void stop() {
    tandem.close();
  }

  private String make(String name, String role, String... zones) {
    String list = String.join(", ", java.util.Arrays.stream(zones).map(ApiHttp::quote).toList());
    ApiHttp.Reply r = tandem.admin().post("/api/v1/tokens", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\", \"zones\": ["
        + list + "]}");
    assertThat(r.status()).as("%s", r).isEqualTo(201);
    assertThat(r.json().get("role").asText()).isEqualTo(role);
    return r.json().get("token").asText();
  }

  /** Every route of a zone, as (method, path, body). */
  private static List<String[]> zoneRoutes(String zone) {
    String z = "/api/v1/zones/" + zone;
    return List.of(
        new String[] {"GET", z, null}, new String[] {"GET", z + "/rrsets", null}, new String[] {"GET", z + "/rrsets/www/A", null},
        new String[] {"GET", z + "/export", null}, new String[] {"GET", z + "/history", null}, new String[] {"GET", z + "/push", null},
        new String[] {"GET", z + "/dnssec", null},
        new String[] {"PUT", z + "/rrsets/www/A", "{\"records\": [\"192.0.2.99\"]}"},
        new String[] {"DELETE", z + "/rrsets/www/A", null},
        new String[] {"POST", z + "/changes", "{\"changes\": [{\"op\": \"delete\", \"name\": \"www\", \"type\": \"A\"}]}"},
        new String[] {"POST", z + "/reload", null}, new String[] {"POST", z + "/refresh", null},
        new String[] {"POST", z + "/retransfer", null}, new String[] {"POST", z + "/notify", null},
        new String[] {"POST", z + "/promote", null}, new String[] {"POST", z + "/demote", "{\"primaries\": [\"192.0.2.1\"]}"},
        new String[] {"POST", z + "/dnssec/rollover?key=zsk", null}, new String[] {"POST", z + "/dnssec/ds-seen", null},
        new String[] {"DELETE", z, null});
  }

  @Test
  void aTokenForOneZoneCannotTouchAnotherOnAnyRouteAndNothingChanges() {
    ApiHttp intern = tandem.anonymous().token(make("intern", "records-editor", MINE));
    for (String[] r : zoneRoutes(OTHER)) {
      ApiHttp.Reply reply = intern.send(r[0], r[1], r[2]);
      assertThat(reply.status()).as("%s %s: %s", r[0], r[1], reply).isEqualTo(403);
      assertThat(reply.error()).as("%s %s", r[0], r[1]).satisfiesAnyOf(
          e -> assertThat(e).isEqualTo("token 'intern' may not touch zone other.test. (its zones: mgmt.test.)"),
          e -> assertThat(e).startsWith("token 'intern' is records-editor; this needs zone-admin"));
    }
    // a zone that does not exist is refused the same way: the token learns nothing about it
    assertThat(intern.get("/api/v1/zones/absent.test").error()).contains("may not touch zone absent.test.");
    assertThat(tandem.serial(OTHER)).isEqualTo(1);
    assertThat(tandem.answer("www." + OTHER, Type.A)).extracting(Record::rdataToString).containsExactly("192.0.2.1");

    List<String[]> serverWide = List.of(new String[] {"POST", "/api/v1/zones", "{\"name\": \"new.test\", \"nameservers\": [\"ns1\"]}"},
        new String[] {"POST", "/api/v1/reload", null}, new String[] {"GET", "/api/v1/tokens", null},
        new String[] {"POST", "/api/v1/tokens", "{\"name\": \"x\"}"}, new String[] {"DELETE", "/api/v1/tokens/intern", null});
    for (String[] r : serverWide) {
      assertThat(intern.send(r[0], r[1], r[2]).status()).as("%s %s", r[0], r[1]).isEqualTo(403);
    }
    JsonNode listed = intern.get("/api/v1/zones").json().get("zones");
    assertThat(listed).extracting(z -> z.get("name").asText()).containsExactly("mgmt.test.");
  }

  @Test
  void aRecordsEditorChangesRecordsOfItsZoneButDoesNotAdministerIt() {
    ApiHttp intern = tandem.anonymous().token(make("intern", "records-editor", MINE));
    List<String> allowed = new ArrayList<>();
    for (String[] r : zoneRoutes(MINE)) {
      ApiHttp.Reply reply = intern.send(r[0], r[1], r[2]);
      if (reply.status() == 403) {
        assertThat(reply.error()).as("%s %s", r[0], r[1]).isEqualTo("token 'intern' is records-editor; this needs zone-admin or higher");
      } else {
        allowed.add(r[0] + " " + r[1].substring(("/api/v1/zones/" + MINE).length()));
      }
    }
    assertThat(allowed).containsExactly("GET ", "GET /rrsets", "GET /rrsets/www/A", "GET /export", "GET /history", "GET /push",
        "GET /dnssec", "PUT /rrsets/www/A", "DELETE /rrsets/www/A", "POST /changes");
    assertThat(tandem.answer("www." + MINE, Type.A)).isEmpty();

    JsonNode history = tandem.admin().get("/api/v1/zones/" + MINE + "/history").json().get("history");
    assertThat(history).hasSize(2); // the PUT and the DELETE; the batch found nothing left to delete
    for (JsonNode h : history) {
      assertThat(h.get("via").asText()).isEqualTo("api");
      assertThat(h.get("who").asText()).isEqualTo("intern");
      assertThat(h.get("address").asText()).isEqualTo("127.0.0.1");
    }
    assertThat(history.get(1).get("added").toString()).contains("192.0.2.99");
    assertThat(history.get(0).get("deleted").toString()).contains("192.0.2.99");
    assertThat(history.get(0).get("serial-to").asLong()).isEqualTo(history.get(1).get("serial-to").asLong() + 1);
  }

  @Test
  void aZoneAdminForAWildcardCreatesAndDeletesZonesBelowItOnly() {
    ApiHttp lab = tandem.anonymous().token(make("lab-admin", "zone-admin", "*.lab.test"));
    String zone = "{\"name\": \"%s\", \"nameservers\": [\"ns1.example.net.\"]}";
    assertThat(lab.post("/api/v1/zones", zone.formatted("a.lab.test")).status()).isEqualTo(201);
    ApiHttp.Reply apex = lab.post("/api/v1/zones", zone.formatted("lab.test"));
    assertThat(apex.status()).isEqualTo(403);
    assertThat(apex.error()).isEqualTo("token 'lab-admin' may not touch zone lab.test. (its zones: *.lab.test.)");
    assertThat(lab.post("/api/v1/zones", zone.formatted("other.lab.example")).status()).isEqualTo(403);
    assertThat(lab.post("/api/v1/zones/a.lab.test/notify", null).status()).isEqualTo(202);
    assertThat(lab.delete("/api/v1/zones/a.lab.test").status()).isEqualTo(204);
    assertThat(lab.delete("/api/v1/zones/" + OTHER).status()).isEqualTo(403);
    assertThat(tandem.admin().get("/api/v1/zones/a.lab.test").status()).isEqualTo(404);
    assertThat(tandem.serial(OTHER)).isEqualTo(1);
  }

  @Test
  void tokensAreKeptHashedSurviveARestartAndStopWorkingWhenRevoked() throws Exception {
    String secret = make("reader", "read-only");
    ApiHttp.Reply bad = tandem.admin().post("/api/v1/tokens", "{\"name\": \"reader\", \"role\": \"read-only\"}");
    assertThat(bad.status()).isEqualTo(409);
    assertThat(tandem.admin().post("/api/v1/tokens", "{\"name\": \"boss\", \"role\": \"admin\", \"zones\": [\"a.test\"]}").error())
        .contains("role admin is server-wide and takes no 'zones'");
    assertThat(tandem.admin().post("/api/v1/tokens", "{\"name\": \"x\", \"role\": \"owner\"}").error())
        .contains("'owner' is not a role (known: read-only, records-editor, zone-admin, admin)");
    assertThat(tandem.admin().post("/api/v1/tokens", "{\"name\": \"x\", \"zones\": [\"a.*.test\"]}").error())
        .contains("'a.*.test' is not a zone pattern");
    assertThat(tandem.admin().delete("/api/v1/tokens/ops").status()).as("a config token").isEqualTo(409);

    JsonNode list = tandem.admin().get("/api/v1/tokens").json().get("tokens");
    assertThat(list).extracting(t -> t.get("name").asText() + " " + t.get("role").asText() + " " + t.get("source").asText())
        .containsExactly("ops admin config", "dashboard read-only config", "reader read-only api");
    assertThat(list.toString()).doesNotContain(secret).doesNotContain(ApiFixture.ADMIN);
    byte[] db = Files.readAllBytes(tmp.resolve("data/tandem.db"));
    assertThat(new String(db, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("data/tandem.db"));
        ResultSet rs = c.createStatement().executeQuery("SELECT sha256 FROM api_tokens WHERE name = 'reader'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(TokenAuth.sha256(secret));
    }

    tandem.restart();
    ApiHttp reader = tandem.anonymous().token(secret);
    assertThat(reader.get("/api/v1/zones").status()).isEqualTo(200);
    assertThat(reader.put("/api/v1/zones/" + MINE + "/rrsets/www/A", "{\"records\": [\"192.0.2.7\"]}").status()).isEqualTo(403);
    assertThat(tandem.admin().delete("/api/v1/tokens/reader").status()).isEqualTo(200);
    ApiHttp.Reply revoked = reader.get("/api/v1/zones");
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.error()).isEqualTo("unknown token");
    assertThat(tandem.admin().delete("/api/v1/tokens/reader").status()).isEqualTo(404);
  }
}
