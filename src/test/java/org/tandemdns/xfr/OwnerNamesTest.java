package org.tandemdns.xfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Compression;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;

/** Owner names compressed against the previous owner (RFC 1035 §4.1.4). */
class OwnerNamesTest {

  @Test
  void everyNameReadsBackExactlyLetterCaseIncludedAndNoLongerThanWithATable() throws Exception {
    List<Name> names = new ArrayList<>();
    names.add(Name.fromConstantString("Example.COM."));
    for (int i = 0; i < 3000; i++) {
      // siblings, children, deeper and shallower names; now and then the origin in another case
      // (never a pointer to it: letter case is kept, as BIND's case-sensitive compression for
      // transfers keeps it) and a name outside the origin
      names.add(Name.fromConstantString("h" + i + ".Example.COM."));
      names.add(Name.fromConstantString("a.b" + i + ".Example.COM."));
      names.add(Name.fromConstantString("x.a.b" + i + ".Example.COM."));
      names.add(Name.fromConstantString("B" + i + ".Example.COM."));
      if (i % 100 == 0) {
        names.add(Name.fromConstantString("c" + i + ".example.com."));
        names.add(Name.fromConstantString("other" + i + ".test."));
        names.add(Name.root);
      }
    }
    DNSOutput out = new DNSOutput();
    out.writeU16(0); // not at offset 0, as in a message
    OwnerNames owners = new OwnerNames();
    List<Integer> at = new ArrayList<>();
    for (Name n : names) {
      at.add(out.current());
      owners.write(out, n);
    }
    byte[] wire = out.toByteArray();
    assertThat(wire.length).as("past what a pointer can reach").isGreaterThan(0x3FFF * 2);

    DNSInput in = new DNSInput(wire);
    for (int k = 0; k < names.size(); k++) {
      in.jump(at.get(k));
      Name read = new Name(in);
      assertThat(read.toString()).isEqualTo(names.get(k).toString());
      if (k + 1 < names.size()) {
        assertThat(in.current()).as("name %d ends where the next begins", k).isEqualTo(at.get(k + 1));
      }
    }

    DNSOutput table = new DNSOutput();
    table.writeU16(0);
    Compression compression = new Compression();
    for (Name n : names) {
      n.toWire(table, compression);
    }
    assertThat(wire.length).as("about as small as dnsjava's compression table makes it")
        .isLessThanOrEqualTo(table.toByteArray().length * 11 / 10);
  }

  @Test
  void aNewMessageNeverPointsIntoThePreviousOne() throws Exception {
    OwnerNames owners = new OwnerNames();
    DNSOutput first = new DNSOutput();
    owners.write(first, Name.fromConstantString("a.example."));
    owners.newMessage();
    DNSOutput second = new DNSOutput();
    owners.write(second, Name.fromConstantString("b.example."));
    assertThat(second.toByteArray()).isEqualTo(Name.fromConstantString("b.example.").toWire());
  }
}
