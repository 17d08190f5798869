package org.tandemdns.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Name;

/** A name's wire form read without copying equals dnsjava's {@code toWire()} for every way a name is made. */
class NameWireTest {

  @Test
  void equalsToWireForNamesMadeEveryWay() throws Exception {
    Name origin = Name.fromString("Example.COM.");
    Name host = Name.fromString("www", origin);
    List<Name> names = List.of(
        Name.root,
        origin,
        host,
        Name.fromString("a.b.c.d.e.f.g.h.i.j.example."), // more labels than dnsjava keeps offsets for
        Name.concatenate(Name.fromString("x"), origin),
        new Name(new DNSInput(host.toWire())),
        new Name(host, 1), // a suffix of another name
        new Name(Name.fromString("a.b.c.d.e.f.g.h.i.j.example."), 9),
        host.wild(1),
        Name.fromString("\\000\\255.example."));
    for (Name n : names) {
      assertThat(NameWire.of(n)).as("%s", n).isEqualTo(n.toWire());
    }
    assertThat(NameWire.of(host)).as("the name's own octets, not a copy (dnsjava " + Name.class.getPackage().getImplementationVersion() + ")")
        .isSameAs(NameWire.of(host));
  }
}
