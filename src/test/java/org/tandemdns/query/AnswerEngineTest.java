package org.tandemdns.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.DClass;

/** The lookup rules, one table per RFC section; each row is a question and the whole expected answer. */
class AnswerEngineTest {

  /** A parent zone with every kind of node, and a child zone served by the same server. */
  static final String EXAMPLE = """
      $ORIGIN example.
      $TTL 3600
      @        SOA   ns1 hostmaster 1 7200 900 1209600 300
      @        NS    ns1
      @        NS    ns.other.test.
      @        MX    10 mail
      @        MX    20 mx.other.test.
      ns1      A     192.0.2.1
      ns1      AAAA  2001:db8::1
      mail     A     192.0.2.25
      www      A     192.0.2.80
      alias    CNAME www
      chain1   CNAME chain2
      chain2   CNAME www
      loop1    CNAME loop2
      loop2    CNAME loop1
      dangling CNAME nowhere
      outside  CNAME www.other.test.
      a.b.c    A     192.0.2.9
      sub      NS    ns1.sub
      sub      NS    ns.sibling
      sub      DS    12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
      ns1.sub  A     192.0.2.53
      ns.sibling A   192.0.2.54
      tosub    CNAME host.sub
      _sip._tcp SRV  10 60 5060 sip
      sip      A     192.0.2.50
      svc      SRV   0 0 80 www.other.test.
      child    NS    ns1.child
      ns1.child A    192.0.2.60
      """;

  static final String CHILD = """
      $ORIGIN child.example.
      $TTL 600
      @    SOA ns1 hostmaster 7 7200 900 1209600 60
      @    NS  ns1
      ns1  A   192.0.2.60
      www  A   192.0.2.61
      """;

  /** RFC 4592 §2.2.1, the wildcard example zone, verbatim apart from SOA and SRV RDATA. */
  static final String RFC4592 = """
      $ORIGIN example.org.
      example.org.                 3600 IN  SOA   ns hostmaster 1 7200 900 1209600 300
      example.org.                 3600     NS    ns.example.com.
      example.org.                 3600     NS    ns.example.net.
      *.example.org.               3600     TXT   "this is a wildcard"
      *.example.org.               3600     MX    10 host1.example.org.
      sub.*.example.org.           3600     TXT   "this is not a wildcard"
      host1.example.org.           3600     A     192.0.2.1
      _ssh._tcp.host1.example.org. 3600     SRV   0 0 22 host1.example.org.
      _ssh._tcp.host2.example.org. 3600     SRV   0 0 22 host2.example.org.
      subdel.example.org.          3600     NS    ns.example.com.
      subdel.example.org.          3600     NS    ns.example.net.
      """;

  static final String DNAME = """
      $ORIGIN example.net.
      $TTL 3600
      @         SOA   ns hostmaster 1 7200 900 1209600 300
      @         NS    ns
      ns        A     192.0.2.1
      old       DNAME new
      old       A     192.0.2.7
      www.new   A     192.0.2.8
      away      DNAME example.com.
      chain     DNAME old
      self      DNAME x.self
      """;

  static final ZoneTable ZONES = TestZones.table(
      TestZones.parse("example.", EXAMPLE),
      TestZones.parse("child.example.", CHILD),
      TestZones.parse("example.org.", RFC4592),
      TestZones.parse("example.net.", DNAME));

  /** Asks "NAME TYPE". */
  static String ask(String question) throws Exception {
    String[] q = question.trim().split("\\s+");
    String qname = q[0];
    String qtype = q[1];
    Message query = Message.newQuery(Record.newRecord(Name.fromString(qname), Type.value(qtype), DClass.IN));
    return ResponseText.of(new AnswerEngine(ZONES).answer(query));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      # exact match, with additional addresses for NS, MX and SRV targets inside the zone
      www.example.     A     => NOERROR aa | www.example. A 192.0.2.80 | - | -
      example.         NS    => NOERROR aa | example. NS ns1.example., example. NS ns.other.test. | - | ns1.example. A 192.0.2.1, ns1.example. AAAA 2001:db8:0:0:0:0:0:1
      example.         MX    => NOERROR aa | example. MX 10 mail.example., example. MX 20 mx.other.test. | - | mail.example. A 192.0.2.25
      _sip._tcp.example. SRV => NOERROR aa | _sip._tcp.example. SRV 10 60 5060 sip.example. | - | sip.example. A 192.0.2.50
      svc.example.     SRV   => NOERROR aa | svc.example. SRV 0 0 80 www.other.test. | - | -
      # CNAME followed inside the zone; chains; out-of-zone targets are not chased
      alias.example.   A     => NOERROR aa | alias.example. CNAME www.example., www.example. A 192.0.2.80 | - | -
      chain1.example.  A     => NOERROR aa | chain1.example. CNAME chain2.example., chain2.example. CNAME www.example., www.example. A 192.0.2.80 | - | -
      alias.example.   CNAME => NOERROR aa | alias.example. CNAME www.example. | - | -
      outside.example. A     => NOERROR aa | outside.example. CNAME www.other.test. | - | -
      loop1.example.   A     => NOERROR aa | loop1.example. CNAME loop2.example., loop2.example. CNAME loop1.example. | - | -
      # RFC 6604 §2: the rcode is that of the last name in the chain
      dangling.example. A    => NXDOMAIN aa | dangling.example. CNAME nowhere.example. | example. SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300 | -
      # negative answers (RFC 2308 §2.1, §2.2)
      www.example.     MX    => NOERROR aa | - | example. SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300 | -
      nope.example.    A     => NXDOMAIN aa | - | example. SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300 | -
      # empty non-terminals exist: NODATA, not NXDOMAIN (RFC 8020 §2)
      c.example.       A     => NOERROR aa | - | example. SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300 | -
      b.c.example.     TXT   => NOERROR aa | - | example. SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300 | -
      x.c.example.     A     => NXDOMAIN aa | - | example. SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300 | -
      # REFUSED outside every zone; the longest matching zone answers
      www.other.test.  A     => REFUSED | - | - | -
      www.child.example. A   => NOERROR aa | www.child.example. A 192.0.2.61 | - | -
      child.example.   SOA   => NOERROR aa | child.example. SOA ns1.child.example. hostmaster.child.example. 7 7200 900 1209600 60 | - | -
      """)
  void rfc1034Section4_3_2(String question, String expected) throws Exception {
    assertThat(ask(question)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      # referral: AA clear, NS in authority, in-domain glue then sibling glue (RFC 9471); no DS without DO (RFC 4035 §3.1.4)
      host.sub.example. A    => NOERROR | - | sub.example. NS ns1.sub.example., sub.example. NS ns.sibling.example. | ns1.sub.example. A 192.0.2.53, ns.sibling.example. A 192.0.2.54
      sub.example.     NS    => NOERROR | - | sub.example. NS ns1.sub.example., sub.example. NS ns.sibling.example. | ns1.sub.example. A 192.0.2.53, ns.sibling.example. A 192.0.2.54
      # glue is never answered authoritatively: a query for it is referred
      ns1.sub.example. A     => NOERROR | - | sub.example. NS ns1.sub.example., sub.example. NS ns.sibling.example. | ns1.sub.example. A 192.0.2.53, ns.sibling.example. A 192.0.2.54
      # DS is answered by the parent (RFC 4035 §3.1.4.1)
      # ... also when the child zone is served here: DS belongs to the parent side of the cut
      child.example.   DS    => NOERROR aa | - | example. SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300 | -
      sub.example.     DS    => NOERROR aa | sub.example. DS 12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF | - | -
      # a CNAME into a delegation: the CNAME, then the referral; AA stays for the CNAME
      tosub.example.   A     => NOERROR aa | tosub.example. CNAME host.sub.example. | sub.example. NS ns1.sub.example., sub.example. NS ns.sibling.example. | ns1.sub.example. A 192.0.2.53, ns.sibling.example. A 192.0.2.54
      """)
  void rfc1034Section4_3_2Referrals(String question, String expected) throws Exception {
    assertThat(ask(question)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      # RFC 4592 §2.2.1: each query of the RFC's list, with its stated outcome
      host3.example.org.  MX   => NOERROR aa | host3.example.org. MX 10 host1.example.org. | - | host1.example.org. A 192.0.2.1
      host3.example.org.  A    => NOERROR aa | - | example.org. SOA ns.example.org. hostmaster.example.org. 1 7200 900 1209600 300 | -
      foo.bar.example.org. TXT => NOERROR aa | foo.bar.example.org. TXT "this is a wildcard" | - | -
      host1.example.org.  MX   => NOERROR aa | - | example.org. SOA ns.example.org. hostmaster.example.org. 1 7200 900 1209600 300 | -
      sub.*.example.org.  MX   => NOERROR aa | - | example.org. SOA ns.example.org. hostmaster.example.org. 1 7200 900 1209600 300 | -
      _telnet._tcp.host1.example.org. SRV => NXDOMAIN aa | - | example.org. SOA ns.example.org. hostmaster.example.org. 1 7200 900 1209600 300 | -
      host.subdel.example.org. A => NOERROR | - | subdel.example.org. NS ns.example.com., subdel.example.org. NS ns.example.net. | -
      ghost.*.example.org. MX  => NXDOMAIN aa | - | example.org. SOA ns.example.org. hostmaster.example.org. 1 7200 900 1209600 300 | -
      # the empty non-terminals _tcp.host1 and host2 block the wildcard below them (RFC 4592 §2.2.2)
      _tcp.host1.example.org. TXT => NOERROR aa | - | example.org. SOA ns.example.org. hostmaster.example.org. 1 7200 900 1209600 300 | -
      x._tcp.host2.example.org. TXT => NXDOMAIN aa | - | example.org. SOA ns.example.org. hostmaster.example.org. 1 7200 900 1209600 300 | -
      # the wildcard itself asked for directly
      *.example.org.      TXT  => NOERROR aa | *.example.org. TXT "this is a wildcard" | - | -
      """)
  void rfc4592Wildcards(String question, String expected) throws Exception {
    assertThat(ask(question)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      # RFC 6672 §3.1: DNAME, then the synthesized CNAME, then the target when it is in the zone
      www.old.example.net.  A  => NOERROR aa | old.example.net. DNAME new.example.net., www.old.example.net. CNAME www.new.example.net., www.new.example.net. A 192.0.2.8 | - | -
      gone.old.example.net. A  => NXDOMAIN aa | old.example.net. DNAME new.example.net., gone.old.example.net. CNAME gone.new.example.net. | example.net. SOA ns.example.net. hostmaster.example.net. 1 7200 900 1209600 300 | -
      # the DNAME owner itself is not redirected (RFC 6672 §2.3)
      old.example.net.      A  => NOERROR aa | old.example.net. A 192.0.2.7 | - | -
      old.example.net.  DNAME  => NOERROR aa | old.example.net. DNAME new.example.net. | - | -
      # a target outside the zone is not chased
      www.away.example.net. A  => NOERROR aa | away.example.net. DNAME example.com., www.away.example.net. CNAME www.example.com. | - | -
      # a CNAME question is answered by the synthesized CNAME itself, not restarted at its target
      gone.old.example.net. CNAME => NOERROR aa | old.example.net. DNAME new.example.net., gone.old.example.net. CNAME gone.new.example.net. | - | -
      # a DNAME into its own subtree: each loop adds a CNAME, the DNAME appears once (RFC 2181 §5)
      a.self.example.net. A => NOERROR aa | self.example.net. DNAME x.self.example.net., a.self.example.net. CNAME a.x.self.example.net., a.x.self.example.net. CNAME a.x.x.self.example.net., a.x.x.self.example.net. CNAME a.x.x.x.self.example.net., a.x.x.x.self.example.net. CNAME a.x.x.x.x.self.example.net., a.x.x.x.x.self.example.net. CNAME a.x.x.x.x.x.self.example.net., a.x.x.x.x.x.self.example.net. CNAME a.x.x.x.x.x.x.self.example.net., a.x.x.x.x.x.x.self.example.net. CNAME a.x.x.x.x.x.x.x.self.example.net., a.x.x.x.x.x.x.x.self.example.net. CNAME a.x.x.x.x.x.x.x.x.self.example.net., a.x.x.x.x.x.x.x.x.self.example.net. CNAME a.x.x.x.x.x.x.x.x.x.self.example.net., a.x.x.x.x.x.x.x.x.x.self.example.net. CNAME a.x.x.x.x.x.x.x.x.x.x.self.example.net., a.x.x.x.x.x.x.x.x.x.x.self.example.net. CNAME a.x.x.x.x.x.x.x.x.x.x.x.self.example.net., a.x.x.x.x.x.x.x.x.x.x.x.self.example.net. CNAME a.x.x.x.x.x.x.x.x.x.x.x.x.self.example.net., a.x.x.x.x.x.x.x.x.x.x.x.x.self.example.net. CNAME a.x.x.x.x.x.x.x.x.x.x.x.x.x.self.example.net., a.x.x.x.x.x.x.x.x.x.x.x.x.x.self.example.net. CNAME a.x.x.x.x.x.x.x.x.x.x.x.x.x.x.self.example.net., a.x.x.x.x.x.x.x.x.x.x.x.x.x.x.self.example.net. CNAME a.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.self.example.net., a.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.self.example.net. CNAME a.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.self.example.net., a.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.self.example.net. CNAME a.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.x.self.example.net. | - | -
      # DNAME chains
      www.chain.example.net. A => NOERROR aa | chain.example.net. DNAME old.example.net., www.chain.example.net. CNAME www.old.example.net., old.example.net. DNAME new.example.net., www.old.example.net. CNAME www.new.example.net., www.new.example.net. A 192.0.2.8 | - | -
      """)
  void rfc6672Dname(String question, String expected) throws Exception {
    assertThat(ask(question)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      # RFC 8482 §4.2: one RRset stands for all (the lowest type, or the CNAME)
      example.        ANY => NOERROR aa | example. NS ns1.example., example. NS ns.other.test. | - | ns1.example. A 192.0.2.1, ns1.example. AAAA 2001:db8:0:0:0:0:0:1
      ns1.example.    ANY => NOERROR aa | ns1.example. A 192.0.2.1 | - | -
      alias.example.  ANY => NOERROR aa | alias.example. CNAME www.example. | - | -
      c.example.      ANY => NOERROR aa | - | example. SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300 | -
      nope.example.   ANY => NXDOMAIN aa | - | example. SOA ns1.example. hostmaster.example. 1 7200 900 1209600 300 | -
      """)
  void rfc8482Any(String question, String expected) throws Exception {
    assertThat(ask(question)).isEqualTo(expected);
  }
}
