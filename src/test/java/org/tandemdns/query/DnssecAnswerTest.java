package org.tandemdns.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * DNSSEC answers of a signed zone, one table per RFC section. The zone {@code dnssec/unit/example.zone}
 * was signed by BIND's {@code dnssec-signzone} three times (NSEC; NSEC3 without salt, 0 iterations;
 * NSEC3 with opt-out) and the signed files are kept beside it; signatures are not checked here
 * (ValidatingResolverIT and KnotDifferentialIT do that), the choice of records is.
 */
class DnssecAnswerTest {

  private static final ZoneSnapshot NSEC = load("example.nsec.zone");
  private static final ZoneSnapshot NSEC3 = load("example.nsec3.zone");
  private static final ZoneSnapshot OPT_OUT = load("example.optout.zone");

  /**
   * RFC 4035 §3.1 with NSEC: "RCODE flags | answer | authority | additional", records as {@code
   * owner TYPE}, signatures as {@code owner RRSIG/COVERED}.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      # §3.1.1: an RRSIG beside every authoritative RRset, in answer and additional
      www.example. A         => NOERROR aa | www.example. A, www.example. RRSIG/A | - | -
      example. MX            => NOERROR aa | example. MX, example. RRSIG/MX | - | mail.example. A, mail.example. RRSIG/A
      example. DNSKEY        => NOERROR aa | example. DNSKEY, example. RRSIG/DNSKEY | - | -
      # §3.1.3.1 (and RFC 6672 §5.3.3): CNAME and DNAME signed, the synthesized CNAME not
      alias.example. A       => NOERROR aa | alias.example. CNAME, alias.example. RRSIG/CNAME, www.example. A, www.example. RRSIG/A | - | -
      host.dn.example. A     => NOERROR aa | dn.example. DNAME, dn.example. RRSIG/DNAME, host.dn.example. CNAME, host.target.example. A, host.target.example. RRSIG/A | - | -
      # §3.1.3.1 NODATA: the NSEC at the name; an empty non-terminal: the NSEC that covers it
      www.example. MX        => NOERROR aa | - | example. SOA, example. RRSIG/SOA, www.example. NSEC, www.example. RRSIG/NSEC | -
      ent.example. A         => NOERROR aa | - | example. SOA, example. RRSIG/SOA, dn.example. NSEC, dn.example. RRSIG/NSEC | -
      b.ent.example. A       => NOERROR aa | - | example. SOA, example. RRSIG/SOA, dn.example. NSEC, dn.example. RRSIG/NSEC | -
      # §3.1.3.2 NXDOMAIN: the NSEC covering the name and the one proving no wildcard (*.example. sorts right after example.)
      nothere.example. A     => NXDOMAIN aa | - | example. SOA, example. RRSIG/SOA, mail.example. NSEC, mail.example. RRSIG/NSEC, example. NSEC, example. RRSIG/NSEC | -
      zzz.example. A         => NXDOMAIN aa | - | example. SOA, example. RRSIG/SOA, www.example. NSEC, www.example. RRSIG/NSEC, example. NSEC, example. RRSIG/NSEC | -
      x.y.ent.example. A     => NXDOMAIN aa | - | example. SOA, example. RRSIG/SOA, a.b.ent.example. NSEC, a.b.ent.example. RRSIG/NSEC, dn.example. NSEC, dn.example. RRSIG/NSEC | -
      tonx.example. A        => NXDOMAIN aa | tonx.example. CNAME, tonx.example. RRSIG/CNAME | example. SOA, example. RRSIG/SOA, mail.example. NSEC, mail.example. RRSIG/NSEC, example. NSEC, example. RRSIG/NSEC | -
      # §3.1.3.3 wildcard answer: owner and RRSIG at the query name, the NSEC that proves no closer match
      x.wild.example. TXT    => NOERROR aa | x.wild.example. TXT, x.wild.example. RRSIG/TXT | *.wild.example. NSEC, *.wild.example. RRSIG/NSEC | -
      x.wild.example. MX     => NOERROR aa | x.wild.example. MX, x.wild.example. RRSIG/MX | *.wild.example. NSEC, *.wild.example. RRSIG/NSEC | mail.example. A, mail.example. RRSIG/A
      # §3.1.3.4 wildcard NODATA: the NSEC covering the name is the wildcard's own here, given once
      x.wild.example. A      => NOERROR aa | - | example. SOA, example. RRSIG/SOA, *.wild.example. NSEC, *.wild.example. RRSIG/NSEC | -
      # §3.1.4 referrals: DS and its RRSIG, or the NSEC proving there is no DS; NS and glue unsigned
      host.secure.example. A => NOERROR | - | secure.example. NS, secure.example. DS, secure.example. RRSIG/DS | ns1.secure.example. A
      host.insecure.example. A => NOERROR | - | insecure.example. NS, insecure.example. NSEC, insecure.example. RRSIG/NSEC | -
      # §3.1.4.1 DS answered from the parent side of the cut
      secure.example. DS     => NOERROR aa | secure.example. DS, secure.example. RRSIG/DS | - | -
      insecure.example. DS   => NOERROR aa | - | example. SOA, example. RRSIG/SOA, insecure.example. NSEC, insecure.example. RRSIG/NSEC | -
      # type RRSIG: the signatures of one RRset (the lowest type), as Knot answers; see ZoneAnswer.firstSignatures
      www.example. RRSIG     => NOERROR aa | www.example. RRSIG/A | - | -
      example. RRSIG         => NOERROR aa | example. RRSIG/NS | - | -
      # the NSEC RRset can be asked for
      www.example. NSEC      => NOERROR aa | www.example. NSEC, www.example. RRSIG/NSEC | - | -
      """)
  void nsecZone(String question, String expected) {
    assertThat(shape(ask(NSEC, question, true))).isEqualTo(expected.strip());
  }

  /** RFC 3225 §3: without DO, no DNSSEC records except those asked for. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      www.example. A         => NOERROR aa | www.example. A | - | -
      nothere.example. A     => NXDOMAIN aa | - | example. SOA | -
      x.wild.example. TXT    => NOERROR aa | x.wild.example. TXT | - | -
      host.secure.example. A => NOERROR | - | secure.example. NS | ns1.secure.example. A
      example. DNSKEY        => NOERROR aa | example. DNSKEY | - | -
      """)
  void withoutDoNoDnssecRecords(String question, String expected) {
    assertThat(shape(ask(NSEC, question, false))).isEqualTo(expected.strip());
  }

  /**
   * RFC 5155 §7.2 with NSEC3: the NSEC3 records in authority, each described by what it proves
   * ("matches NAME", "covers NAME"); every claim must be met, and every NSEC3 given must meet one.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      # §7.2.2 NXDOMAIN: closest encloser, next closer name, wildcard at the closest encloser
      nsec3   | nothere.example. A      => NXDOMAIN | matches example., covers nothere.example., covers *.example.
      nsec3   | x.y.ent.example. A      => NXDOMAIN | matches ent.example., covers y.ent.example., covers *.ent.example.
      # a hashed owner name is no name of the zone
      nsec3   | 3msev9usmd4br9s97v51r2tdvmr9iqo1.example. A => NXDOMAIN | matches example., covers 3msev9usmd4br9s97v51r2tdvmr9iqo1.example., covers *.example.
      # §7.2.3 NODATA, QTYPE not DS: the NSEC3 matching QNAME (empty non-terminals have one)
      nsec3   | www.example. MX         => NOERROR | matches www.example.
      nsec3   | ent.example. A          => NOERROR | matches ent.example.
      # §7.2.4 NODATA, QTYPE DS: matching NSEC3, or with opt-out the closest provable encloser proof
      nsec3   | insecure.example. DS    => NOERROR | matches insecure.example.
      optout  | insecure.example. DS    => NOERROR | matches example., covers insecure.example.
      # §7.2.5 wildcard NODATA: closest encloser, next closer, the wildcard
      nsec3   | x.wild.example. A       => NOERROR | matches wild.example., covers x.wild.example., matches *.wild.example.
      # §7.2.6 wildcard answer: the next closer name is covered
      nsec3   | x.wild.example. TXT     => NOERROR | covers x.wild.example.
      nsec3   | a.b.wild.example. TXT   => NOERROR | covers b.wild.example.
      # §7.2.7 referral to an unsigned child: matching NSEC3, or the opt-out proof
      nsec3   | host.insecure.example. A => NOERROR | matches insecure.example.
      optout  | host.insecure.example. A => NOERROR | matches example., covers insecure.example.
      # a secure referral needs no NSEC3 (§7.2.7 is for unsigned children only)
      optout  | host.secure.example. A  => NOERROR | -
      nsec3   | www.example. A          => NOERROR | -
      """)
  void nsec3Zone(String variantAndQuestion, String expected) {
    String variant = variantAndQuestion.split("\\|")[0];
    String question = variantAndQuestion.split("\\|")[1];
    ZoneSnapshot zone = variant.strip().equals("optout") ? OPT_OUT : NSEC3;
    Message response = ask(zone, question.strip(), true);
    String[] parts = expected.split("\\|");
    assertThat(Rcode.string(response.getRcode())).isEqualTo(parts[0].strip());
    List<String> claims = parts[1].strip().equals("-") ? List.of()
        : Arrays.stream(parts[1].split(",")).map(String::strip).toList();
    List<NSEC3Record> given = response.getSection(Section.AUTHORITY).stream()
        .filter(r -> r instanceof NSEC3Record).map(r -> (NSEC3Record) r).toList();
    NSEC3PARAMRecord params = (NSEC3PARAMRecord) zone.apex().rrset(Type.NSEC3PARAM)[0];
    for (String claim : claims) {
      assertThat(given).as("an NSEC3 that %s in %s", claim, shape(response))
          .anyMatch(n -> proves(n, claim, params));
    }
    for (NSEC3Record n : given) {
      assertThat(claims).as("what %s proves, in %s", n.getName(), shape(response))
          .anyMatch(c -> proves(n, c, params));
      assertThat(response.getSection(Section.AUTHORITY)).as("the RRSIG of " + n.getName())
          .anyMatch(r -> r instanceof RRSIGRecord s && s.getTypeCovered() == Type.NSEC3 && s.getName().equals(n.getName()));
    }
    assertThat(given.stream().map(Record::getName).collect(Collectors.toSet())).hasSize(given.size());
    if (question.contains("insecure") && variant.strip().equals("optout")) {
      assertThat(given).anyMatch(n -> (n.getFlags() & NSEC3Record.Flags.OPT_OUT) != 0);
    }
  }

  /** RFC 2308 §3 and RFC 4035 §3.1.3: the SOA of a negative answer and its RRSIG carry the negative TTL. */
  @Test
  void negativeSoaSignatureHasTheNegativeTtl() {
    Message response = ask(NSEC, "nothere.example. A", true);
    List<Record> authority = response.getSection(Section.AUTHORITY);
    long soaTtl = authority.stream().filter(r -> r.getType() == Type.SOA).findFirst().orElseThrow().getTTL();
    assertThat(soaTtl).isEqualTo(300);
    assertThat(authority).filteredOn(r -> r instanceof RRSIGRecord s && s.getTypeCovered() == Type.SOA)
        .hasSize(1).allMatch(r -> r.getTTL() == soaTtl);
  }

  /** RFC 4035 §3.1.3.3: a wildcard's RRSIG keeps its label count, below the query name's. */
  @Test
  void wildcardSignatureKeepsItsLabelCount() {
    Message response = ask(NSEC, "a.b.wild.example. TXT", true);
    RRSIGRecord sig = (RRSIGRecord) response.getSection(Section.ANSWER).stream()
        .filter(r -> r instanceof RRSIGRecord).findFirst().orElseThrow();
    assertThat(sig.getName()).isEqualTo(Name.fromConstantString("a.b.wild.example."));
    assertThat(sig.getLabels()).isEqualTo(2);
  }

  /** An unsigned zone answers DO queries as before: no RRSIG, no NSEC, even where its records are asked. */
  @Test
  void unsignedZoneAnswersAsWithoutDo() {
    ZoneSnapshot plain = load("example.zone");
    for (String q : List.of("www.example. A", "nothere.example. A", "x.wild.example. A", "host.insecure.example. A")) {
      assertThat(shape(ask(plain, q, true))).isEqualTo(shape(ask(plain, q, false)));
    }
  }

  private static boolean proves(NSEC3Record n, String claim, NSEC3PARAMRecord params) {
    String[] words = claim.split(" ");
    byte[] hash = hash(params, Name.fromConstantString(words[1]));
    byte[] owner = new base32(base32.Alphabet.BASE32HEX, false, false).fromString(n.getName().getLabelString(0));
    byte[] next = n.getNext();
    if (words[0].equals("matches")) {
      return Arrays.equals(owner, hash);
    }
    boolean wraps = Arrays.compareUnsigned(next, owner) <= 0;
    boolean after = Arrays.compareUnsigned(hash, owner) > 0;
    boolean before = Arrays.compareUnsigned(hash, next) < 0;
    return wraps ? after || before : after && before;
  }

  private static byte[] hash(NSEC3PARAMRecord params, Name name) {
    try {
      return params.hashName(name);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Message ask(ZoneSnapshot zone, String question, boolean dnssecOk) {
    String[] q = question.trim().split("\\s+");
    Message query = Message.newQuery(Record.newRecord(Name.fromConstantString(q[0]), Type.value(q[1]), DClass.IN));
    query.addRecord(new OPTRecord(1232, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    ZoneTable table = TestZones.table(zone);
    return new AnswerEngine(table).answer(query);
  }

  /** "RCODE flags | answer | authority | additional", each record as owner and type (RRSIG/COVERED). */
  private static String shape(Message m) {
    StringBuilder sb = new StringBuilder(Rcode.string(m.getRcode()));
    if (m.getHeader().getFlag(Flags.AA)) {
      sb.append(" aa");
    }
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      Set<String> seen = new LinkedHashSet<>();
      for (Record r : m.getSection(section)) {
        if (r.getType() != Type.OPT) {
          String type = r instanceof RRSIGRecord s ? "RRSIG/" + Type.string(s.getTypeCovered()) : Type.string(r.getType());
          seen.add(r.getName() + " " + type);
        }
      }
      sb.append(" | ").append(seen.isEmpty() ? "-" : String.join(", ", seen));
    }
    return sb.toString();
  }

  private static ZoneSnapshot load(String file) {
    try (InputStream in = DnssecAnswerTest.class.getResourceAsStream("/dnssec/unit/" + file)) {
      if (in == null) {
        throw new IllegalStateException("test resource dnssec/unit/" + file + " not found");
      }
      return TestZones.parse("example.", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
