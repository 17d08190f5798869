package org.tandemdns.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.ApiHttp;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The web console over plain HTTP (the browser tests drive it in Chromium): a session only from a
 * known token, its cookie HttpOnly and SameSite=Strict; a strict Content-Security-Policy on every
 * page; changes with the session need its CSRF token and the same origin; record data and names
 * that try to be markup are shown as text; a read-only token gets no write controls; a token's
 * zones bound what the console shows; a revoked token's session ends.
 */
class ConsoleHttpIT {
  @TempDir Path tmp;
  ApiFixture tandem;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws IOException {
    tandem = ApiFixture.start(tmp);
    tandem.createSimple("console.test");
  }

  @AfterEach
  void stop() {
    tandem.close();
  }

  private HttpResponse<String> send(String method, String path, String cookie, String contentType, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tandem.apiUrl() + path)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Logs in with {@code token}; the session cookie ("name=value"). */
  private String login(String token) throws Exception {
    HttpResponse<String> r = send("POST", "/ui/login", null, "application/x-www-form-urlencoded",
        "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/ui/");
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("tandem_session=").contains("; HttpOnly").contains("; SameSite=Strict").contains("; Path=/");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private static String csrf(String page) {
    int i = page.indexOf("<meta name=\"csrf\" content=\"");
    assertThat(i).isNotNegative();
    int start = i + "<meta name=\"csrf\" content=\"".length();
    return page.substring(start, page.indexOf('"', start));
  }

  @Test
  void aSessionNeedsAKnownTokenAndEveryPageCarriesAStrictPolicy() throws Exception {
    HttpResponse<String> anonymous = send("GET", "/ui/", null, null, null);
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location")).hasValue("/ui/login");
    HttpResponse<String> loginPage = send("GET", "/ui/login", null, null, null);
    assertThat(loginPage.statusCode()).isEqualTo(200);
    assertThat(loginPage.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleSecurity.CSP);
    assertThat(loginPage.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(loginPage.body()).doesNotContain("<script>").contains("<script type=\"module\" src=\"/ui/static/console.js\">");

    HttpResponse<String> wrong = send("POST", "/ui/login", null, "application/x-www-form-urlencoded", "token=nope");
    assertThat(wrong.headers().firstValue("Location")).hasValue("/ui/login?failed=1");
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(send("GET", "/ui/", "tandem_session=made-up", null, null).statusCode()).isEqualTo(303);

    String cookie = login(ApiFixture.ADMIN);
    HttpResponse<String> zones = send("GET", "/ui/", cookie, null, null);
    assertThat(zones.statusCode()).isEqualTo(200);
    assertThat(zones.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleSecurity.CSP);
    assertThat(zones.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(zones.body()).contains("console.test.").contains("id=\"create-zone\"");
    assertThat(send("GET", "/ui/static/console.js", null, null, null).headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");

    HttpResponse<String> logout = send("POST", "/ui/logout", cookie, "application/x-www-form-urlencoded", "csrf=" + csrf(zones.body()));
    assertThat(logout.statusCode()).isEqualTo(303);
    assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(send("GET", "/ui/", cookie, null, null).statusCode()).as("the session is gone").isEqualTo(303);
  }

  @Test
  void changesWithTheSessionNeedItsCsrfTokenAndTheSameOrigin() throws Exception {
    String cookie = login(ApiFixture.ADMIN);
    String csrf = csrf(send("GET", "/ui/zones/console.test", cookie, null, null).body());
    String put = "{\"records\": [\"192.0.2.77\"]}";
    String path = "/api/v1/zones/console.test/rrsets/www/A";

    HttpResponse<String> noToken = send("PUT", path, cookie, "application/json", put);
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.body()).contains("X-CSRF-Token");
    assertThat(send("PUT", path, cookie, "application/json", put, "X-CSRF-Token", "forged").statusCode()).isEqualTo(403);
    HttpResponse<String> otherSite = send("PUT", path, cookie, "application/json", put, "X-CSRF-Token", csrf,
        "Origin", "https://evil.example");
    assertThat(otherSite.statusCode()).isEqualTo(403);
    assertThat(otherSite.body()).contains("comes from a page of evil.example");
    assertThat(tandem.answer("www.console.test", Type.A)).extracting(Record::rdataToString).containsExactly("192.0.2.1");

    HttpResponse<String> ok = send("PUT", path, cookie, "application/json", put, "X-CSRF-Token", csrf,
        "Origin", tandem.apiUrl());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(tandem.answer("www.console.test", Type.A)).extracting(Record::rdataToString).containsExactly("192.0.2.77");
    // the console's changes are in the history as the console's, with the token's name
    var h = tandem.admin().get("/api/v1/zones/console.test/history").json().get("history").get(0);
    assertThat(h.get("via").asText() + " " + h.get("who").asText()).isEqualTo("console ops");
    // reads with the session need no CSRF token
    assertThat(send("GET", "/api/v1/zones/console.test", cookie, null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void markupInRecordsAndNamesIsShownAsText() throws Exception {
    String xss = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    ApiHttp.Reply txt = tandem.admin().put("/api/v1/zones/console.test/rrsets/xss/TXT", "{\"records\": [\"\\\"" + xss + "\\\"\"]}");
    assertThat(txt.status()).as("%s", txt).isEqualTo(200);
    String cookie = login(ApiFixture.ADMIN);
    String page = send("GET", "/ui/zones/console.test", cookie, null, null).body();
    assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    HttpResponse<String> odd = send("GET", "/ui/zones/%3Cb%3Ex%3C%2Fb%3E.test", cookie, null, null);
    assertThat(odd.statusCode()).isEqualTo(404);
    assertThat(odd.body()).doesNotContain("<b>x</b>").contains("&lt;b&gt;x&lt;/b&gt;");
  }

  @Test
  void manyZonesArePagedAndFoundByName() throws Exception {
    for (int i = 0; i < 250; i++) {
      ApiHttp.Reply r = tandem.admin().post("/api/v1/zones", "{\"name\": \"z" + i + ".many.test\", \"nameservers\": [\"ns1.example.net.\"],"
          + " \"notify-ns\": false}");
      assertThat(r.status()).as("%s", r).isEqualTo(201);
    }
    String cookie = login(ApiFixture.ADMIN);
    String first = send("GET", "/ui/", cookie, null, null).body();
    assertThat(first.split("<tr data-zone=", -1)).hasSize(200 + 1);
    assertThat(first).contains("zones 1–200 of 252").contains("id=\"next\"").doesNotContain("id=\"previous\"");
    String second = send("GET", "/ui/?page=1", cookie, null, null).body();
    assertThat(second.split("<tr data-zone=", -1)).hasSize(52 + 1);
    assertThat(second).contains("zones 201–252 of 252").contains("id=\"previous\"").doesNotContain("id=\"next\"");
    String found = send("GET", "/ui/?q=Z17", cookie, null, null).body();
    assertThat(found.split("<tr data-zone=", -1)).hasSize(1 + 1 + 10); // z17 and z170..z179
    assertThat(found).contains("data-zone=\"z17.many.test.\"").doesNotContain("data-zone=\"z18.many.test.\"");
  }

  @Test
  void aReadOnlyTokenSeesNoWriteControlsAndAScopedOneOnlyItsZones() throws Exception {
    String reader = login(ApiFixture.READER);
    String zones = send("GET", "/ui/", reader, null, null).body();
    assertThat(zones).contains("console.test.").doesNotContain("id=\"create-zone\"");
    String zone = send("GET", "/ui/zones/console.test", reader, null, null).body();
    assertThat(zone).doesNotContain("id=\"rrset-form\"").doesNotContain("class=\"edit\"").contains("id=\"read-only\"");
    HttpResponse<String> write = send("PUT", "/api/v1/zones/console.test/rrsets/www/A", reader, "application/json",
        "{\"records\": [\"192.0.2.9\"]}", "X-CSRF-Token", csrf(zone));
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(write.body()).contains("is read-only");

    ApiHttp.Reply made = tandem.admin().post("/api/v1/tokens", "{\"name\": \"lab\", \"role\": \"records-editor\", \"zones\": [\"lab.test\"]}");
    String lab = login(made.json().get("token").asText());
    assertThat(send("GET", "/ui/", lab, null, null).body()).doesNotContain("console.test.");
    HttpResponse<String> other = send("GET", "/ui/zones/console.test", lab, null, null);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(tandem.admin().delete("/api/v1/tokens/lab").status()).isEqualTo(200);
    assertThat(send("GET", "/ui/", lab, null, null).statusCode()).as("revoked: back to the login").isEqualTo(303);
  }
}
