package org.tandemdns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandemdns.config.RateLimitConfig;
import org.tandemdns.server.ResponseRateLimit.Action;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The token buckets of response rate limiting, under a controlled clock. */
class ResponseRateLimitTest {
  long now;
  final ResponseRateLimit limit = new ResponseRateLimit(new RateLimitConfig(5, 2, null, null, List.of("192.0.2.200"), null, null),
      () -> now);

  static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  List<Action> burst(String client, int n) throws Exception {
    List<Action> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(limit.admit(ip(client)));
    }
    return out;
  }

  @Test
  void aNetworkGetsItsRateThenEveryOtherAnswerIsTruncatedAndTheRestDropped() throws Exception {
    assertThat(burst("192.0.2.1", 9)).containsExactly(Action.SEND, Action.SEND, Action.SEND, Action.SEND, Action.SEND,
        Action.DROP, Action.SLIP, Action.DROP, Action.SLIP);
    assertThat(burst("192.0.2.77", 1)).as("the same /24").containsExactly(Action.DROP);
    assertThat(burst("198.51.100.1", 1)).as("another network").containsExactly(Action.SEND);
    now += 1_000_000_000L;
    assertThat(burst("192.0.2.1", 6)).as("one second later: refilled").startsWith(Action.SEND, Action.SEND, Action.SEND,
        Action.SEND, Action.SEND).endsWith(Action.SLIP);
    now += 200_000_000L;
    assertThat(burst("192.0.2.1", 2)).as("a fifth of a second: one token").containsExactly(Action.SEND, Action.DROP);
  }

  @Test
  void ipv6ClientsAreCountedBySlash56() throws Exception {
    burst("2001:db8:0:100::1", 5);
    assertThat(burst("2001:db8:0:1ff::9", 1)).as("same /56").containsExactly(Action.DROP);
    assertThat(burst("2001:db8:0:200::1", 1)).as("next /56").containsExactly(Action.SEND);
  }

  @Test
  void exemptAddressesAreKnown() throws Exception {
    assertThat(limit.exempt(ip("192.0.2.200"))).isTrue();
    assertThat(limit.exempt(ip("192.0.2.201"))).isFalse();
  }

  @Test
  void theTruncatedAnswerKeepsTheIdAndQuestionWithTcAndNoRecords() throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString("www.z.test."), Type.A, DClass.IN));
    q.getHeader().setID(4242);
    Message r = new Message(4242);
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setFlag(Flags.AA);
    r.addRecord(q.getQuestion(), Section.QUESTION);
    r.addRecord(Record.fromString(Name.fromConstantString("www.z.test."), Type.A, DClass.IN, 60, "192.0.2.1", Name.root),
        Section.ANSWER);
    byte[] qw = q.toWire();
    Message tc = new Message(ResponseRateLimit.truncated(r.toWire(), qw, qw.length));
    assertThat(tc.getHeader().getID()).isEqualTo(4242);
    assertThat(tc.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(tc.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(tc.getQuestion()).isEqualTo(q.getQuestion());
    assertThat(tc.getSection(Section.ANSWER)).isEmpty();
  }
}
