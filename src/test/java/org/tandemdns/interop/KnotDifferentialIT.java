package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.PeerBuilder;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.ServerProcess;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.ZoneSigner;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * Differential test against Knot DNS: every zone of {@code differential/zones} is served by one
 * knotd and by one Tandem, every question of {@code differential/questions.txt} is sent
 * byte-identical to both (UDP; every 4th question also over TCP, plus the table's TCP variants),
 * and the responses are compared by {@link ResponseComparison}.
 *
 * <p>Deliberate differences are listed in {@link #DELIBERATE}, and only there. With
 * {@code -Ddifferential.candidate=knot} a second knotd takes Tandem's place: a test of the corpus
 * and of the comparison themselves, which must then find no difference at all.
 */
class KnotDifferentialIT {

  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(3);
  private static final int TCP_EVERY = 4;

  /**
   * Where Tandem is RFC-right and deliberately answers differently from Knot, and the relaxed
   * comparison used there instead of {@link ResponseComparison#full}. Nothing else may differ.
   */
  static final List<DeliberateDifference> DELIBERATE =
      List.of(
          new DeliberateDifference(
              "CNAME/DNAME chains of more than 5 hops: c1.diff.test, [a.]x.toself.dname.test",
              q -> qnameIn(q, "c1.diff.test", "x.toself.dname.test", "a.x.toself.dname.test"),
              "Knot stops after 5 hops; RFC 1034 §4.3.2 step 3a has the server follow the chain, as BIND"
                  + " and NSD do for c1, and Tandem follows up to 16 hops: Knot's answer must begin Tandem's",
              KnotDifferentialIT::longerChain),
          new DeliberateDifference(
              "DNAME substitution longer than 255 octets: <63>.<63>.y.dname.test",
              q -> q.qname().subdomain(name("y.dname.test")) && q.qname().length() > 128,
              "RFC 6672 §2.2: the server returns YXDOMAIN with the DNAME as proof (so do BIND and NSD);"
                  + " Knot 3.2 answers NXDOMAIN with the zone's SOA",
              KnotDifferentialIT::yxdomain));

  private static List<String> longerChain(Message knot, Message tandem) {
    List<String> diffs = ResponseComparison.header(knot, tandem);
    if (tandem.getHeader().getFlag(Flags.TC) && !knot.getHeader().getFlag(Flags.TC)
        && tandem.getSection(Section.ANSWER).size() > knot.getSection(Section.ANSWER).size()) {
      diffs.removeIf(d -> d.startsWith("flag tc:")); // signed, the longer chain does not fit: TC is right (RFC 2181 §9)
    }
    diffs.addAll(ResponseComparison.answerStartsWithKnots(knot, tandem));
    diffs.addAll(ResponseComparison.sectionAsSet("authority", Section.AUTHORITY, knot, tandem));
    diffs.addAll(ResponseComparison.sectionAsSet("additional", Section.ADDITIONAL, knot, tandem));
    return diffs;
  }

  private static List<String> yxdomain(Message knot, Message tandem) {
    List<String> diffs = ResponseComparison.headerExceptRcode(knot, tandem);
    if (tandem.getRcode() != Rcode.YXDOMAIN || !tandem.getSection(Section.AUTHORITY).isEmpty()) {
      diffs.add("tandem must answer YXDOMAIN with an empty authority section (RFC 6672 §2.2)");
    }
    diffs.addAll(ResponseComparison.answerInOrder(knot, tandem));
    diffs.addAll(ResponseComparison.sectionAsSet("additional", Section.ADDITIONAL, knot, tandem));
    return diffs;
  }

  private static boolean qnameIn(DifferentialQuestion q, String... names) {
    return Arrays.stream(names).anyMatch(n -> q.qname().equals(name(n)));
  }

  private static Name name(String text) {
    return Name.fromConstantString(text + ".");
  }

  @Test
  void tandemAnswersLikeKnot() throws Exception {
    List<Path> zoneFiles = zoneFiles(resource("differential/zones"));
    List<DifferentialQuestion> questions =
        QuestionTable.parse(Files.readAllLines(resource("differential/questions.txt")));
    compareAll(zoneFiles, questions, false);
  }

  /**
   * The same corpus signed by BIND's {@code dnssec-signzone} (NSEC for some zones, NSEC3 and NSEC3
   * with opt-out for others: {@link #DENIAL}), every question asked with DO=1 (RFC 4035 §3.1),
   * plus the DNSSEC questions of {@code questions-dnssec.txt}: RRSIGs, NSEC/NSEC3 proofs, DS and
   * secure and insecure referrals must match Knot's section by section.
   */
  @Test
  void tandemAnswersLikeKnotOnSignedZones(@TempDir Path dir) throws Exception {
    List<Path> signed = new ArrayList<>();
    for (Path f : zoneFiles(resource("differential/zones"))) {
      String origin = origin(f);
      ZoneSigner.Signed s = ZoneSigner.sign(origin, f, dir.resolve(origin), DENIAL.getOrDefault(origin, ZoneSigner.Denial.NSEC));
      Path copy = dir.resolve(origin + ".zone");
      Files.copy(s.file(), copy);
      signed.add(copy);
    }
    List<DifferentialQuestion> questions = new ArrayList<>();
    for (DifferentialQuestion q : QuestionTable.parse(Files.readAllLines(resource("differential/questions.txt")))) {
      questions.add(q.withDnssecOk());
    }
    for (DifferentialQuestion q : QuestionTable.parse(Files.readAllLines(resource("differential/questions-dnssec.txt")))) {
      questions.add(q.renumbered(questions.size()));
    }
    compareAll(signed, questions, true);
  }

  /** How each zone of the corpus is signed; NSEC for the others. */
  private static final Map<String, ZoneSigner.Denial> DENIAL = Map.of(
      "wild.test", ZoneSigner.Denial.NSEC3,
      "pc.test", ZoneSigner.Denial.NSEC3,
      "deleg.test", ZoneSigner.Denial.NSEC3_OPT_OUT);

  /**
   * @param truncationIsASignal when both servers truncate a UDP answer, compare headers only and
   *     the same question over TCP in full: which RRsets of a signed answer fit in a truncated one
   *     is not specified (RFC 4035 §3.1.1, RFC 2181 §9), the client retries over TCP
   */
  private void compareAll(List<Path> zoneFiles, List<DifferentialQuestion> questions, boolean truncationIsASignal) {
    boolean knotVsKnot = "knot".equals(System.getProperty("differential.candidate"));

    try (KnotPeer knot = startKnot(zoneFiles);
        ServerProcess candidate = knotVsKnot ? startKnot(zoneFiles) : startTandem(zoneFiles)) {
      List<DeliberateDifference> deliberate = knotVsKnot ? List.of() : DELIBERATE;
      DifferentialRun run = new DifferentialRun(knotVsKnot ? "knot#2" : "tandem", deliberate);
      for (DifferentialQuestion q : questions) {
        boolean bothTruncated = compare(run, q, knot.endpoint(), candidate.endpoint(), truncationIsASignal);
        if (!q.options().tcp() && (q.index() % TCP_EVERY == 0 || bothTruncated)) {
          compare(run, q.overTcp(), knot.endpoint(), candidate.endpoint(), false);
        }
      }
      String summary = run.summary(zoneFiles.size(), questions.size());
      System.out.println(summary);
      if (!run.mismatches().isEmpty()) {
        fail(summary + "\n\n" + String.join("\n\n", run.mismatches()));
      }
    }
  }

  /** Compares one exchange; true when both answers were truncated and compared by header only. */
  private static boolean compare(DifferentialRun run, DifferentialQuestion q, Endpoint knot, Endpoint candidate,
      boolean truncationIsASignal) {
    Reply expected = ask(knot, q);
    Reply actual = ask(candidate, q);
    if (expected.message == null || actual.message == null) {
      String rcode = expected.message == null ? "none" : Rcode.string(expected.message.getRcode());
      run.mismatch(q, rcode, List.of("no usable response"), expected.text(), actual.text());
      return false;
    }
    boolean bothTruncated = truncationIsASignal && expected.message.getHeader().getFlag(Flags.TC)
        && actual.message.getHeader().getFlag(Flags.TC);
    Optional<DeliberateDifference> deliberate = run.deliberateFor(q);
    List<String> diffs =
        bothTruncated ? ResponseComparison.header(expected.message, actual.message)
            : deliberate.map(d -> d.comparison().apply(expected.message, actual.message))
                .orElseGet(() -> ResponseComparison.full(expected.message, actual.message));
    if (!diffs.isEmpty()) {
      run.mismatch(q, Rcode.string(expected.message.getRcode()), diffs, expected.text(), actual.text());
    } else {
      run.matched(q, Rcode.string(expected.message.getRcode()), deliberate.isPresent());
    }
    return bothTruncated;
  }

  private static Reply ask(Endpoint server, DifferentialQuestion q) {
    DnsQuery query = DnsQuery.to(server).timeout(QUERY_TIMEOUT);
    try {
      byte[] wire = (q.options().tcp() ? query.tcp() : query).sendRaw(q.wire());
      return new Reply(new Message(wire), null);
    } catch (UncheckedIOException | IOException e) {
      return new Reply(null, e.getMessage());
    }
  }

  /** A response, or why there is none. */
  private record Reply(Message message, String error) {
    String text() {
      return message != null ? message.toString() : "(no response: " + error + ")";
    }
  }

  private static KnotPeer startKnot(List<Path> zoneFiles) {
    PeerBuilder<KnotPeer> builder = KnotPeer.builder();
    zoneFiles.forEach(f -> builder.primary(PrimaryZone.of(origin(f), f)));
    return builder.start();
  }

  private static TandemProcess startTandem(List<Path> zoneFiles) {
    TandemProcess.Builder builder = TandemProcess.builder();
    zoneFiles.forEach(f -> builder.zone(origin(f), f));
    return builder.start();
  }

  /** {@code diff.test.zone} holds zone {@code diff.test}. */
  private static String origin(Path zoneFile) {
    String name = zoneFile.getFileName().toString();
    return name.substring(0, name.length() - ".zone".length());
  }

  private static List<Path> zoneFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> zones = new ArrayList<>(files.filter(f -> f.toString().endsWith(".zone")).sorted().toList());
      if (zones.isEmpty()) {
        throw new IllegalStateException("no zone files in " + dir);
      }
      return zones;
    }
  }

  private static Path resource(String name) throws URISyntaxException {
    var url = KnotDifferentialIT.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("test resource " + name + " not found");
    }
    return Path.of(url.toURI());
  }
}
