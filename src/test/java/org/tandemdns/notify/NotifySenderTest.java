package org.tandemdns.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tandemdns.config.HostPort;
import org.tandemdns.config.Remote;
import org.tandemdns.security.TsigKeyRing;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

class NotifySenderTest {
  private static final ZoneSnapshot ZONE = TestZones.parse("example.test.", """
      @ 3600 IN SOA ns1 hostmaster 7 7200 900 1209600 300
      @ 3600 IN NS ns1
      ns1 3600 IN A 192.0.2.1
      """);

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /** A UDP socket on loopback that takes NOTIFYs and never answers. */
  private DatagramSocket blackHole() throws Exception {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    open.add(s);
    return s;
  }

  /** A secondary that acknowledges every NOTIFY; {@code onNotify} runs before it answers. */
  private DatagramSocket secondary(Runnable onNotify) throws Exception {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    open.add(s);
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[4096];
      while (!s.isClosed()) {
        try {
          DatagramPacket p = new DatagramPacket(buffer, buffer.length);
          s.receive(p);
          Message notify = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
          onNotify.run();
          Message answer = new Message(notify.getHeader().getID());
          answer.getHeader().setOpcode(notify.getHeader().getOpcode());
          answer.getHeader().setFlag(Flags.QR);
          answer.getHeader().setFlag(Flags.AA);
          answer.addRecord(notify.getQuestion(), org.xbill.DNS.Section.QUESTION);
          byte[] wire = answer.toWire();
          s.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
        } catch (java.io.IOException e) {
          return; // closed
        }
      }
    }, "test-secondary");
    t.setDaemon(true);
    t.start();
    return s;
  }

  private static Remote remote(DatagramSocket s) {
    return new Remote(new HostPort(InetAddress.getLoopbackAddress(), s.getLocalPort()), null);
  }

  private static String target(DatagramSocket s) {
    return new HostPort(InetAddress.getLoopbackAddress(), s.getLocalPort()).toString();
  }

  @Test
  void aTargetThatNeverAnswersDelaysNoOther() throws Exception {
    DatagramSocket silent = blackHole();
    Map<String, NotifyStatus> silentWhenTheOtherWasTold = new ConcurrentHashMap<>();
    CountDownLatch told = new CountDownLatch(1);
    NotifySender[] sender = new NotifySender[1];
    DatagramSocket answering = secondary(() -> {
      sender[0].status(ZONE.origin()).stream().filter(s -> s.target().equals(target(silent)))
          .forEach(s -> silentWhenTheOtherWasTold.put("silent", s));
      told.countDown();
    });
    // the silent target comes first in the plan: told one after the other, the second would wait for
    // the first's timeout (NotifySender.TIMEOUT, 2 s) before it is sent anything
    NotifyPlan plan = new NotifyPlan(List.of(remote(silent), remote(answering)), false);
    sender[0] = new NotifySender(z -> plan, TsigKeyRing.empty(), Set.of(), Clock.systemUTC());
    open.add(sender[0]);

    sender[0].notifyAll(ZONE.origin(), ZONE);

    assertThat(told.await(30, TimeUnit.SECONDS)).as("the answering secondary was told").isTrue();
    NotifyStatus silentThen = silentWhenTheOtherWasTold.get("silent");
    assertThat(silentThen).as("the silent target's NOTIFY had been started").isNotNull();
    assertThat(silentThen.attempts()).isEqualTo(1);
    assertThat(silentThen.lastError()).as("its first attempt had not timed out yet").isNull();
    assertThat(silentThen.state()).isEqualTo(NotifyState.PENDING);
  }

  @Test
  void fiftySecondariesAreAllToldAndAcknowledge() throws Exception {
    CountDownLatch told = new CountDownLatch(50);
    List<Remote> targets = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      targets.add(remote(secondary(told::countDown)));
    }
    NotifyPlan plan = new NotifyPlan(targets, false);
    NotifySender sender = new NotifySender(z -> plan, TsigKeyRing.empty(), Set.of(), Clock.systemUTC());
    open.add(sender);

    sender.notifyAll(ZONE.origin(), ZONE);

    assertThat(told.await(30, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 300 && sender.status(ZONE.origin()).stream().anyMatch(s -> s.state() != NotifyState.ACKNOWLEDGED); i++) {
      Thread.sleep(20);
    }
    assertThat(sender.status(ZONE.origin())).hasSize(50).allSatisfy(s -> {
      assertThat(s.state()).isEqualTo(NotifyState.ACKNOWLEDGED);
      assertThat(s.serial()).isEqualTo(7);
    });
  }
}
