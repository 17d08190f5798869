package org.tandemdns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.TandemServer;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.Endpoint;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * DNS Cookies (RFC 7873) with RFC 9018 server cookies, judged by dig and kdig: a client cookie gets
 * a server cookie for it, a returned valid one is echoed, two servers with one cookie-secret accept
 * each other's cookies (an anycast set), and a malformed COOKIE option is FORMERR (RFC 7873 §5.2.2).
 */
class DnsCookiesIT {
  static final String SECRET = "e5e973e5a6b2a43f48e7dc849e37bfcf";
  static final Pattern DIG_COOKIE = Pattern.compile("; COOKIE: ([0-9a-f]{16})([0-9a-f]{32}) \\(good\\)");

  @TempDir Path dir;
  TandemServer a;
  TandemServer b;

  @AfterEach
  void stop() {
    for (TandemServer s : new TandemServer[] {a, b}) {
      if (s != null) {
        s.close();
      }
    }
  }

  TandemServer start(String name, String secret) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    Files.writeString(d.resolve("c.test.zone"), "$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n");
    Files.writeString(d.resolve("tandem.yaml"), """
        server:
          listen: ["127.0.0.1:0"]
          data-dir: data
        %s
        zones:
          - {name: c.test, file: c.test.zone, notify-ns: false}
        """.formatted(secret == null ? "" : "  cookie-secret: " + secret));
    return TandemServer.start(new ConfigLoader().load(d.resolve("tandem.yaml")));
  }

  static Endpoint endpoint(TandemServer s) {
    return Endpoint.loopback(s.dnsAddresses().get(0).getPort());
  }

  static String[] cookie(CommandResult r) {
    Matcher m = DIG_COOKIE.matcher(r.stdout());
    assertThat(m.find()).as("dig's COOKIE line in%n%s", r.stdout()).isTrue();
    return new String[] {m.group(1), m.group(2)};
  }

  @Test
  void digGetsAServerCookieAndAValidOneIsEchoed() throws Exception {
    a = start("a", null);
    CommandResult first = DigRunner.dig(endpoint(a), "+cookie", "ns1.c.test", "A").requireOk();
    String[] c = cookie(first);
    assertThat(c[1]).as("RFC 9018: version 1, reserved 0").startsWith("01000000");

    CommandResult again = DigRunner.dig(endpoint(a), "+cookie=" + c[0] + c[1], "ns1.c.test", "A").requireOk();
    assertThat(cookie(again)).containsExactly(c[0], c[1]);
    assertThat(again.stdout()).contains("status: NOERROR").contains("192.0.2.1");

    String forgery = "01000000" + c[1].substring(8, 16) + "0000000000000000";
    CommandResult forged = DigRunner.dig(endpoint(a), "+cookie=" + c[0] + forgery, "ns1.c.test", "A").requireOk();
    assertThat(cookie(forged)[1]).as("a forged server cookie is replaced").isNotEqualTo(forgery).startsWith("01000000");
    assertThat(forged.stdout()).contains("status: NOERROR");

    CommandResult knot = DigRunner.kdig(endpoint(a), "+cookie", "ns1.c.test", "A").requireOk();
    assertThat(knot.stdout()).containsPattern("(?i);; COOKIE: [0-9a-f]{16}01000000[0-9a-f]{24}");

    CommandResult none = DigRunner.dig(endpoint(a), "+nocookie", "ns1.c.test", "A").requireOk();
    assertThat(none.stdout()).doesNotContain("COOKIE");
  }

  @Test
  void serversSharingACookieSecretAcceptEachOthersCookies() throws Exception {
    a = start("a", SECRET);
    b = start("b", SECRET);
    String[] fromA = cookie(DigRunner.dig(endpoint(a), "+cookie", "ns1.c.test", "A").requireOk());
    String[] atB = cookie(DigRunner.dig(endpoint(b), "+cookie=" + fromA[0] + fromA[1], "ns1.c.test", "A").requireOk());
    assertThat(atB[1]).as("B echoes A's cookie: it verifies under the shared secret").isEqualTo(fromA[1]);
  }

  @Test
  void aMalformedCookieOptionIsFormerr() throws Exception {
    a = start("a", null);
    // a query for c.test SOA with an OPT holding a 7-byte COOKIE (option 10): too short for a client cookie
    byte[] query = HexFormat.of().parseHex("abcd0000000100000000000101630474657374000006000100" + "002904d000000000000b"
        + "000a0007" + "01020304050607");
    InetSocketAddress at = a.dnsAddresses().get(0);
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(3000);
      s.send(new DatagramPacket(query, query.length, at));
      DatagramPacket p = new DatagramPacket(new byte[512], 512);
      s.receive(p);
      Message m = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
      assertThat(m.getHeader().getID()).isEqualTo(0xabcd);
      assertThat(m.getRcode()).isEqualTo(Rcode.FORMERR);
    }
  }
}
