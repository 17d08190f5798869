package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.ApiHttp;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.Ports;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.Wait;

/**
 * The README's "Manage zones" flow with the {@code tandem} commands, against two Tandems started
 * from the jar on the embedded default (only their ports moved): a zone made with {@code tandem
 * zone add}, a record with {@code tandem record set} that dig then sees, a record added with
 * {@code nsupdate}, a second Tandem as its secondary, and {@code tandem zone show} saying that the
 * secondary has the latest change. The commands run in this JVM through {@link Main#run} with
 * their output captured; one also runs as {@code java -jar tandem.jar} in the server's directory,
 * to show it finds {@code ./tandem-data/api.token} by itself.
 */
class CliIT {
  @TempDir Path tmp;

  /** Exit code, stdout and stderr of one in-process run. */
  record Run(int exit, String out, String err) {
    Run ok() {
      assertThat(exit).as("exit code; stderr: %s; stdout: %s", err, out).isZero();
      return this;
    }

    JsonNode json() throws IOException {
      return ApiClient.JSON.readTree(out);
    }
  }

  private static Run tandem(String server, Path tokenFile, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server", server, "--token-file", tokenFile.toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  /** The commands below, with the embedded default's ports, are the README's. */
  @Test
  void theReadmeShowsTheFlowThisTestRuns() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).contains("""
        ```sh
        bin/tandem zone add example.org --ns ns1.example.org. --allow-update 127.0.0.1 \\
            --allow-transfer 127.0.0.1 --notify 127.0.0.1:5301
        bin/tandem record set example.org www A 192.0.2.1 --ttl 300
        dig @127.0.0.1 -p 5300 www.example.org A +short
        ```
        """).contains("""
        server 127.0.0.1 5300
        zone example.org
        update add mail.example.org 300 A 192.0.2.25
        send
        """).contains("""
        bin/tandem serve --listen 127.0.0.1:5301 --api-listen 127.0.0.1:8054 --data-dir tandem-data-2
        """).contains("""
        bin/tandem zone add example.org --secondary-of 127.0.0.1:5300 \\
            --server http://127.0.0.1:8054 --token-file tandem-data-2/api.token
        bin/tandem record set example.org www A 192.0.2.2
        bin/tandem zone show example.org
        """);
  }

  @Test
  void theNewcomerFlowFromTheReadme() throws Exception {
    Endpoint primaryAt = Endpoint.freeLoopback();
    Endpoint secondaryAt = Endpoint.freeLoopback();
    int primaryApi = Ports.allocate();
    int secondaryApi = Ports.allocate();
    try (TandemProcess primary = TandemProcess.builder().listen(primaryAt).awaitZone("example.test")
            .args("--api-listen", "127.0.0.1:" + primaryApi).start();
        TandemProcess secondary = TandemProcess.builder().listen(secondaryAt).awaitZone("example.test")
            .args("--api-listen", "127.0.0.1:" + secondaryApi).start()) {
      String api = "http://127.0.0.1:" + primaryApi;
      ApiHttp.at(api).awaitUp(Duration.ofSeconds(10));
      ApiHttp.at("http://127.0.0.1:" + secondaryApi).awaitUp(Duration.ofSeconds(10));
      Path token = primary.dir().resolve("tandem-data/api.token");
      assertThat(Files.readString(token).strip()).hasSizeGreaterThan(20);
      primary.awaitLog("HTTP API: " + api + "/api/v1 (admin token in tandem-data/api.token);  try: tandem zone list --server "
          + api + "\nWeb console: " + api + "/ui/ (log in with that token)\n", Duration.ofSeconds(10));

      // tandem zone add, with who may update, transfer, and be notified
      Run add = tandem(api, token, "zone", "add", "example.org", "--ns", "ns1.example.org.", "--allow-update", "127.0.0.1",
          "--allow-transfer", "127.0.0.1", "--notify", secondaryAt.toString()).ok();
      assertThat(add.out()).isEqualTo("created zone example.org.: serial 1, 2 records\nsee it with: tandem zone show example.org.\n");

      // tandem record set; dig sees it
      Run set = tandem(api, token, "record", "set", "example.org", "www", "A", "192.0.2.1", "--ttl", "300").ok();
      assertThat(set.out()).isEqualTo("www A record: set, zone example.org. now at serial 2\n");
      assertThat(DigRunner.dig(primaryAt, "www.example.org", "A", "+short").requireOk().stdout()).isEqualTo("192.0.2.1\n");

      // nsupdate (allowed from 127.0.0.1); dig sees it
      DigRunner.nsupdate("server 127.0.0.1 " + primaryAt.port() + "\nzone example.org\nupdate add mail.example.org 300 A 192.0.2.25\n"
          + "send\n").requireOk();
      assertThat(DigRunner.dig(primaryAt, "mail.example.org", "A", "+short").requireOk().stdout()).isEqualTo("192.0.2.25\n");
      Run list = tandem(api, token, "record", "list", "example.org", "--type", "A").ok();
      assertThat(list.out()).isEqualTo("""
          zone example.org., serial 3
          NAME               TTL  TYPE  DATA
          mail.example.org.  300  A     192.0.2.25
          www.example.org.   300  A     192.0.2.1
          """);

      // a second Tandem becomes a secondary of the zone; the next change reaches it and zone show says so
      Path token2 = secondary.dir().resolve("tandem-data/api.token");
      tandem("http://127.0.0.1:" + secondaryApi, token2, "zone", "add", "example.org", "--secondary-of", primaryAt.toString()).ok();
      secondary.awaitSerial("example.org", 3, Duration.ofSeconds(15));
      tandem(api, token, "record", "set", "example.org", "www", "A", "192.0.2.2").ok();
      secondary.awaitSerial("example.org", 4, Duration.ofSeconds(15));
      String[] shown = new String[1];
      Wait.until(Duration.ofSeconds(15), () -> {
        shown[0] = tandem(api, token, "zone", "show", "example.org").ok().out();
        return shown[0].contains("=> serial 4 is on 1 of 1 secondaries");
      }, () -> "zone show never showed the secondary with serial 4:\n" + shown[0]);
      assertThat(shown[0]).containsPattern("(?m)^  " + secondaryAt + " +4 +0 +yes +\\d+(\\.\\d)? (ms|s) ");

      // the same commands as a separate process in the server's directory: token found in ./tandem-data
      CommandResult fromDir = runJar(primary.dir(), api, "zone", "list");
      assertThat(fromDir.exitCode()).as(fromDir.output()).isZero();
      assertThat(fromDir.stdout()).containsPattern("(?m)^example\\.org\\. +primary +api +4 +4 +served$")
          .containsPattern("(?m)^example\\.test\\. +primary +file +\\d+ +16 +served$");
    }
  }

  @Test
  void everyCommandAgainstARunningServer() throws Exception {
    Endpoint dnsAt = Endpoint.freeLoopback();
    int apiPort = Ports.allocate();
    try (TandemProcess server = TandemProcess.builder().listen(dnsAt).awaitZone("example.test")
        .args("--api-listen", "127.0.0.1:" + apiPort).start()) {
      String api = "http://127.0.0.1:" + apiPort;
      ApiHttp.at(api).awaitUp(Duration.ofSeconds(10));
      Path token = server.dir().resolve("tandem-data/api.token");
      Path zoneFile = Files.writeString(tmp.resolve("up.test.zone"),
          "$TTL 300\n@ SOA ns1 hostmaster 7 3600 600 86400 300\n@ NS ns1\nns1 A 192.0.2.53\n");

      tandem(api, token, "zone", "add", "up.test", "--file", zoneFile.toString(), "--no-notify-ns", "--serial-policy", "increment").ok();
      JsonNode json = tandem(api, token, "record", "set", "up.test", "@", "MX", "10 mail.up.test.", "--json").ok().json();
      assertThat(json.get("serial").asLong()).isEqualTo(8);
      assertThat(tandem(api, token, "record", "set", "up.test", "txt", "TXT", "\"a b\"", "\"c\"").ok().out())
          .isEqualTo("txt TXT 2 records: set, zone up.test. now at serial 9\n");
      JsonNode zones = tandem(api, token, "zone", "list", "--json").ok().json();
      assertThat(zones.get("zones")).extracting(z -> z.get("name").asText()).containsExactly("example.test.", "up.test.");

      Path exported = tmp.resolve("export.zone");
      assertThat(tandem(api, token, "zone", "export", "up.test", "-o", exported.toString()).ok().out())
          .isEqualTo("wrote zone up.test. to " + exported + "\n");
      assertThat(Files.readString(exported)).contains("up.test. 3600 IN MX 10 mail.up.test.").contains("txt.up.test. 3600 IN TXT \"a b\"");
      assertThat(tandem(api, token, "zone", "export", "up.test").ok().out()).isEqualTo(Files.readString(exported));

      // API errors: exit 1 and the API's message; --json also prints the API's error body
      Run cname = tandem(api, token, "record", "set", "up.test", "ns1", "CNAME", "elsewhere.example.");
      assertThat(cname.exit()).isEqualTo(1);
      assertThat(cname.err()).isEqualTo("tandem record set: the change to serial 10: ns1.up.test. has a CNAME and other data (A); "
          + "a CNAME must be alone at its name (RFC 1034 §3.6.2) [HTTP 422]\n");
      Run stale = tandem(api, token, "record", "rm", "up.test", "txt", "TXT", "--expected-serial", "8", "--json");
      assertThat(stale.exit()).isEqualTo(1);
      assertThat(stale.json().get("status").asInt()).isEqualTo(409);
      assertThat(stale.err()).contains("the zone is at serial 9, not the expected 8");
      Run fileZone = tandem(api, token, "record", "set", "example.test", "www", "A", "192.0.2.1");
      assertThat(fileZone.exit()).isEqualTo(1);
      assertThat(fileZone.err()).contains("is read from").contains("edit the file and reload it");
      Run missing = tandem(api, token, "zone", "show", "nowhere.test");
      assertThat(missing.exit()).isEqualTo(1);
      assertThat(missing.err()).isEqualTo("tandem zone show: no zone nowhere.test. here (`tandem zone list` or GET /api/v1/zones lists them) [HTTP 404]\n");
      Path wrongToken = Files.writeString(tmp.resolve("wrong.token"), "not-the-token\n");
      Run unauthorized = tandem(api, wrongToken, "zone", "list");
      assertThat(unauthorized.exit()).isEqualTo(1);
      assertThat(unauthorized.err()).contains("unknown token").contains("[HTTP 401]");

      assertThat(tandem(api, token, "record", "rm", "up.test", "txt", "TXT", "--expected-serial", "9").ok().out())
          .isEqualTo("txt TXT: deleted, zone up.test. now at serial 10\n");
      assertThat(DigRunner.dig(dnsAt, "txt.up.test", "TXT", "+short").requireOk().stdout()).isEmpty();

      // reload: every file zone, or one; a zone not read from a file is an API error
      assertThat(tandem(api, token, "reload").ok().out()).containsPattern("(?m)^example\\.test\\. +unchanged +\\d+ +unchanged$");
      assertThat(tandem(api, token, "reload", "example.test", "--json").ok().json().get("ok").asBoolean()).isTrue();
      Run notFile = tandem(api, token, "reload", "up.test");
      assertThat(notFile.exit()).isEqualTo(1);
      assertThat(notFile.err()).contains("is not read from a file; nothing to reload [HTTP 409]");

      // the zone's history: who changed it, newest first, with the diff
      String history = tandem(api, token, "zone", "history", "up.test").ok().out();
      assertThat(history).containsPattern("(?m)^\\S+Z  serial 9 -> 10  api local admin \\(\\S*api\\.token\\) from 127\\.0\\.0\\.1  \\(-2 \\+0\\)$");
      assertThat(history).contains("    - txt.up.test.\t\t3600\tIN\tTXT\t\"a b\"");
      assertThat(tandem(api, token, "zone", "history", "up.test", "--no-diff", "--limit", "2").ok().out().lines())
          .hasSize(2).allMatch(l -> l.contains("  api local admin ("));

      // a token limited to up.test: made, used, refused elsewhere, listed without its secret, revoked
      Run made = tandem(api, token, "token", "add", "intern", "--role", "records-editor", "--zone", "up.test").ok();
      assertThat(made.out()).startsWith("token intern (records-editor, zones up.test.):\n");
      Path internToken = Files.writeString(tmp.resolve("intern.token"), made.out().lines().toList().get(1) + "\n");
      assertThat(tandem(api, internToken, "record", "set", "up.test", "www", "A", "192.0.2.8").ok().out()).contains("serial 11");
      Run elsewhere = tandem(api, internToken, "zone", "show", "example.test");
      assertThat(elsewhere.exit()).isEqualTo(1);
      assertThat(elsewhere.err()).contains("token 'intern' may not touch zone example.test. (its zones: up.test.) [HTTP 403]");
      assertThat(tandem(api, token, "token", "list").ok().out())
          .containsPattern("(?m)^intern +records-editor +up\\.test\\. +api +\\S+ by local admin")
          .doesNotContain(Files.readString(internToken).strip());
      assertThat(tandem(api, token, "token", "rm", "intern").ok().out()).isEqualTo("revoked token intern\n");
      assertThat(tandem(api, internToken, "zone", "list").err()).contains("unknown token").contains("[HTTP 401]");

      assertThat(tandem(api, token, "zone", "rm", "up.test").ok().out()).isEqualTo("deleted zone up.test.\n");
      assertThat(DigRunner.dig(dnsAt, "up.test", "SOA").requireOk().stdout()).contains("status: REFUSED");
      assertThat(tandem(api, token, "zone", "rm", "up.test").exit()).isEqualTo(1);
    }
  }

  /** {@code java -jar tandem.jar ARGS} in {@code dir}, with TANDEM_SERVER set and no token option. */
  private static CommandResult runJar(Path dir, String server, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-jar", TandemProcess.jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("TANDEM_SERVER", server);
    pb.environment().remove("TANDEM_TOKEN");
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new AssertionError("tandem " + String.join(" ", args) + " did not finish in 30 s");
      }
      return new CommandResult(String.join(" ", command), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
