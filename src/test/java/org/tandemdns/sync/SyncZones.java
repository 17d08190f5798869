package org.tandemdns.sync;

/** Zones for the sync tests: a first version every target serves, and the source's next one. */
final class SyncZones {
  private SyncZones() {}

  /** 23 RRsets besides the SOA and the apex NS: an MX, hosts, a CNAME, TXT, SRV, ten A RRsets, a delegation with glue. */
  static String v1(String origin) {
    StringBuilder z = new StringBuilder("""
        $ORIGIN %s.
        $TTL 300
        @        SOA   ns1 hostmaster 1 3600 600 86400 300
        @        NS    ns1
        @        NS    ns2
        @        MX    10 mail
        ns1      A     127.0.0.1
        ns2      A     127.0.0.2
        mail     A     192.0.2.25
        www      A     192.0.2.1
        www      AAAA  2001:db8::1
        ftp      CNAME www
        old      TXT   "to be deleted"
        spf      TXT   "v=spf1 ip4:192.0.2.0/24 -all"
        _sip._udp SRV  0 5 5060 sip
        sip      A     192.0.2.50
        sub      NS    ns.sub
        ns.sub   A     192.0.2.53
        """.formatted(origin));
    for (int i = 1; i <= 10; i++) {
      z.append(String.format("h%02d      A     192.0.2.%d%n", i, 100 + i));
    }
    return z.toString();
  }

  /**
   * The source's next version: one RRset added ({@code new A}), one modified ({@code www A}), one
   * deleted ({@code old TXT}), and an RRset of a type the zone did not have ({@code @ CAA}). The
   * serial moves on; the targets keep their own.
   */
  static String v2(String origin) {
    return v1(origin)
        .replace("@        SOA   ns1 hostmaster 1 ", "@        SOA   ns1 hostmaster 2 ")
        .replace("www      A     192.0.2.1\n", "www      A     192.0.2.2\n")
        .replace("old      TXT   \"to be deleted\"\n", "")
        + "new      A     192.0.2.77\n"
        + "@        CAA   0 issue \"ca.example.net\"\n";
  }
}
