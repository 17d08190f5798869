package org.tandemdns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.TandemServer;
import org.tandemdns.config.ConfigLoader;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Response rate limiting against a real Tandem over UDP: a burst from one address (what a spoofed
 * flood looks like to its victim) is cut to the rate, every other limited answer truncated; a
 * client that returns a valid DNS Cookie has proven its address and is not limited. Each client is
 * its own network here ({@code ipv4-prefix: 32}), since every loopback address shares one /24.
 */
class RateLimitIT {
  static final int RATE = 10;
  static final int BURST = 200;
  @TempDir static Path dir;
  static TandemServer server;
  static InetSocketAddress at;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(dir.resolve("r.test.zone"), "$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n");
    Files.writeString(dir.resolve("tandem.yaml"), """
        server:
          listen: ["127.0.0.1:0"]
          data-dir: data
          rate-limit:
            responses-per-second: %d
            slip: 2
            ipv4-prefix: 32
            exempt: ["127.0.0.9"]
        zones:
          - {name: r.test, file: r.test.zone, notify-ns: false}
        """.formatted(RATE));
    server = TandemServer.start(new ConfigLoader().load(dir.resolve("tandem.yaml")));
    at = server.dnsAddresses().get(0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Counts(int full, int truncated) {}

  /** Sends {@link #BURST} queries from {@code from} as fast as it can, then counts what comes back. */
  static Counts burst(String from, byte[] cookie) throws Exception {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(from), 0))) {
      for (int i = 0; i < BURST; i++) {
        Message q = Message.newQuery(Record.newRecord(Name.fromConstantString("ns1.r.test."), Type.A, DClass.IN));
        q.getHeader().setID(i);
        if (cookie != null) {
          q.addRecord(new OPTRecord(1232, 0, 0, 0, new CookieOption(java.util.Arrays.copyOf(cookie, 8),
              java.util.Arrays.copyOfRange(cookie, 8, cookie.length))), Section.ADDITIONAL);
        }
        byte[] w = q.toWire();
        s.send(new DatagramPacket(w, w.length, at));
      }
      int full = 0;
      int truncated = 0;
      s.setSoTimeout(500);
      byte[] buf = new byte[1500];
      try {
        while (full + truncated < BURST) {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          s.receive(p);
          Message m = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
          if (m.getHeader().getFlag(Flags.TC)) {
            truncated++;
          } else if (m.getSection(Section.ANSWER).size() == 1) {
            full++;
          }
        }
      } catch (SocketTimeoutException done) {
        // everything that was sent has arrived
      }
      return new Counts(full, truncated);
    }
  }

  /** A cookie (client + server) that Tandem made for {@code from}. */
  static byte[] learnCookie(String from) throws Exception {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(from), 0))) {
      Message q = Message.newQuery(Record.newRecord(Name.fromConstantString("r.test."), Type.SOA, DClass.IN));
      q.addRecord(new OPTRecord(1232, 0, 0, 0, new CookieOption(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})), Section.ADDITIONAL);
      byte[] w = q.toWire();
      s.setSoTimeout(2000);
      s.send(new DatagramPacket(w, w.length, at));
      DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
      s.receive(p);
      Message m = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
      CookieOption c = (CookieOption) m.getOPT().getOptions(EDNSOption.Code.COOKIE).get(0);
      byte[] server = c.getServerCookie().orElseThrow();
      byte[] out = java.util.Arrays.copyOf(c.getClientCookie(), 8 + server.length);
      System.arraycopy(server, 0, out, 8, server.length);
      return out;
    }
  }

  @Test
  void aBurstFromOneAddressIsCutToTheRateWithEveryOtherLimitedAnswerTruncated() throws Exception {
    Counts c = burst("127.0.0.2", null);
    assertThat(c.full()).as("full answers: the rate, and what refilled while the burst was sent").isBetween(RATE, 3 * RATE);
    int limited = BURST - c.full();
    assertThat(c.truncated()).as("slip 2: half of %d limited answers truncated", limited).isBetween(limited / 2 - 2, limited / 2 + 2);
  }

  @Test
  void aClientWithAValidCookieIsNotLimited() throws Exception {
    byte[] cookie = learnCookie("127.0.0.3");
    Counts c = burst("127.0.0.3", cookie);
    assertThat(c.full()).isEqualTo(BURST);
    assertThat(c.truncated()).isZero();
  }

  @Test
  void anExemptAddressIsNotLimited() throws Exception {
    Counts c = burst("127.0.0.9", null);
    assertThat(c.full()).isEqualTo(BURST);
  }
}
