package org.tandemdns.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CookieOption;

/** RFC 9018 server cookies, checked against the RFC's own test vectors (Appendix A). */
class ServerCookiesTest {
  static final byte[] SECRET = HexFormat.of().parseHex("e5e973e5a6b2a43f48e7dc849e37bfcf");
  static final byte[] CLIENT = HexFormat.of().parseHex("2464c4abcf10c957");

  static ServerCookies at(long epochSecond) {
    return new ServerCookies(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  static String hex(CookieOption o) {
    return HexFormat.of().formatHex(o.getClientCookie()) + HexFormat.of().formatHex(o.getServerCookie().orElseThrow());
  }

  @Test
  void sipHashMatchesTheReferenceVector() {
    byte[] key = new byte[16];
    byte[] msg = new byte[15];
    for (int i = 0; i < 16; i++) {
      key[i] = (byte) i;
    }
    for (int i = 0; i < 15; i++) {
      msg[i] = (byte) i;
    }
    assertThat(HexFormat.of().formatHex(SipHash24.hash(key, msg))).isEqualTo("e545be4961ca29a1");
  }

  @Test
  void a1LearningANewServerCookie() throws Exception {
    InetAddress client = InetAddress.getByName("198.51.100.100");
    CookieOption query = new CookieOption(CLIENT);
    assertThat(at(1559731985).judge(query, client)).isEqualTo(ServerCookies.Verdict.CLIENT_ONLY);
    assertThat(hex(at(1559731985).answer(query, client))).isEqualTo("2464c4abcf10c957010000005cf79f111f8130c3eee29480");
  }

  @Test
  void a2TheSameClientGetsItRenewedAfterHalfAnHour() throws Exception {
    InetAddress client = InetAddress.getByName("198.51.100.100");
    CookieOption query = new CookieOption(CLIENT, HexFormat.of().parseHex("010000005cf79f111f8130c3eee29480"));
    assertThat(at(1559734385).judge(query, client)).isEqualTo(ServerCookies.Verdict.VALID);
    assertThat(hex(at(1559734385).answer(query, client))).isEqualTo("2464c4abcf10c957010000005cf7a871d4a564a1442aca77");
    assertThat(hex(at(1559731985 + 60).answer(query, client))).as("recent: echoed")
        .isEqualTo("2464c4abcf10c957010000005cf79f111f8130c3eee29480");
  }

  @Test
  void aCookieFromAnotherAddressAStaleOneOrAForgeryIsInvalid() throws Exception {
    CookieOption query = new CookieOption(CLIENT, HexFormat.of().parseHex("010000005cf79f111f8130c3eee29480"));
    assertThat(at(1559731985).judge(query, InetAddress.getByName("198.51.100.101"))).isEqualTo(ServerCookies.Verdict.INVALID);
    InetAddress client = InetAddress.getByName("198.51.100.100");
    assertThat(at(1559731985 + 3601).judge(query, client)).as("over an hour old").isEqualTo(ServerCookies.Verdict.INVALID);
    assertThat(at(1559731985 - 301).judge(query, client)).as("from the future").isEqualTo(ServerCookies.Verdict.INVALID);
    CookieOption forged = new CookieOption(CLIENT, HexFormat.of().parseHex("010000005cf79f111f8130c3eee29481"));
    assertThat(at(1559731985).judge(forged, client)).isEqualTo(ServerCookies.Verdict.INVALID);
    CookieOption other = new CookieOption(CLIENT, HexFormat.of().parseHex("0123456789abcdef"));
    assertThat(at(1559731985).judge(other, client)).as("another server's 8-byte cookie").isEqualTo(ServerCookies.Verdict.INVALID);
    assertThat(hex(at(1559731985).answer(other, client))).as("replaced by ours")
        .isEqualTo("2464c4abcf10c957010000005cf79f111f8130c3eee29480");
  }
}
