package org.tandemdns.monitor.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandemdns.dnsclient.AxfrClient;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.dnsclient.TransferLimits;
import org.tandemdns.dnsclient.TransferResult;
import org.tandemdns.zone.compare.CanonicalZone;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Servers that answer slowly, truncate, send endless transfers, answer for another zone or lie
 * about AA: every check ends within its bounds and names the trouble.
 */
class MisbehavingServerTest {

  private static final Name ZONE = Name.fromConstantString("example.test.");
  private static final Name OTHER = Name.fromConstantString("other.test.");
  private static final SOARecord SOA = soa(ZONE, 7);
  private static final ARecord WWW = a("www.example.test.", "192.0.2.1");

  private static SOARecord soa(Name zone, long serial) {
    return new SOARecord(zone, DClass.IN, 300, Name.fromConstantString("ns1." + zone), Name.fromConstantString("hm." + zone),
        serial, 3600, 600, 86400, 300);
  }

  private static ARecord a(String name, String address) {
    try {
      return new ARecord(Name.fromConstantString(name), DClass.IN, 300, java.net.InetAddress.getByName(address));
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static Message reply(Message q, boolean aa, int rcode, Record... answers) {
    Message m = new Message(q.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    if (aa) {
      m.getHeader().setFlag(Flags.AA);
    }
    m.getHeader().setRcode(rcode);
    m.addRecord(q.getQuestion(), Section.QUESTION);
    for (Record r : answers) {
      m.addRecord(r, Section.ANSWER);
    }
    return m;
  }

  /** Answers SOA and www A authoritatively; AXFR as {@code axfr} says. */
  private abstract static class Zone implements FakeDnsServer.Behaviour {
    @Override
    public List<Message> udp(Message q) {
      return List.of(answer(q));
    }

    @Override
    public List<Message> tcp(Message q) {
      return q.getQuestion().getType() == Type.AXFR ? axfr(q) : List.of(answer(q));
    }

    Message answer(Message q) {
      Record question = q.getQuestion();
      if (question.getType() == Type.SOA && question.getName().equals(ZONE)) {
        return reply(q, true, Rcode.NOERROR, SOA);
      }
      if (question.getType() == Type.A && question.getName().equals(WWW.getName())) {
        return reply(q, true, Rcode.NOERROR, WWW);
      }
      return reply(q, true, Rcode.NOERROR);
    }

    abstract List<Message> axfr(Message q);
  }

  private static final CheckSettings FAST = new CheckSettings(
      new QueryLimits(Duration.ofMillis(300), 2), new TransferLimits(Duration.ofSeconds(2), 5_000, 1 << 20), 100, 4, true, true);

  private static CheckReport check(FakeDnsServer server) {
    CanonicalZone expected = CanonicalZone.of(ZONE, List.of(SOA, WWW));
    CheckRequest req = new CheckRequest(ZONE, List.of(new Nameserver("fake", server.address())),
        new ReferenceSource.Expected("test", expected), Optional.empty(), Optional.empty(), FAST);
    return ZoneCheck.create(Clock.systemUTC()).run(req);
  }

  private static Zone refusingTransfers() {
    return new Zone() {
      @Override
      List<Message> axfr(Message q) {
        return List.of(reply(q, false, Rcode.REFUSED));
      }
    };
  }

  @Test
  void silentServerIsUnreachableWithinTheQueryBounds() throws Exception {
    FakeDnsServer.Behaviour silent = new FakeDnsServer.Behaviour() {
      @Override
      public List<Message> udp(Message q) {
        return List.of();
      }

      @Override
      public List<Message> tcp(Message q) {
        return null;
      }

      @Override
      public Message next(Message q, int n) {
        try {
          Thread.sleep(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return reply(q, true, Rcode.NOERROR, SOA);
      }
    };
    try (FakeDnsServer server = new FakeDnsServer(silent)) {
      long start = System.nanoTime();
      CheckReport r = check(server);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      NameserverReport s = r.nameservers().get(0);
      assertThat(s.health()).isEqualTo(Health.UNREACHABLE);
      assertThat(s.problem()).contains("no answer over UDP after 2 tries").contains("no answer over TCP");
      assertThat(r.exitCode()).isEqualTo(CheckReport.UNREACHABLE_OR_LAME);
      assertThat(took).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void truncatedUdpAnswerIsReadOverTcp() throws Exception {
    Zone truncating = new Zone() {
      @Override
      public List<Message> udp(Message q) {
        Message m = reply(q, true, Rcode.NOERROR);
        m.getHeader().setFlag(Flags.TC);
        return List.of(m);
      }

      @Override
      List<Message> axfr(Message q) {
        return List.of(reply(q, true, Rcode.NOERROR, SOA, WWW, SOA));
      }
    };
    try (FakeDnsServer server = new FakeDnsServer(truncating)) {
      CheckReport r = check(server);
      NameserverReport s = r.nameservers().get(0);
      assertThat(s.health()).isEqualTo(Health.OK);
      assertThat(s.serial()).isEqualTo(7L);
      assertThat(s.content()).isEqualTo("axfr");
      assertThat(r.exitCode()).isEqualTo(CheckReport.CONSISTENT);
    }
  }

  @Test
  void endlessTransferIsCutAtTheRecordCapAndTheServerCheckedByQueries() throws Exception {
    Zone endless = new Zone() {
      @Override
      public List<Message> tcp(Message q) {
        return q.getQuestion().getType() == Type.AXFR ? null : super.tcp(q);
      }

      @Override
      public Message next(Message q, int n) {
        List<Record> records = new ArrayList<>();
        if (n == 0) {
          records.add(SOA);
        }
        for (int i = 0; i < 100; i++) {
          records.add(a("h" + n + "-" + i + ".example.test.", "192.0.2.2"));
        }
        return reply(q, true, Rcode.NOERROR, records.toArray(Record[]::new));
      }

      @Override
      List<Message> axfr(Message q) {
        throw new UnsupportedOperationException();
      }
    };
    try (FakeDnsServer server = new FakeDnsServer(endless)) {
      CheckReport r = check(server);
      NameserverReport s = r.nameservers().get(0);
      assertThat(s.contentDetail()).startsWith("AXFR failed (over 5000 records: transfer cut off)");
      assertThat(s.content()).isEqualTo("queries");
      assertThat(s.differences()).isEmpty();
      assertThat(r.exitCode()).isEqualTo(CheckReport.CONSISTENT);
    }
  }

  @Test
  void tricklingTransferEndsAtTheTransferTimeout() throws Exception {
    Zone trickling = new Zone() {
      @Override
      public List<Message> tcp(Message q) {
        return q.getQuestion().getType() == Type.AXFR ? null : super.tcp(q);
      }

      @Override
      public Message next(Message q, int n) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return n == 0 ? reply(q, true, Rcode.NOERROR, SOA) : reply(q, true, Rcode.NOERROR, a("t" + n + ".example.test.", "192.0.2.3"));
      }

      @Override
      List<Message> axfr(Message q) {
        throw new UnsupportedOperationException();
      }
    };
    try (FakeDnsServer server = new FakeDnsServer(trickling)) {
      long start = System.nanoTime();
      TransferResult t = new AxfrClient().transfer(ZONE, server.address(), Optional.empty(),
          new TransferLimits(Duration.ofSeconds(1), 1_000_000, 1 << 30));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(t).isInstanceOfSatisfying(TransferResult.Failed.class,
          f -> assertThat(f.reason()).isEqualTo("did not complete within 1 s"));
    }
  }

  @Test
  void hugeTransferIsCutAtTheByteCap() throws Exception {
    Zone huge = new Zone() {
      @Override
      List<Message> axfr(Message q) {
        List<Message> out = new ArrayList<>();
        out.add(reply(q, true, Rcode.NOERROR, SOA));
        for (int n = 0; n < 200; n++) {
          out.add(reply(q, true, Rcode.NOERROR, a("big" + n + ".example.test.", "192.0.2.4")));
        }
        out.add(reply(q, true, Rcode.NOERROR, SOA));
        return out;
      }
    };
    try (FakeDnsServer server = new FakeDnsServer(huge)) {
      TransferResult t = new AxfrClient().transfer(ZONE, server.address(), Optional.empty(),
          new TransferLimits(Duration.ofSeconds(5), 1_000_000, 2_000));
      assertThat(t).isInstanceOfSatisfying(TransferResult.Failed.class,
          f -> assertThat(f.reason()).isEqualTo("over 2000 bytes: transfer cut off"));
    }
  }

  @Test
  void serverAnsweringWithAnotherZoneIsLameAndItsTransferRejected() throws Exception {
    Zone other = new Zone() {
      @Override
      Message answer(Message q) {
        return reply(q, true, Rcode.NOERROR, soa(OTHER, 1));
      }

      @Override
      List<Message> axfr(Message q) {
        return List.of(reply(q, true, Rcode.NOERROR, soa(OTHER, 1), a("x.other.test.", "192.0.2.5"), soa(OTHER, 1)));
      }
    };
    try (FakeDnsServer server = new FakeDnsServer(other)) {
      NameserverReport s = check(server).nameservers().get(0);
      assertThat(s.health()).isEqualTo(Health.LAME);
      assertThat(s.problem()).isEqualTo("lame: answered with the SOA of another zone (other.test.)");
      TransferResult t = new AxfrClient().transfer(ZONE, server.address(), Optional.empty(), FAST.transfer());
      assertThat(t).isInstanceOfSatisfying(TransferResult.Failed.class,
          f -> assertThat(f.reason()).isEqualTo("answered with another zone: other.test."));
    }
  }

  @Test
  void answerWithoutAaIsLame() throws Exception {
    Zone noAa = new Zone() {
      @Override
      Message answer(Message q) {
        return reply(q, false, Rcode.NOERROR, SOA);
      }

      @Override
      List<Message> axfr(Message q) {
        return List.of(reply(q, false, Rcode.REFUSED));
      }
    };
    try (FakeDnsServer server = new FakeDnsServer(noAa)) {
      CheckReport r = check(server);
      assertThat(r.nameservers().get(0).health()).isEqualTo(Health.LAME);
      assertThat(r.nameservers().get(0).problem()).isEqualTo("lame: answer without the AA bit");
      assertThat(r.exitCode()).isEqualTo(CheckReport.UNREACHABLE_OR_LAME);
    }
  }

  @Test
  void aaWithAnEmptyAnswerIsLame() throws Exception {
    Zone lying = new Zone() {
      @Override
      Message answer(Message q) {
        return reply(q, true, Rcode.NOERROR);
      }

      @Override
      List<Message> axfr(Message q) {
        return List.of(reply(q, false, Rcode.REFUSED));
      }
    };
    try (FakeDnsServer server = new FakeDnsServer(lying)) {
      NameserverReport s = check(server).nameservers().get(0);
      assertThat(s.health()).isEqualTo(Health.LAME);
      assertThat(s.problem()).isEqualTo("lame: AA set but no SOA in the answer");
    }
  }

  @Test
  void refusedIsLame() throws Exception {
    Zone refusing = new Zone() {
      @Override
      Message answer(Message q) {
        return reply(q, false, Rcode.REFUSED);
      }

      @Override
      List<Message> axfr(Message q) {
        return List.of(reply(q, false, Rcode.REFUSED));
      }
    };
    try (FakeDnsServer server = new FakeDnsServer(refusing)) {
      NameserverReport s = check(server).nameservers().get(0);
      assertThat(s.health()).isEqualTo(Health.LAME);
      assertThat(s.problem()).isEqualTo("lame: answered REFUSED");
    }
  }

  @Test
  void transferRefusedFallsBackToQueriesThatFindDrift() throws Exception {
    Zone refusing = refusingTransfers();
    try (FakeDnsServer server = new FakeDnsServer(refusing)) {
      CanonicalZone expected = CanonicalZone.of(ZONE, List.of(SOA, WWW, a("mail.example.test.", "192.0.2.25")));
      CheckRequest req = new CheckRequest(ZONE, List.of(new Nameserver("fake", server.address())),
          new ReferenceSource.Expected("test", expected), Optional.empty(), Optional.empty(), FAST);
      NameserverReport s = ZoneCheck.create(Clock.systemUTC()).run(req).nameservers().get(0);
      assertThat(s.content()).isEqualTo("queries");
      assertThat(s.differences()).extracting(Difference::owner, Difference::kind)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("mail.example.test.", "missing"));
    }
  }
}
