package org.tandemdns.xfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/** The shapes of AXFR (RFC 5936 §2.2) and IXFR (RFC 1995 §4) responses, and the broken ones. */
class TransferReaderTest {
  static final Name ZONE = Name.fromConstantString("r.test.");

  static Record rr(String text) throws TextParseException, java.io.IOException {
    String[] p = text.split(" ", 3);
    return Record.fromString(Name.fromString(p[0], ZONE), org.xbill.DNS.Type.value(p[1]), org.xbill.DNS.DClass.IN, 60, p[2], ZONE);
  }

  static Record soa(long serial) throws Exception {
    return rr("@ SOA ns h " + serial + " 3600 600 7200 300");
  }

  static TransferReader read(long from, Record... records) throws Exception {
    TransferReader r = new TransferReader(ZONE, from);
    for (Record x : records) {
      r.accept(x);
    }
    return r;
  }

  @Test
  void anAxfrIsAWholeZoneFramedBySoas() throws Exception {
    TransferReader r = read(-1, soa(5), rr("@ NS ns"), rr("ns A 192.0.2.1"), soa(5));
    assertThat(r.done()).isTrue();
    assertThat(r.isFull()).isTrue();
    assertThat(r.snapshot().serial()).isEqualTo(5);
    assertThat(r.records()).isEqualTo(4);
  }

  @Test
  void anIxfrIsASequenceOfDiffs() throws Exception {
    TransferReader r = read(1, soa(3),
        soa(1), rr("a A 192.0.2.1"), soa(2), rr("a A 192.0.2.2"),
        soa(2), soa(3), rr("b A 192.0.2.3"),
        soa(3));
    assertThat(r.done()).isTrue();
    assertThat(r.isFull()).isFalse();
    assertThat(r.diffs()).hasSize(2);
    assertThat(r.diffs().get(0).fromSerial()).isEqualTo(1);
    assertThat(r.diffs().get(0).toSerial()).isEqualTo(2);
    assertThat(r.diffs().get(0).deleted()).hasSize(1);
    assertThat(r.diffs().get(1).added()).extracting(Record::rdataToString).containsExactly("192.0.2.3");
  }

  @Test
  void anIxfrAnsweredAxfrStyleIsAWholeZone() throws Exception {
    TransferReader r = read(1, soa(3), rr("@ NS ns"), rr("ns A 192.0.2.1"), soa(3));
    assertThat(r.isFull()).isTrue();
    assertThat(r.snapshot().serial()).isEqualTo(3);
  }

  @Test
  void aSingleSoaNotNewerMeansUpToDate() throws Exception {
    assertThat(read(7, soa(7)).upToDate()).isTrue();
    assertThat(read(7, soa(6)).upToDate()).isTrue();
    assertThat(read(7, soa(8)).upToDate()).isFalse();
  }

  @Test
  void recordsOutsideTheZoneAreDroppedAndCounted() throws Exception {
    TransferReader r = read(-1, soa(5), rr("@ NS ns"), rr("ns A 192.0.2.1"), rr("evil.example. A 192.0.2.66"), soa(5));
    assertThat(r.dropped()).isEqualTo(1);
    assertThat(r.snapshot().node(Name.fromConstantString("evil.example."))).isNull();
  }

  @Test
  void brokenShapesAreRefused() throws Exception {
    List<Record[]> broken = new ArrayList<>();
    broken.add(new Record[] {rr("@ NS ns")});                                         // no SOA first
    broken.add(new Record[] {soa(5), rr("@ NS ns"), soa(6)});                          // last SOA differs
    broken.add(new Record[] {soa(5), rr("@ NS ns"), soa(5), rr("x A 192.0.2.1")});     // data after the end
    for (Record[] records : broken) {
      assertThatThrownBy(() -> read(-1, records)).isInstanceOf(TransferReader.Malformed.class);
    }
    assertThatThrownBy(() -> read(1, soa(3), soa(1), soa(2), soa(9), soa(3))).isInstanceOf(TransferReader.Malformed.class)
        .hasMessageContaining("out of sequence");
    assertThat(read(1, soa(3), soa(1), soa(2), soa(2), soa(3), soa(3)).diffs()).as("SOA-only steps are valid").hasSize(2);
    assertThatThrownBy(() -> read(-1, rr("@ SOA ns h 1 1 1 1 1").withName(Name.fromConstantString("other.test."))))
        .hasMessageContaining("does not start with the SOA of r.test.");
  }
}
