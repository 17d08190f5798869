package org.tandemdns.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connection caps: in all, and per client (IPv4 address, IPv6 /64). */
class ConnectionLimitTest {
  private final ConnectionLimit limit = new ConnectionLimit("TCP", 5, "max", 2, "per-client");
  private final List<EmbeddedChannel> channels = new ArrayList<>();

  private EmbeddedChannel connect(String ip) {
    InetSocketAddress remote = new InetSocketAddress(ip, 40000 + channels.size());
    EmbeddedChannel ch = new EmbeddedChannel(limit) {
      @Override
      protected SocketAddress remoteAddress0() {
        return remote;
      }
    };
    channels.add(ch);
    return ch;
  }

  @Test
  void oneClientGetsNoMoreThanItsShare() {
    assertThat(connect("192.0.2.1").isOpen()).isTrue();
    assertThat(connect("192.0.2.1").isOpen()).isTrue();
    assertThat(connect("192.0.2.1").isOpen()).as("third from the same address").isFalse();
    assertThat(connect("192.0.2.2").isOpen()).as("another client").isTrue();
    assertThat(limit.open()).isEqualTo(3);
  }

  @Test
  void aClosedConnectionGivesItsSlotBack() {
    EmbeddedChannel first = connect("192.0.2.1");
    connect("192.0.2.1");
    first.close();
    assertThat(connect("192.0.2.1").isOpen()).isTrue();
  }

  @Test
  void ipv6AddressesOfOneSlash64CountAsOneClient() {
    assertThat(connect("2001:db8:1:2::1").isOpen()).isTrue();
    assertThat(connect("2001:db8:1:2::ffff").isOpen()).isTrue();
    assertThat(connect("2001:db8:1:2:abcd::1").isOpen()).as("same /64").isFalse();
    assertThat(connect("2001:db8:1:3::1").isOpen()).as("another /64").isTrue();
  }

  @Test
  void theOverallCapStillHolds() {
    for (int i = 1; i <= 5; i++) {
      assertThat(connect("192.0.2." + i).isOpen()).isTrue();
    }
    assertThat(connect("192.0.2.9").isOpen()).isFalse();
    assertThat(limit.open()).isEqualTo(5);
  }
}
