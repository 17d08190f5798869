package org.tandemdns.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.tandemdns.query.AnswerEngine;
import org.tandemdns.zone.DenialChain;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What Tandem says about a pre-signed zone, good and bad: the zone {@code dnssec/unit/example.zone}
 * as {@code dnssec-signzone} signed it, and copies broken the ways a signer or a transfer can break
 * them. A bad zone is served as given, with one clear WARN line per problem.
 */
class SignedZoneInspectorTest {
  private static final Name ORIGIN = Name.fromConstantString("example.");
  private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger watchLog = (Logger) LoggerFactory.getLogger(SignatureWatch.class);

  @BeforeEach
  void captureLogs() {
    logs.start();
    watchLog.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    watchLog.detachAppender(logs);
  }

  @Test
  void reportsKeysChainAndEarliestExpiryOfAGoodZone() {
    SignedZoneReport nsec = SignedZoneInspector.inspect(zone("example.nsec.zone"), NOW);
    assertThat(nsec.signed()).isTrue();
    assertThat(nsec.denial()).isEqualTo(DenialChain.Kind.NSEC);
    assertThat(nsec.keys()).singleElement().satisfies(k -> {
      assertThat(k.flags()).isEqualTo(257);
      assertThat(k.algorithm()).isEqualTo(13);
      assertThat(k.sep()).isTrue();
    });
    assertThat(nsec.earliestExpiry()).isEqualTo(Instant.parse("2090-12-31T00:00:00Z"));
    assertThat(nsec.signatures()).isGreaterThan(20);
    assertThat(nsec.problems()).isEmpty();

    SignedZoneReport nsec3 = SignedZoneInspector.inspect(zone("example.nsec3.zone"), NOW);
    assertThat(nsec3.denial()).isEqualTo(DenialChain.Kind.NSEC3);
    assertThat(nsec3.nsec3()).isEqualTo(new SignedZoneReport.Nsec3(1, 0, "-", false));
    assertThat(nsec3.problems()).isEmpty();
    assertThat(SignedZoneInspector.inspect(zone("example.optout.zone"), NOW).nsec3().optOut()).isTrue();
  }

  @Test
  void anUnsignedZoneIsReportedUnsigned() {
    assertThat(SignedZoneInspector.inspect(zone("example.zone"), NOW)).isEqualTo(SignedZoneReport.UNSIGNED);
  }

  @Test
  void aPartlySignedZoneIsNamed() {
    ZoneSnapshot z = TestZones.parse("example.", without(text("example.nsec.zone"), "RRSIG\tTXT ", 4));
    assertThat(SignedZoneInspector.inspect(z, NOW).problems())
        .singleElement().asString().contains("have no RRSIG").contains("*.wild.example. TXT");
  }

  @Test
  void signaturesForMissingRRsetsAreNamed() {
    String text = text("example.nsec.zone").replace("\t\t\t3600\tTXT\t\"www\"\n", "\n");
    SignedZoneReport r = SignedZoneInspector.inspect(TestZones.parse("example.", text), NOW);
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("cover an RRset that is not in the zone")
        .contains("www.example. RRSIG TXT"));
  }

  @Test
  void aBrokenNsecChainIsNamedAndServedAsGiven() throws Exception {
    ZoneSnapshot z = TestZones.parse("example.", without(text("example.nsec.zone"), "NSEC\tns1.example.", 0));
    SignedZoneReport r = SignedZoneInspector.inspect(z, NOW);
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("NSEC chain")
        .contains("insecure.example. NSEC points to mail.example., the next owner is ns1.example."));
    // served as given: the NSEC that covers the name is still the one before it, nothing invented
    Message m = ask(z, "nothere.example.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(m.getSection(Section.AUTHORITY)).anyMatch(x -> x.getType() == Type.NSEC && x.getName().toString().equals("insecure.example."));
  }

  @Test
  void nsec3WithAbsurdIterationsIsAProblemAndGetsNoProofs() throws Exception {
    String text = text("example.nsec3.zone").replace("NSEC3PARAM 1 0 0 -", "NSEC3PARAM 1 0 500 -")
        .replace("NSEC3 1 0 0 -", "NSEC3 1 0 500 -");
    ZoneSnapshot z = TestZones.parse("example.", text);
    SignedZoneReport r = SignedZoneInspector.inspect(z, NOW);
    assertThat(r.nsec3().iterations()).isEqualTo(500);
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("500 iterations").contains("RFC 9276"));
    Message m = ask(z, "nothere.example.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(m.getSection(Section.AUTHORITY)).noneMatch(x -> x.getType() == Type.NSEC3)
        .anyMatch(x -> x.getType() == Type.SOA);
  }

  @Test
  void expiredSignaturesAreAProblem() {
    SignedZoneReport r = SignedZoneInspector.inspect(zone("example.nsec.zone"), Instant.parse("2091-01-01T00:00:00Z"));
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("signatures have expired"));
  }

  @Test
  void watchWarnsOnceForEachNewProblemAndWhenExpiryIsNear() {
    ZoneSnapshot broken = TestZones.parse("example.", without(text("example.nsec.zone"), "NSEC\tns1.example.", 0));
    Clock clock = Clock.fixed(Instant.parse("2090-12-29T00:00:00Z"), ZoneOffset.UTC);
    try (SignatureWatch watch = new SignatureWatch(clock, Duration.ofDays(3))) {
      watch.inspectNow(ORIGIN, broken);
      watch.inspectNow(ORIGIN, broken); // the next version with the same problem: not repeated
      assertThat(warnings("NSEC chain")).hasSize(1);
      assertThat(warnings("expires at 2090-12-31T00:00:00Z")).hasSize(2);
      assertThat(watch.secondsToExpiry(ORIGIN)).isEqualTo(Duration.ofDays(2).getSeconds());
      watch.checkExpiries();
      assertThat(warnings("within dnssec-expiry-warning 72h")).hasSize(3);
    }
    try (SignatureWatch farFromExpiry = new SignatureWatch(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(3))) {
      logs.list.clear();
      farFromExpiry.inspectNow(ORIGIN, zone("example.nsec.zone"));
      farFromExpiry.checkExpiries();
      assertThat(warnings("")).isEmpty();
    }
  }

  @Test
  void watchWarnsWhenAZoneIsNoLongerSigned() {
    try (SignatureWatch watch = new SignatureWatch(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(3))) {
      watch.inspectNow(ORIGIN, zone("example.nsec.zone"));
      watch.inspectNow(ORIGIN, zone("example.zone"));
      assertThat(warnings("is not signed any more")).hasSize(1);
      assertThat(watch.report(ORIGIN).signed()).isFalse();
    }
  }

  private List<String> warnings(String containing) {
    return logs.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
        .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).toList();
  }

  private static Message ask(ZoneSnapshot z, String name, int type) throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    q.addRecord(new OPTRecord(1232, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
    return new AnswerEngine(TestZones.table(z)).answer(q);
  }

  /** {@code text} without the line containing {@code marker} and the {@code extra} lines after it. */
  private static String without(String text, String marker, int extra) {
    List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n")));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        for (int k = 0; k <= extra; k++) {
          lines.remove(i);
        }
        return String.join("\n", lines) + "\n";
      }
    }
    throw new IllegalArgumentException("no line with " + marker);
  }

  private static ZoneSnapshot zone(String file) {
    return TestZones.parse("example.", text(file));
  }

  private static String text(String file) {
    try (InputStream in = SignedZoneInspectorTest.class.getResourceAsStream("/dnssec/unit/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
