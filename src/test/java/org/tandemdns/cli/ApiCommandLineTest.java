package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tandemdns.testing.Ports;
import picocli.CommandLine;

/** Parsing of the API commands: request bodies built from options, usage errors (exit 3), an unreachable server (exit 4). */
class ApiCommandLineTest {
  @TempDir Path tmp;

  /** The command object picocli fills for {@code args}. */
  private static Object parsed(String... args) {
    CommandLine.ParseResult r = new CommandLine(new Main()).parseArgs(args);
    while (r.hasSubcommand()) {
      r = r.subcommand();
    }
    return r.commandSpec().userObject();
  }

  private static JsonNode json(String text) throws Exception {
    return ApiClient.JSON.readTree(text);
  }

  @Test
  void zoneAddWithNameserversSendsTheSettingsInTheConfigShape() throws Exception {
    ZoneAddCommand add = (ZoneAddCommand) parsed("zone", "add", "example.org", "--ns", "ns1.example.org.", "--ns", "ns2.example.net.",
        "--allow-update", "127.0.0.1 key upd-key", "--allow-transfer", "192.0.2.0/24", "--notify", "192.0.2.10:5301 key xfr-key",
        "--no-notify-ns", "--serial-policy", "unixtime");
    assertThat(json(add.body().toString())).isEqualTo(json("""
        {"name": "example.org.", "nameservers": ["ns1.example.org.", "ns2.example.net."],
         "allow-transfer": ["192.0.2.0/24"], "allow-update": ["127.0.0.1 key upd-key"],
         "notify": ["192.0.2.10:5301 key xfr-key"], "notify-ns": false, "serial-policy": "unixtime"}"""));
  }

  @Test
  void zoneAddWithAFileUploadsItsText() throws Exception {
    Path file = Files.writeString(tmp.resolve("z.zone"), "@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\n");
    ZoneAddCommand add = (ZoneAddCommand) parsed("zone", "add", "example.org.", "--file", file.toString());
    assertThat(json(add.body().toString())).isEqualTo(json("{\"name\": \"example.org.\", \"zone-file\": \"@ SOA ns1 h 1 2 3 4 5\\n@ NS ns1\\n\"}"));
  }

  @Test
  void zoneAddSecondaryOfListsThePrimariesInOrder() throws Exception {
    ZoneAddCommand add = (ZoneAddCommand) parsed("zone", "add", "example.net", "--secondary-of", "203.0.113.53 key xfr-key",
        "--secondary-of", "203.0.113.54:5300", "--allow-transfer", "any");
    assertThat(json(add.body().toString())).isEqualTo(json("""
        {"name": "example.net.", "type": "secondary", "primaries": ["203.0.113.53 key xfr-key", "203.0.113.54:5300"],
         "allow-transfer": ["any"]}"""));
  }

  @Test
  void recordSetSendsOneRecordPerArgumentAndTheOptionalTtlAndSerial() throws Exception {
    RecordSetCommand set = (RecordSetCommand) parsed("record", "set", "example.org", "www", "A", "192.0.2.1", "192.0.2.2", "--ttl", "300");
    assertThat(json(set.body().toString())).isEqualTo(json("{\"ttl\": 300, \"records\": [\"192.0.2.1\", \"192.0.2.2\"]}"));
    RecordSetCommand txt = (RecordSetCommand) parsed("record", "set", "--expected-serial", "7", "example.org", "@", "TXT", "--",
        "\"-x\" \"y z\"");
    assertThat(json(txt.body().toString())).isEqualTo(json("{\"records\": [\"\\\"-x\\\" \\\"y z\\\"\"], \"expected-serial\": 7}"));
  }

  @Test
  void pathSegmentsAreEncodedSoThatTheApiDecodesThemBack() {
    assertThat(ApiClient.path("zones", "example.org.", "rrsets", "@", "A")).isEqualTo("/zones/example.org./rrsets/%40/A");
    assertThat(ApiClient.path("zones", "a b+c")).isEqualTo("/zones/a+b%2Bc");
    assertThat(ApiClient.query(ApiClient.params("name", "www", "type", null))).isEqualTo("?name=www");
    assertThat(ApiClient.query(ApiClient.params("name", null, "type", null))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "zone add example.org|give the zone's content: --ns NAME",
    "zone add example.org --ns ns1 --secondary-of 192.0.2.1|a secondary gets its content from its primaries",
    "zone add example.org --ns ns1 --file x.zone|give either --ns or --file, not both",
    "zone add example.org --file /nonexistent/x.zone|--file: cannot read /nonexistent/x.zone",
    "zone show example.org --server ftp://x|--server: 'ftp://x' is not an API URL",
    "zone show example.org --token-file /nonexistent/token|--token-file: cannot read /nonexistent/token",
    "zone show a/b|'a/b' is not a zone name",
    "record set example.org www A|Missing required parameter: 'RDATA'",
    "record set example.org www A 1.2.3.4 --ttl soon|Invalid value for option '--ttl'",
    "record list|Missing required parameter: 'ZONE'",
    "zone frob|Unmatched argument",
    "zone|which command? list, add, rm, show, export, refresh, retransfer, notify, promote, demote or history",
    "token|which command? add, list or rm",
    "record|which command? list, set or rm",
  })
  void usageErrorsExitWithThreeAndSayWhatIsWrong(String args, String message) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args.split(" "));
    assertThat(exit).as(err.toString()).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains(message);
  }

  @Test
  void aServerThatCannotBeReachedIsExitFourNamingTheUrl() {
    String url = "http://127.0.0.1:" + Ports.allocate();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "zone", "list", "--server", url);
    assertThat(exit).isEqualTo(ApiCommand.EXIT_UNREACHABLE);
    assertThat(err.toString()).isEqualTo("tandem zone list: cannot reach the Tandem API at " + url
        + " (connection refused); is 'tandem serve' running there? Point to it with --server URL or TANDEM_SERVER\n");
  }

  @Test
  void helpSaysWhereTheServerAndTokenComeFrom() {
    StringWriter out = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "record", "set", "--help");
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("$TANDEM_SERVER").contains("$TANDEM_TOKEN").contains("./tandem-data/api.token")
        .contains("tandem record set example.org www A 192.0.2.1 192.0.2.2 --ttl 300");
    StringWriter top = new StringWriter();
    Main.run(new PrintWriter(top), new PrintWriter(new StringWriter()), "--help");
    assertThat(top.toString()).contains("zone").contains("record").contains("reload");
  }
}
