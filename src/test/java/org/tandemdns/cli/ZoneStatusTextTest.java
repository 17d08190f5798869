package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The human rendering of zone status, list and records, from API JSON as the server sends it. */
class ZoneStatusTextTest {

  /** A managed primary at serial 5 with two NOTIFY targets: BIND has serial 5, Knot is still at 4. */
  static final String PRIMARY = """
      {"name": "example.org.", "type": "primary", "kind": "managed", "source": "api", "serial": 5, "records": 7, "expired": false,
       "notify": [
         {"target": "127.0.0.1:5301", "key": "xfr-key.", "serial": 5, "state": "acknowledged",
          "since": "2026-11-21T13:04:51.200Z", "attempts": 1, "last-error": null},
         {"target": "127.0.0.1:5302", "key": null, "serial": 5, "state": "retrying",
          "since": "2026-11-21T13:04:51.200Z", "attempts": 2, "last-error": "timeout after 2000 ms"}],
       "propagation": {
         "downstreams": [
           {"downstream": "127.0.0.1:5301", "serial": 5, "lag": 0, "learned": "2026-11-21T13:04:51.285Z", "how": "soa"},
           {"downstream": "127.0.0.1:5302", "serial": 4, "lag": 1, "learned": "2026-11-21T13:00:00.000Z", "how": "ixfr-request"},
           {"downstream": "127.0.0.1:5303", "serial": null, "lag": null, "learned": null, "how": null}],
         "changes": [
           {"serial": 5, "committed": "2026-11-21T13:04:51.165Z", "reached-ms": {"127.0.0.1:5301": 85}},
           {"serial": 4, "committed": "2026-11-21T12:59:58.000Z", "reached-ms": {"127.0.0.1:5302": 1250, "127.0.0.1:5301": 120}}]},
       "settings": {"name": "example.org.", "type": "primary", "notify": ["127.0.0.1:5301 key xfr-key", "127.0.0.1:5302"],
         "notify-ns": false, "allow-transfer": ["127.0.0.1/32 key xfr-key"], "allow-update": [], "serial-policy": "increment"}}
      """;

  static final String SECONDARY = """
      {"name": "example.net.", "type": "secondary", "kind": "secondary", "source": "config", "serial": 2024010101, "records": 4,
       "expired": false, "expires-at": "2026-12-05T13:00:00Z",
       "refresh": {"last-attempt": "2026-11-21T13:00:00.5Z", "last-success": "2026-11-21T13:00:00.9Z", "last-result": "IXFR 2024010100 -> 2024010101",
         "next-refresh": "2026-11-21T14:00:00Z", "expire-at": "2026-12-05T13:00:00Z", "refreshing": false,
         "primaries": [{"primary": "203.0.113.53 key xfr-key", "last-good": true, "failing-until": null}]},
       "notify": [], "propagation": {"downstreams": [], "changes": []}, "settings": {}}
      """;

  private static String render(String json) throws Exception {
    StringWriter out = new StringWriter();
    ZoneStatusText.render(ApiClient.JSON.readTree(json), new PrintWriter(out));
    return out.toString();
  }

  @Test
  void showSaysWhichSecondariesHaveTheLatestChangeAndHowLongEachTook() throws Exception {
    assertThat(render(PRIMARY)).isEqualTo("""
        zone example.org.: primary, managed through the API (created through the API)
          serial 5, 7 records, served

        NOTIFY targets:
          TARGET          KEY       SERIAL  STATE         SINCE                 ATTEMPTS  LAST ERROR
          127.0.0.1:5301  xfr-key.  5       acknowledged  2026-11-21T13:04:51Z  1         -
          127.0.0.1:5302  -         5       retrying      2026-11-21T13:04:51Z  2         timeout after 2000 ms

        Downstream secondaries: who has serial 5, the latest change (committed 2026-11-21T13:04:51Z)?
          SECONDARY       SERIAL  LAG  HAS LATEST  REACHED AFTER  LEARNED FROM      AT
          127.0.0.1:5301  5       0    yes         85 ms          its SOA answer    2026-11-21T13:04:51Z
          127.0.0.1:5302  4       1    NO          -              its IXFR request  2026-11-21T13:00:00Z
          127.0.0.1:5303  -       -    unknown     -              -                 -
          => serial 5 is on 1 of 3 secondaries; not yet on 127.0.0.1:5302, 127.0.0.1:5303

        Recent changes (newest first), and when each secondary had it:
          SERIAL  COMMITTED             REACHED
          5       2026-11-21T13:04:51Z  127.0.0.1:5301 after 85 ms
          4       2026-11-21T12:59:58Z  127.0.0.1:5301 after 120 ms, 127.0.0.1:5302 after 1.3 s

        Settings:
          notify          127.0.0.1:5301 key xfr-key, 127.0.0.1:5302
          notify-ns       false
          allow-transfer  127.0.0.1/32 key xfr-key
          allow-update    (none)
          serial-policy   increment
        """);
  }

  @Test
  void showOfASecondaryGivesItsRefreshStateAndPrimaries() throws Exception {
    assertThat(render(SECONDARY)).isEqualTo("""
        zone example.net.: secondary, transferred from its primaries (from the config file)
          serial 2024010101, 4 records, served
          expires at 2026-12-05T13:00:00Z

        Refresh from the primaries:
          last attempt  2026-11-21T13:00:00Z
          last success  2026-11-21T13:00:00Z
          last result   IXFR 2024010100 -> 2024010101
          next refresh  2026-11-21T14:00:00Z
          expires at    2026-12-05T13:00:00Z
          PRIMARY                   LAST GOOD  FAILING UNTIL
          203.0.113.53 key xfr-key  yes        -

        Downstream secondaries: none known yet (NOTIFY targets, and servers that transfer the zone, show up here)
        """);
  }

  @Test
  void durationsReadNaturally() {
    assertThat(ZoneStatusText.millis(0)).isEqualTo("0 ms");
    assertThat(ZoneStatusText.millis(999)).isEqualTo("999 ms");
    assertThat(ZoneStatusText.millis(1250)).isEqualTo("1.3 s");
    assertThat(ZoneStatusText.millis(125_000)).isEqualTo("2 min 5 s");
  }

  @Test
  void zoneListAndRecordListAreTables() throws Exception {
    StringWriter zones = new StringWriter();
    ZoneListCommand.render(ApiClient.JSON.readTree("""
        {"zones": [
          {"name": "example.org.", "type": "primary", "kind": "managed", "source": "api", "serial": 5, "records": 7, "expired": false},
          {"name": "example.net.", "type": "secondary", "kind": "secondary", "source": "config", "serial": null, "records": 0, "expired": false},
          {"name": "old.test.", "type": "secondary", "kind": "secondary", "source": "config", "serial": 9, "records": 3, "expired": true},
          {"name": "example.test.", "type": "primary", "kind": "file", "source": "config", "serial": 1, "records": 16, "expired": false}]}
        """), new PrintWriter(zones));
    assertThat(zones.toString()).isEqualTo("""
        ZONE           TYPE       DATA FROM  SERIAL  RECORDS  STATE
        example.org.   primary    api        5       7        served
        example.net.   secondary  primaries  -       0        no data yet
        old.test.      secondary  primaries  9       3        EXPIRED (answers SERVFAIL)
        example.test.  primary    file       1       16       served
        """);
    StringWriter records = new StringWriter();
    RecordListCommand.render(ApiClient.JSON.readTree("""
        {"zone": "example.org.", "serial": 5, "rrsets": [
          {"name": "example.org.", "type": "MX", "ttl": 3600, "records": ["10 mail.example.org."]},
          {"name": "www.example.org.", "type": "A", "ttl": 300, "records": ["192.0.2.1", "192.0.2.2"]}]}
        """), new PrintWriter(records));
    assertThat(records.toString()).isEqualTo("""
        zone example.org., serial 5
        NAME              TTL   TYPE  DATA
        example.org.      3600  MX    10 mail.example.org.
        www.example.org.  300   A     192.0.2.1
        www.example.org.  300   A     192.0.2.2
        """);
  }
}
