package org.tandemdns.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** RFC 1035 §5 master files, RFC 2308 §4 $TTL and RFC 3597 §5 unknown types. */
class ZoneFileReaderTest {
  static final Name ORIGIN = Name.fromConstantString("z.test.");

  record Read(Record record, SourceLocation where) {
    @Override
    public String toString() {
      return where.line() + " " + record.getName() + " " + record.getTTL() + " " + Type.string(record.getType()) + " " + record.rdataToString();
    }
  }

  static List<String> read(String text) throws Exception {
    List<Read> out = new ArrayList<>();
    ZoneFileReader.forUntrustedText().read(new StringReader(text), "z.zone", ORIGIN, (r, w) -> out.add(new Read(r, w)));
    return out.stream().map(Read::toString).toList();
  }

  @Test
  void readsDirectivesRelativeNamesAndInheritance() throws Exception {
    assertThat(read("""
        $TTL 1h
        @   IN SOA ns1 hostmaster ( 1   ; serial
                                    2h 15m 2w 5m )
            NS ns1
        www 300 A 192.0.2.1
            IN 60 AAAA 2001:db8::1
        $ORIGIN sub
        host A 192.0.2.2
        abs.example. A 192.0.2.3
        """)).containsExactly(
        "2 z.test. 3600 SOA ns1.z.test. hostmaster.z.test. 1 7200 900 1209600 300",
        "4 z.test. 3600 NS ns1.z.test.",
        "5 www.z.test. 300 A 192.0.2.1",
        "6 www.z.test. 60 AAAA 2001:db8:0:0:0:0:0:1",
        "8 host.sub.z.test. 3600 A 192.0.2.2",
        "9 abs.example. 3600 A 192.0.2.3");
  }

  @Test
  void withoutTtlDirectiveTheLastTtlIsInheritedAndSoaFallsBackToMinimum() throws Exception {
    assertThat(read("""
        @ SOA ns1 hostmaster 1 7200 900 1209600 300
        @ NS ns1
        a 42 A 192.0.2.1
        b A 192.0.2.2
        """)).containsExactly(
        "1 z.test. 300 SOA ns1.z.test. hostmaster.z.test. 1 7200 900 1209600 300",
        "2 z.test. 300 NS ns1.z.test.",
        "3 a.z.test. 42 A 192.0.2.1",
        "4 b.z.test. 42 A 192.0.2.2");
  }

  @Test
  void quotedSemicolonsAndParenthesesAreData() throws Exception {
    assertThat(read("""
        $TTL 60
        t TXT "a;b" "(c)" ; real comment
        """)).containsExactly("2 t.z.test. 60 TXT \"a;b\" \"(c)\"");
  }

  @Test
  void unknownTypesInRfc3597Form() throws Exception {
    assertThat(read("""
        $TTL 60
        u TYPE65280 \\# 4 0A000001
        a TYPE1 \\# 4 C0000201
        """)).containsExactly("2 u.z.test. 60 TYPE65280 \\# 4 0A000001", "3 a.z.test. 60 A 192.0.2.1");
  }

  @Test
  void generateExpandsRanges() throws Exception {
    assertThat(read("""
        $TTL 60
        $GENERATE 1-3 host$ A 192.0.2.$
        """)).containsExactly("2 host1.z.test. 60 A 192.0.2.1", "2 host2.z.test. 60 A 192.0.2.2", "2 host3.z.test. 60 A 192.0.2.3");
  }

  /**
   * Issue 13, item 7: each $GENERATE was capped at a million records, but not their sum, so 130
   * bytes of API upload made a million records. Text from the network now generates at most
   * 100,000 records in all; a file (the operator's own) is not capped.
   */
  @Test
  void generatedRecordsInUploadedTextAreCappedInAll(@TempDir Path dir) throws Exception {
    String directives = "$TTL 60\n" + "$GENERATE 1-30000 h$ A 192.0.2.1\n".repeat(4);
    assertThatThrownBy(() -> read(directives)).isInstanceOf(ZoneFileException.class)
        .hasMessageContaining("$GENERATE would make 120000 records in all").hasMessageContaining("at most 100000")
        .hasMessageContaining("z.zone:5");
    assertThat(read("$TTL 60\n" + "$GENERATE 1-25000 h$ A 192.0.2.1\n".repeat(4))).hasSize(100_000);
    Path file = dir.resolve("g.zone");
    Files.writeString(file, directives);
    long[] n = {0};
    ZoneFileReader.forFiles().read(file, ORIGIN, (r, w) -> n[0]++);
    assertThat(n[0]).isEqualTo(120_000);
  }

  /**
   * Issue 13, item 8: a non-ASCII owner name was stored as Latin-1 octets ({@code b\252cher}); BIND
   * stores the UTF-8 octets; resolvers ask for the A-label. Refused, naming the A-label; UTF-8 in a
   * quoted TXT string stays UTF-8 octets, as BIND stores it ({@code "caf\195\169"}).
   */
  @Test
  void nonAsciiNamesAreRefusedWithTheirALabelAndUtf8TextIsKept() throws Exception {
    assertThatThrownBy(() -> read("$TTL 60\nbücher A 192.0.2.1\n")).isInstanceOf(ZoneFileException.class)
        .hasMessageContaining("z.zone:2").hasMessageContaining("non-ASCII").hasMessageContaining("xn--bcher-kva");
    assertThatThrownBy(() -> read("$TTL 60\nwww CNAME bücher.example.\n")).isInstanceOf(ZoneFileException.class)
        .hasMessageContaining("xn--bcher-kva.example.");
    assertThat(read("$TTL 60\nt TXT \"café\"\n")).containsExactly("2 t.z.test. 60 TXT \"caf\\195\\169\"");
  }

  @Test
  void includeIsRelativeToTheIncludingFileAndKeepsTheParentOrigin(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("main.zone"), """
        $TTL 60
        a A 192.0.2.1
        $INCLUDE part.zone sub.z.test.
        b A 192.0.2.2
        """);
    Files.writeString(dir.resolve("part.zone"), "x A 192.0.2.9\n");
    List<String> out = new ArrayList<>();
    ZoneFileReader.forFiles().read(dir.resolve("main.zone"), ORIGIN,
        (r, w) -> out.add(Path.of(w.source()).getFileName() + ":" + w.line() + " " + r.getName() + " " + r.getTTL()));
    assertThat(out).containsExactly("main.zone:2 a.z.test. 60", "part.zone:1 x.sub.z.test. 60", "main.zone:4 b.z.test. 60");
  }

  @Test
  void includeIsRefusedForUntrustedText() {
    assertThatThrownBy(() -> read("$INCLUDE /etc/passwd\n"))
        .isInstanceOf(ZoneFileException.class).hasMessage("z.zone:1: $INCLUDE is not allowed here");
  }

  @Test
  void includeLoopsAreBounded(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("loop.zone"), "$INCLUDE loop.zone\n");
    assertThatThrownBy(() -> ZoneFileReader.forFiles().read(dir.resolve("loop.zone"), ORIGIN, (r, w) -> {}))
        .isInstanceOf(ZoneFileException.class).hasMessageContaining("nested more than 8 deep");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      www 60 A 192.0.2.999                => z.zone:2: 
      www 60 BOGUS 1                      => z.zone:2: unknown record type 'BOGUS'
      www A 192.0.2.1                     => z.zone:2: no TTL for this record
      www 60 CH A 192.0.2.1               => z.zone:2: class CH is not served
      www 60 A 192.0.2.1 extra            => z.zone:2: 
      www 60 TXT ( "a"                   => z.zone:2: unbalanced parentheses
      www 60 TXT "open                    => z.zone:2: quoted string is not closed
      $BOGUS x                            => z.zone:2: unknown directive $BOGUS
      a..b 60 A 192.0.2.1                 => z.zone:2: bad name 'a..b'
      """)
  void errorsNameTheFileAndLine(String line, String expectedStart) {
    assertThatThrownBy(() -> read("; first line\n" + line + "\n"))
        .isInstanceOf(ZoneFileException.class)
        .hasMessageStartingWith(expectedStart.strip());
  }

  /** The fast path for simple RDATA must build exactly the record dnsjava's parser builds. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      a A 192.0.2.1                         => a.z.test. 60 A 192.0.2.1
      a 300 IN A 192.0.2.1                  => a.z.test. 300 A 192.0.2.1
      a IN 1h A 192.0.2.1                   => a.z.test. 3600 A 192.0.2.1
      A.Z.TEST. A 10.0.0.255                => A.Z.TEST. 60 A 10.0.0.255
      v6 AAAA 2001:DB8::0:1                 => v6.z.test. 60 AAAA 2001:db8:0:0:0:0:0:1
      v6 AAAA ::ffff:192.0.2.1              => v6.z.test. 60 AAAA ::ffff:192.0.2.1
      @ NS ns1                              => z.test. 60 NS ns1.z.test.
      @ NS ns.other.example.                => z.test. 60 NS ns.other.example.
      c CNAME @                             => c.z.test. 60 CNAME z.test.
      p PTR host.Example.NET.               => p.z.test. 60 PTR host.Example.NET.
      m MX 10 mail                          => m.z.test. 60 MX 10 mail.z.test.
      m MX 65535 mail.x.                    => m.z.test. 60 MX 65535 mail.x.
      t TXT "a b" c                         => t.z.test. 60 TXT "a b" "c"
      s SRV 1 2 3 t                         => s.z.test. 60 SRV 1 2 3 t.z.test.
      s SRV 10 20   5060 sip.example.       => s.z.test. 60 SRV 10 20 5060 sip.example.
      s SRV 0 0 0 .                         => s.z.test. 60 SRV 0 0 0 .
      t TXT "v=bench host 4"                => t.z.test. 60 TXT "v=bench host 4"
      t TXT "a"   "b c"                     => t.z.test. 60 TXT "a" "b c"
      t TXT ""                              => t.z.test. 60 TXT ""
      t TXT "a;b" ; comment                 => t.z.test. 60 TXT "a;b"
      t TXT "a""b"                          => t.z.test. 60 TXT "a" "b"
      t TXT word                            => t.z.test. 60 TXT "word"
      """)
  void theFastPathReadsExactlyWhatDnsjavaReads(String line, String expected) throws Exception {
    List<String> read = read("$TTL 60\n" + line + "\n");
    assertThat(read).singleElement().asString().isEqualTo("2 " + expected);
    String[] w = expected.split(" ", 4);
    Record dnsjava = Record.fromString(Name.fromString(w[0]), Type.value(w[2]), org.xbill.DNS.DClass.IN,
        Long.parseLong(w[1]), line.substring(line.indexOf(w[2].equals("A") ? " A " : " " + w[2] + " ") + w[2].length() + 2).strip(), ORIGIN);
    List<Record> fast = new ArrayList<>();
    ZoneFileReader.forUntrustedText().read(new StringReader("$TTL 60\n" + line + "\n"), "z", ORIGIN, (r, at) -> fast.add(r));
    assertThat(fast.get(0)).isEqualTo(dnsjava);
    assertThat(fast.get(0).rdataToString()).isEqualTo(dnsjava.rdataToString());
    assertThat(fast.get(0).getClass()).isEqualTo(dnsjava.getClass());
  }

  @Test
  void aRepeatedOwnerIsTheSameNameObject() throws Exception {
    List<Record> out = new ArrayList<>();
    ZoneFileReader.forUntrustedText().read(new StringReader("$TTL 60\nh1 A 192.0.2.1\nh1 AAAA ::1\nh2 A 192.0.2.2\n"), "z", ORIGIN,
        (r, at) -> out.add(r));
    assertThat(out.get(0).getName()).isSameAs(out.get(1).getName());
    assertThat(out.get(2).getName()).isNotSameAs(out.get(1).getName());
  }

  @Test
  void aLineStartingWithBlankSpaceNeedsAPreviousOwner() {
    assertThatThrownBy(() -> read("   60 A 192.0.2.1\n"))
        .isInstanceOf(ZoneFileException.class).hasMessageStartingWith("z.zone:1: record has no owner");
  }
}
