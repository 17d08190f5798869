package org.tandemdns.zone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A node keeps its RRsets in wire form: what comes out is exactly what went in, letter case included. */
class NodeTest {
  private static final Name ORIGIN = Name.fromConstantString("z.test.");
  private static final Name OWNER = Name.fromConstantString("Www.z.test.");

  @ParameterizedTest
  @ValueSource(strings = {"A 192.0.2.1", "AAAA 2001:DB8::1", "TXT \"a b\" \"\" \"c;d\"", "CNAME Target.Example.",
      "NS Ns1.Z.test.", "PTR host.EXAMPLE.", "DNAME Other.Example.", "MX 10 Mail.Example.", "SRV 1 2 3 Sip.Example.",
      "CAA 0 issue \"ca.example\"", "SOA Ns1.z.test. Host.z.test. 1 2 3 4 5", "HINFO \"cpu\" \"os\"",
      "SSHFP 1 1 0123456789ABCDEF", "TYPE65400 \\# 3 010203", "NAPTR 100 10 \"u\" \"E2U+sip\" \"!^.*$!sip:x@Example.!\" ."})
  void recordsComeBackExactly(String text) throws Exception {
    String[] parts = text.split(" ", 2);
    Record r = Record.fromString(OWNER, Type.value(parts[0]), DClass.IN, 300, parts[1], ORIGIN);
    Node node = new Node(OWNER, new Record[][] {{r}}, false);
    Record back = node.rrset(r.getType())[0];
    assertThat(back).isEqualTo(r);
    assertThat(back.getTTL()).isEqualTo(300);
    assertThat(back.toWire(Section.ANSWER)).as("wire form, case included").isEqualTo(r.toWire(Section.ANSWER));
    assertThat(back.getName()).isSameAs(OWNER);
  }

  @Test
  void rrsetsKeepTheirOrderTtlsAndCounts() throws Exception {
    Record a1 = Record.fromString(OWNER, Type.A, DClass.IN, 60, "192.0.2.1", ORIGIN);
    Record a2 = Record.fromString(OWNER, Type.A, DClass.IN, 60, "192.0.2.2", ORIGIN);
    Record ns = Record.fromString(OWNER, Type.NS, DClass.IN, 120, "ns.example.", ORIGIN);
    Record txt = Record.fromString(OWNER, Type.TXT, DClass.IN, 30, "x", ORIGIN);
    Node node = new Node(OWNER, new Record[][] {{a1, a2}, {ns}, {txt}}, false);
    assertThat(node.types()).containsExactly(Type.A, Type.NS, Type.TXT);
    assertThat(node.rrsetCount()).isEqualTo(3);
    assertThat(node.recordCount()).isEqualTo(4);
    assertThat(node.rrsetAt(1)).containsExactly(ns);
    assertThat(node.rrset(Type.A)).containsExactly(a1, a2);
    assertThat(node.rrset(Type.MX)).isNull();
    assertThat(node.has(Type.NS)).isTrue();
    assertThat(node.has(Type.AAAA)).isFalse();
    assertThat(node.isDelegation()).isTrue();
    Node.WireRecords w = node.wireRecords();
    int n = 0;
    long[] ttls = {60, 60, 120, 30};
    while (w.next()) {
      assertThat(w.ttl()).isEqualTo(ttls[n++]);
    }
    assertThat(n).isEqualTo(4);
    assertThat(node.sameData(new Node(Name.fromConstantString("www.z.test."), new Record[][] {{a1, a2}, {ns}, {txt}}, false)))
        .isTrue();
  }
}
