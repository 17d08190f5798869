package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tandemdns.testing.Acl;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.KnotPeer;
import org.tandemdns.testing.PeerProcess;
import org.tandemdns.testing.PowerDnsPeer;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.Remote;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TsigKey;
import org.tandemdns.testing.UnboundResolver;
import org.tandemdns.testing.Wait;
import org.tandemdns.testing.ZoneSigner;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Signed zones served by Tandem, judged by a validating resolver: Debian's Unbound, stubbed to the
 * Tandem under test and trusting only the zone's own key (see {@link UnboundResolver}), is asked one
 * question for every kind of answer (positive, NXDOMAIN, NODATA, empty non-terminal, wildcard
 * answer and NODATA, CNAME, DNAME, secure and insecure delegation's DS, DNSKEY). Each must come back
 * with the expected RCODE and answer and with AD set: Unbound proved it from the zone's key down,
 * so the RRSIGs and the NSEC/NSEC3 proofs Tandem chose were complete and right (RFC 4035 §3.1,
 * RFC 5155 §7.2). A failure lists every question that did not validate, with Unbound's answer, its
 * log line saying why, and Tandem's own answer to the same question.
 *
 * <p>Unbound only answers what it can reach, and the children of the zone's delegations are not
 * there; what Tandem puts in a referral (DS and its RRSIG, or the NSEC/NSEC3 proof that there is no
 * DS) and in the additional section is checked by asking Tandem directly.
 *
 * <p>The zone ({@code src/test/resources/dnssec/signed.test.zone}) is signed and served five ways:
 * by dnssec-signzone, served by a Tandem primary (NSEC, NSEC3, NSEC3 opt-out; {@code delv} judges
 * these too); by BIND's inline signing, Knot's automatic signing, and presigned in PowerDNS, each
 * transferred with TSIG by a Tandem secondary; and BIND's, through a chain of two Tandems.
 */
class ValidatingResolverIT {

  static final String ZONE = "signed.test";
  static final Path SOURCE = Path.of("src/test/resources/dnssec/signed.test.zone");
  static final Duration ARRIVES = Duration.ofSeconds(20);

  /** A name the zone has, as it appears in a dig answer line. */
  static String n(String relative) {
    return relative.isEmpty() ? ZONE + "." : relative + "." + ZONE + ".";
  }

  /** One record expected in the answer section: owner, type and the start of its RDATA. */
  record Rr(String owner, String type, String rdata) {
    @Override
    public String toString() {
      return owner + " " + type + (rdata.isEmpty() ? "" : " " + rdata + "…");
    }
  }

  /**
   * A question and what the validated answer must be: this RCODE, AD set, and exactly these
   * (owner, type) pairs in the answer section besides RRSIGs (none for NODATA and NXDOMAIN).
   *
   * @param closestEncloser whether an NSEC3-signed answer proves a name absent with a closest
   *     encloser proof, the next closer name covered by an NSEC3 (RFC 5155 §7.2.1-§7.2.6):
   *     NXDOMAIN, wildcard answers and wildcard NODATA, and an opt-out delegation's DS. When that
   *     NSEC3 has the opt-out flag, the answer is insecure: no AD (RFC 5155 §9.2).
   */
  record Question(String what, String name, String type, String rcode, List<Rr> answer, boolean closestEncloser) {
    @Override
    public String toString() {
      return name + " " + type + " (" + what + ")";
    }

    Question provenByClosestEncloser() {
      return new Question(what, name, type, rcode, answer, true);
    }
  }

  static Question q(String what, String relative, String type, String rcode, Rr... answer) {
    return new Question(what, n(relative), type, rcode, List.of(answer), false);
  }

  static Rr rr(String relative, String type, String rdata) {
    return new Rr(n(relative), type, rdata);
  }

  static final List<Question> QUESTIONS = List.of(
      q("apex SOA", "", "SOA", "NOERROR", rr("", "SOA", "ns1.signed.test. hostmaster.signed.test.")),
      q("apex NS", "", "NS", "NOERROR", rr("", "NS", "ns1.signed.test.")),
      q("an existing A", "www", "A", "NOERROR", rr("www", "A", "192.0.2.1")),
      q("a TXT", "txt", "TXT", "NOERROR", rr("txt", "TXT", "\"hello, validator\"")),
      q("an MX, its target in the zone", "", "MX", "NOERROR", rr("", "MX", "10 mail.signed.test.")),
      q("the MX target's A", "mail", "A", "NOERROR", rr("mail", "A", "192.0.2.25")),
      q("NXDOMAIN", "nothere", "A", "NXDOMAIN").provenByClosestEncloser(),
      q("NXDOMAIN after the last name (the chain wraps)", "zzz", "A", "NXDOMAIN").provenByClosestEncloser(),
      q("NXDOMAIN below an existing name", "below.www", "A", "NXDOMAIN").provenByClosestEncloser(),
      q("NODATA", "www", "AAAA", "NOERROR"),
      q("NODATA at the apex", "", "AAAA", "NOERROR"),
      q("an empty non-terminal", "b.ent", "A", "NOERROR"),
      q("an empty non-terminal two levels up", "ent", "TXT", "NOERROR"),
      q("a wildcard answer", "x.wild", "TXT", "NOERROR", rr("x.wild", "TXT", "\"wildcard\""))
          .provenByClosestEncloser(),
      q("a wildcard answer two labels below", "x.y.wild", "TXT", "NOERROR", rr("x.y.wild", "TXT", "\"wildcard\""))
          .provenByClosestEncloser(),
      q("a wildcard NODATA", "x.wild", "A", "NOERROR").provenByClosestEncloser(),
      q("the wildcard's parent, an empty non-terminal", "wild", "TXT", "NOERROR"),
      q("a CNAME into the zone", "alias", "A", "NOERROR", rr("alias", "CNAME", "www.signed.test."),
          rr("www", "A", "192.0.2.1")),
      q("a CNAME to a name that does not exist", "dangling", "A", "NXDOMAIN",
          rr("dangling", "CNAME", "nothere.signed.test.")).provenByClosestEncloser(),
      q("a name below a DNAME", "host.dname", "A", "NOERROR", rr("dname", "DNAME", "dtarget.signed.test."),
          rr("host.dname", "CNAME", "host.dtarget.signed.test."), rr("host.dtarget", "A", "192.0.2.53")),
      q("the DNAME itself", "dname", "DNAME", "NOERROR", rr("dname", "DNAME", "dtarget.signed.test.")),
      q("a secure delegation's DS", "secure", "DS", "NOERROR", rr("secure", "DS", "27843 13 2 ")),
      q("an insecure delegation's DS: proven absent", "insecure", "DS", "NOERROR").provenByClosestEncloser(),
      q("the zone's keys", "", "DNSKEY", "NOERROR", rr("", "DNSKEY", "")));

  @TempDir Path tmp;

  private final TsigKey key = TsigKey.generate("xfr-key");

  /**
   * With NSEC3 opt-out (dnssec-signzone -A sets the flag on every NSEC3) the insecure delegation
   * has no NSEC3 of its own, and every closest encloser proof ends in an opt-out NSEC3: those
   * answers (NXDOMAIN, wildcards, the insecure delegation's DS) must come back insecure, with the
   * right RCODE and answer but without AD (RFC 5155 §9.2); all the others still validate.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(ZoneSigner.Denial.class)
  void zoneSignedByDnssecSignzoneServedByATandemPrimary(ZoneSigner.Denial denial) throws IOException {
    ZoneSigner.Signed signed = ZoneSigner.sign(ZONE, SOURCE, tmp.resolve("keys"), denial);
    try (TandemProcess tandem = TandemProcess.builder().zone(ZONE, signed.file())
            .args("--api-listen", "127.0.0.1:0").start();
        UnboundResolver unbound = UnboundResolver.builder().trustAnchor(signed.ds()).stub(ZONE, tandem.endpoint())
            .start()) {
      String served = "a Tandem primary serving the zone signed by dnssec-signzone (" + denial + ")";
      Set<Question> insecure = denial != ZoneSigner.Denial.NSEC3_OPT_OUT ? Set.of()
          : QUESTIONS.stream().filter(Question::closestEncloser).collect(Collectors.toSet());
      judge(unbound, tandem, served, insecure);
      checkDirectly(tandem, served);
      judgeWithDelv(tandem, signed.dnskey(), served, insecure);
    }
  }

  @Test
  void zoneSignedInlineByBindTransferredToATandemSecondary() {
    Endpoint tandemAt = Endpoint.freeLoopback();
    try (BindPeer bind = bindSigning(Endpoint.freeLoopback(), tandemAt);
        TandemProcess tandem = secondaryOf(bind, tandemAt, "tandem")) {
      awaitSameSerial(bind, tandem);
      try (UnboundResolver unbound = startUnbound(ksk(bind), tandem)) {
        String served = "a Tandem secondary of BIND (dnssec-policy default, inline-signing)";
        judge(unbound, tandem, served);
        checkDirectly(tandem, served);
      }
    }
  }

  @Test
  void zoneSignedByKnotTransferredToATandemSecondary() {
    Endpoint tandemAt = Endpoint.freeLoopback();
    try (KnotPeer knot = KnotPeer.zoneOptionsBuilder("dnssec-signing: on").primary(primaryZone(SOURCE, tandemAt))
            .start();
        TandemProcess tandem = secondaryOf(awaitSigned(knot), tandemAt, "tandem")) {
      awaitSameSerial(knot, tandem);
      try (UnboundResolver unbound = startUnbound(ksk(knot), tandem)) {
        String served = "a Tandem secondary of Knot (dnssec-signing: on, default policy)";
        judge(unbound, tandem, served);
        checkDirectly(tandem, served);
      }
    }
  }

  @Test
  void presignedZoneServedByPowerDnsTransferredToATandemSecondary() {
    // NSEC: PowerDNS's own NSEC3PARAM would break a presigned NSEC3 zone (see PowerDnsPeer.presignedBuilder)
    ZoneSigner.Signed signed = ZoneSigner.sign(ZONE, SOURCE, tmp.resolve("keys"), ZoneSigner.Denial.NSEC);
    Endpoint tandemAt = Endpoint.freeLoopback();
    try (PowerDnsPeer pdns = PowerDnsPeer.presignedBuilder().primary(primaryZone(signed.file(), tandemAt)).start();
        TandemProcess tandem = secondaryOf(awaitSigned(pdns), tandemAt, "tandem")) {
      awaitSameSerial(pdns, tandem);
      try (UnboundResolver unbound = startUnbound(List.of(signed.dnskey()), tandem)) {
        String served = "a Tandem secondary of PowerDNS (bind backend, zone presigned by dnssec-signzone)";
        judge(unbound, tandem, served);
        checkDirectly(tandem, served);
      }
    }
  }

  @Test
  void zoneSignedInlineByBindThroughAChainOfTwoTandems() {
    TsigKey bottomKey = TsigKey.generate("bottom-key");
    Endpoint bindAt = Endpoint.freeLoopback();
    Endpoint middleAt = Endpoint.freeLoopback();
    Endpoint bottomAt = Endpoint.freeLoopback();
    Path middleConfig = SecondaryYaml.server(middleAt, tmp.resolve("middle-data"))
        .key(key)
        .key(bottomKey)
        .secondary(ZONE, List.of(bindAt + " key " + key.name()),
            "allow-transfer: [\"127.0.0.1 key " + bottomKey.name() + "\"]",
            "notify: [\"" + bottomAt + " key " + bottomKey.name() + "\"]",
            "notify-ns: false")
        .write(tmp.resolve("middle.yaml"));
    Path bottomConfig = SecondaryYaml.server(bottomAt, tmp.resolve("bottom-data"))
        .key(bottomKey)
        .secondary(ZONE, List.of(middleAt + " key " + bottomKey.name()), "notify-ns: false")
        .write(tmp.resolve("bottom.yaml"));
    try (BindPeer bind = bindSigning(bindAt, middleAt);
        TandemProcess middle = TandemProcess.builder().config(middleConfig, middleAt).awaitZone(ZONE).start();
        TandemProcess bottom = TandemProcess.builder().config(bottomConfig, bottomAt).awaitZone(ZONE).start()) {
      awaitSameSerial(bind, middle);
      awaitSameSerial(bind, bottom);
      try (UnboundResolver unbound = startUnbound(ksk(bind), bottom)) {
        String served = "the second Tandem of a chain BIND (inline-signing) -> Tandem -> Tandem";
        judge(unbound, bottom, served);
        checkDirectly(bottom, served);
      }
    }
  }

  // --- the judges ---

  private void judge(UnboundResolver unbound, TandemProcess tandem, String served) {
    judge(unbound, tandem.endpoint(), served, Set.of());
  }

  private void judge(UnboundResolver unbound, TandemProcess tandem, String served, Set<Question> insecure) {
    judge(unbound, tandem.endpoint(), served, insecure);
  }

  private void checkDirectly(TandemProcess tandem, String served) {
    checkDirectly(tandem.endpoint(), served);
  }

  private void judgeWithDelv(TandemProcess tandem, String dnskey, String served, Set<Question> insecure)
      throws IOException {
    judgeWithDelv(tmp, tandem.endpoint(), dnskey, served, insecure);
  }

  /**
   * Asks unbound every question; fails listing each answer that is not the expected one, validated
   * (AD set) or, for the questions in {@code insecure}, proven insecure (AD clear, no SERVFAIL).
   */
  static void judge(UnboundResolver unbound, Endpoint tandem, String served, Set<Question> insecure) {
    List<String> failures = new ArrayList<>();
    for (Question question : QUESTIONS) {
      int mark = Logs.mark(unbound);
      CommandResult result = unbound.dig(question.name(), question.type());
      DigAnswer answer = DigAnswer.parse(result.stdout());
      List<String> wrong = answer.mismatches(question, !insecure.contains(question));
      if (!wrong.isEmpty()) {
        failures.add(question + ": " + String.join("; ", wrong)
            + "\n    unbound's log:\n" + indent(orNone(Logs.since(unbound, mark).strip()), 6)
            + "\n    unbound's answer:\n" + indent(sections(result.output()), 6)
            + "\n    Tandem's own answer (dig +dnssec +norec @" + tandem.host() + " -p "
            + tandem.port() + " " + question.name() + " " + question.type() + "):\n"
            + indent(sections(DigRunner.dig(tandem, "+dnssec", "+norec", question.name(), question.type())
                .output()), 6));
      }
    }
    if (!failures.isEmpty()) {
      fail("unbound (validating, stubbed to " + served + " at " + tandem + ") did not validate "
          + failures.size() + " of " + QUESTIONS.size() + " answers as expected:\n\n"
          + String.join("\n\n", failures) + "\n\nunbound.conf:\n" + indent(read(unbound.configFile()), 2));
    }
  }

  /** {@code delv} (BIND's validator, asking Tandem directly) as a second judge of every question. */
  static void judgeWithDelv(Path tmp, Endpoint tandem, String dnskey, String served, Set<Question> insecure)
      throws IOException {
    String[] f = dnskey.split("\\s+");
    int at = List.of(f).indexOf("DNSKEY");
    StringBuilder keyData = new StringBuilder();
    for (int i = at + 4; i < f.length; i++) {
      keyData.append(f[i]);
    }
    Path anchor = tmp.resolve("delv-anchor.conf");
    Files.writeString(anchor, "trust-anchors { \"" + ZONE + ".\" static-key " + f[at + 1] + " " + f[at + 2] + " "
        + f[at + 3] + " \"" + keyData + "\"; };\n");
    List<String> failures = new ArrayList<>();
    for (Question question : QUESTIONS) {
      CommandResult r = DigRunner.run(DigRunner.DEFAULT_TIMEOUT, null, "delv",
          List.of("@" + tandem.host(), "-p", Integer.toString(tandem.port()), "-a",
              anchor.toString(), "+root=" + ZONE, question.name(), question.type()));
      String out = r.output();
      boolean negative = question.answer().stream().noneMatch(a -> a.type().equals(question.type()));
      String expectedFailure = question.rcode().equals("NXDOMAIN") ? "resolution failed: ncache nxdomain"
          : negative ? "resolution failed: ncache nxrrset" : null;
      // BIND 9.18's validator takes an opt-out closest encloser proof as secure (it does not apply
      // RFC 5155 §9.2 as unbound does): for those answers delv may say either, but nothing worse
      boolean mayBeInsecure = insecure.contains(question);
      boolean verdict = out.contains("fully validated") || mayBeInsecure && out.contains("unsigned answer");
      boolean ok = verdict
          && (expectedFailure == null ? !out.contains("resolution failed") : out.contains(expectedFailure));
      if (!ok) {
        failures.add(question + ": expected 'fully validated'" + (mayBeInsecure ? " or 'unsigned answer'" : "")
            + (expectedFailure == null ? "" : " and '" + expectedFailure + "'") + "\n" + indent(out.strip(), 6));
      }
    }
    if (!failures.isEmpty()) {
      fail("delv (validating " + served + " at " + tandem + ") did not validate " + failures.size()
          + " of " + QUESTIONS.size() + " answers:\n\n" + String.join("\n\n", failures));
    }
  }

  /**
   * What the resolver does not show: Tandem's referrals (the secure one with DS and its RRSIG, the
   * insecure one with the NSEC/NSEC3 proof of no DS, both without AA and with glue) and the MX's
   * additional A with its RRSIG (RFC 4035 §3.1.1, §3.1.4), asked with DO over TCP.
   */
  static void checkDirectly(Endpoint tandem, String served) {
    List<String> failures = new ArrayList<>();

    Message secure = askWithDo(tandem, n("host.secure"), Type.A);
    List<String> s = new ArrayList<>();
    referral(secure, n("secure"), n("ns.secure"), s);
    if (!has(secure, Section.AUTHORITY, n("secure"), Type.DS)) {
      s.add("no DS in the authority section");
    }
    if (!signed(secure, Section.AUTHORITY, n("secure"), Type.DS)) {
      s.add("no RRSIG over the DS");
    }
    report(failures, "the secure referral (host.secure." + ZONE + ". A)", s, secure);

    Message insecure = askWithDo(tandem, n("host.insecure"), Type.A);
    List<String> i = new ArrayList<>();
    referral(insecure, n("insecure"), n("ns.insecure"), i);
    if (has(insecure, Section.AUTHORITY, n("insecure"), Type.DS)) {
      i.add("a DS in the authority section");
    }
    List<Record> proof = insecure.getSection(Section.AUTHORITY).stream()
        .filter(r -> r.getType() == Type.NSEC || r.getType() == Type.NSEC3).toList();
    if (proof.isEmpty()
        || !proof.stream().allMatch(r -> signed(insecure, Section.AUTHORITY, r.getName().toString(), r.getType()))) {
      i.add("no signed NSEC/NSEC3 proving that there is no DS");
    }
    report(failures, "the insecure referral (host.insecure." + ZONE + ". A)", i, insecure);

    Message mx = askWithDo(tandem, n(""), Type.MX);
    List<String> m = new ArrayList<>();
    if (!mx.getHeader().getFlag(Flags.AA) || mx.getRcode() != Rcode.NOERROR) {
      m.add("not an authoritative NOERROR");
    }
    if (!has(mx, Section.ADDITIONAL, n("mail"), Type.A)) {
      m.add("no A of mail." + ZONE + ". in the additional section");
    } else if (!signed(mx, Section.ADDITIONAL, n("mail"), Type.A)) {
      m.add("the additional A of mail." + ZONE + ". without its RRSIG");
    }
    report(failures, "the MX's additional section (" + ZONE + ". MX)", m, mx);

    if (!failures.isEmpty()) {
      fail("Tandem (" + served + " at " + tandem + "), asked directly with DO:\n\n"
          + String.join("\n\n", failures));
    }
  }

  private static void referral(Message m, String cut, String glue, List<String> problems) {
    if (m.getRcode() != Rcode.NOERROR || m.getHeader().getFlag(Flags.AA)) {
      problems.add("not a NOERROR referral without AA");
    }
    if (!m.getSection(Section.ANSWER).isEmpty()) {
      problems.add("records in the answer section");
    }
    if (!has(m, Section.AUTHORITY, cut, Type.NS)) {
      problems.add("no NS of " + cut + " in the authority section");
    }
    if (signed(m, Section.AUTHORITY, cut, Type.NS)) {
      problems.add("the delegation's NS signed (the parent does not sign it, RFC 4035 §2.2)");
    }
    if (!has(m, Section.ADDITIONAL, glue, Type.A)) {
      problems.add("no glue A of " + glue);
    }
  }

  private static void report(List<String> failures, String what, List<String> problems, Message answer) {
    if (!problems.isEmpty()) {
      failures.add(what + ": " + String.join("; ", problems) + "\n" + indent(answer.toString().strip(), 6));
    }
  }

  private static Message askWithDo(Endpoint tandem, String name, int type) {
    Message query = DnsQuery.question(name, type);
    query.addRecord(new OPTRecord(1232, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
    return DnsQuery.to(tandem).tcp().send(query);
  }

  private static boolean has(Message m, int section, String owner, int type) {
    return m.getSection(section).stream()
        .anyMatch(r -> r.getType() == type && r.getName().toString().equalsIgnoreCase(owner));
  }

  private static boolean signed(Message m, int section, String owner, int type) {
    return m.getSection(section).stream().anyMatch(r -> r instanceof RRSIGRecord sig && sig.getTypeCovered() == type
        && r.getName().toString().equalsIgnoreCase(owner));
  }

  // --- peers, secondaries and keys ---

  /** BIND signing the zone inline with the default policy (one CSK, NSEC), NOTIFY to {@code notifyTarget}. */
  private BindPeer bindSigning(Endpoint listen, Endpoint notifyTarget) {
    BindPeer bind = BindPeer.zoneOptionsBuilder("dnssec-policy default;", "inline-signing yes;")
        .listen(listen).primary(primaryZone(SOURCE, notifyTarget)).start();
    try {
      return awaitSigned(bind);
    } catch (RuntimeException | Error e) {
      bind.close();
      throw e;
    }
  }

  private PrimaryZone primaryZone(Path file, Endpoint tandemAt) {
    return PrimaryZone.of(ZONE, file).allowTransfer(Acl.key(key)).notifyTo(Remote.of(tandemAt, key));
  }

  /** A Tandem secondary of {@code primary}, TSIG on transfers and NOTIFY, started once it has the zone. */
  private TandemProcess secondaryOf(PeerProcess primary, Endpoint at, String name) {
    Path config = SecondaryYaml.server(at, tmp.resolve(name + "-data"))
        .key(key)
        .secondary(ZONE, List.of(primary.endpoint() + " key " + key.name()), "notify-ns: false")
        .write(tmp.resolve(name + ".yaml"));
    return TandemProcess.builder().config(config, at).awaitZone(ZONE).start();
  }

  /**
   * Waits until {@code primary} serves a completely signed zone: its AXFR passes dnssec-verify (a
   * signer may answer before it has signed every RRset).
   */
  private <P extends PeerProcess> P awaitSigned(P primary) {
    String[] last = {""};
    Wait.until(ARRIVES, () -> {
      CommandResult axfr = DigRunner.dig(primary.endpoint(), "+nocmd", "+nostats", "+nocomments", "-y", key.digArg(),
          "AXFR", ZONE);
      if (!axfr.ok() || !axfr.stdout().contains("RRSIG")) {
        last[0] = axfr.output();
        return false;
      }
      // without the TSIG pseudo-records dig prints (class ANY), which are not zone data
      String zone = axfr.stdout().lines().filter(l -> !l.matches("\\S+\\s+\\d+\\s+ANY\\s+TSIG\\s.*"))
          .collect(Collectors.joining("\n", "", "\n"));
      Path file = write(tmp.resolve("primary-axfr.zone"), zone);
      CommandResult verify = DigRunner.run(Duration.ofSeconds(30), null, "dnssec-verify",
          List.of("-z", "-o", ZONE, file.toString()));
      last[0] = verify.output();
      return verify.ok();
    }, () -> primary + " never served a zone that dnssec-verify accepts:\n" + last[0]);
    return primary;
  }

  /** Waits until {@code tandem} serves the serial {@code primary} serves now (signers bump it). */
  private static void awaitSameSerial(PeerProcess primary, TandemProcess tandem) {
    Wait.until(ARRIVES, () -> {
      long serial = primary.serial(ZONE);
      return serial >= 0 && tandem.serial(ZONE) == serial;
    }, () -> tandem + " serves serial " + tandem.serial(ZONE) + ", " + primary + " " + primary.serial(ZONE));
  }

  /** The KSK (DNSKEY flags 257) {@code primary} serves, as trust anchor lines. */
  private static List<String> ksk(PeerProcess primary) {
    String answer =
        DigRunner.dig(primary.endpoint(), "+norec", "+noall", "+answer", ZONE, "DNSKEY").requireOk().stdout();
    List<String> ksks = answer.lines().filter(l -> {
      String[] f = l.split("\\s+");
      return f.length > 5 && f[3].equals("DNSKEY") && f[4].equals("257");
    }).toList();
    if (ksks.isEmpty()) {
      throw new AssertionError(primary + " serves no DNSKEY with flags 257:\n" + answer);
    }
    return ksks;
  }

  private static UnboundResolver startUnbound(List<String> anchors, TandemProcess tandem) {
    UnboundResolver.Builder b = UnboundResolver.builder().stub(ZONE, tandem.endpoint());
    anchors.forEach(b::trustAnchor);
    return b.start();
  }

  // --- dig output ---

  /** The parts of a dig answer the questions are checked against. */
  record DigAnswer(String status, List<String> flags, List<String[]> answer) {

    private static final Pattern STATUS = Pattern.compile("status: ([A-Z]+)");
    private static final Pattern FLAGS = Pattern.compile(";; flags:([a-z ]*);");

    static DigAnswer parse(String out) {
      Matcher status = STATUS.matcher(out);
      Matcher flags = FLAGS.matcher(out);
      List<String[]> answer = new ArrayList<>();
      boolean inAnswer = false;
      for (String line : out.split("\n")) {
        if (line.startsWith(";; ANSWER SECTION:")) {
          inAnswer = true;
        } else if (line.isBlank() || line.startsWith(";;")) {
          inAnswer = false;
        } else if (inAnswer) {
          answer.add(line.strip().split("\\s+", 5));
        }
      }
      return new DigAnswer(status.find() ? status.group(1) : "no answer",
          flags.find() ? List.of(flags.group(1).strip().split("\\s+")) : List.of(), answer);
    }

    List<String> mismatches(Question q, boolean secure) {
      List<String> wrong = new ArrayList<>();
      if (!status.equals(q.rcode())) {
        wrong.add("status " + status + ", expected " + q.rcode());
      }
      if (secure && !flags.contains("ad")) {
        wrong.add("AD not set (flags: " + String.join(" ", flags) + ")");
      } else if (!secure && flags.contains("ad")) {
        wrong.add("AD set, expected an insecure answer (flags: " + String.join(" ", flags) + ")");
      }
      Set<String> got = answer.stream().filter(f -> f.length == 5 && !f[3].equals("RRSIG"))
          .map(f -> f[0].toLowerCase() + " " + f[3]).collect(Collectors.toCollection(LinkedHashSet::new));
      Set<String> expected = q.answer().stream().map(a -> a.owner() + " " + a.type())
          .collect(Collectors.toCollection(LinkedHashSet::new));
      if (!got.equals(expected)) {
        wrong.add("answer section " + (got.isEmpty() ? "empty" : got) + ", expected "
            + (expected.isEmpty() ? "empty" : expected));
      }
      for (Rr want : q.answer()) {
        boolean found = answer.stream().anyMatch(f -> f.length == 5 && f[0].equalsIgnoreCase(want.owner())
            && f[3].equals(want.type()) && f[4].replaceAll("\\s+", " ").startsWith(want.rdata()));
        if (got.contains(want.owner() + " " + want.type()) && !found) {
          wrong.add("no " + want + " in the answer");
        }
      }
      return wrong;
    }
  }

  /** dig's header and sections, without the command and statistics lines. */
  private static String sections(String digOutput) {
    return digOutput.lines()
        .filter(l -> !l.startsWith("; <<>>") && !l.startsWith(";; global options") && !l.startsWith(";; Query time")
            && !l.startsWith(";; WHEN") && !l.startsWith(";; MSG SIZE") && !l.startsWith(";; SERVER")
            && !l.startsWith("; (1 server"))
        .collect(Collectors.joining("\n")).strip();
  }

  private static String indent(String text, int spaces) {
    String pad = " ".repeat(spaces);
    return text.lines().map(l -> pad + l).collect(Collectors.joining("\n"));
  }

  private static String orNone(String text) {
    return text.isEmpty() ? "(nothing logged)" : text;
  }

  private static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + e + ")";
    }
  }
}

